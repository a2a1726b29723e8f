package io.getbill.conformance.config;

/**
 * A company user of the deployment, as the config file declares it ({@code companies[].users}), for the admin API's
 * session checks.
 */
public record KitUser(String email, String password, String company, String role) {

    @Override
    public String toString() {
        return email + " (company " + company + ", role " + role + ")";
    }
}
