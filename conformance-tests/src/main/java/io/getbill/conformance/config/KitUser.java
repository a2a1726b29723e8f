package io.getbill.conformance.config;

/**
 * A company user of the deployment, as the config file's {@code companies[].users[]} declares it (the bootstrap
 * format): the kit signs in to the admin API with an {@code admin} user only where a check needs it, e.g. to have a
 * report generated when the company has none yet.
 */
public record KitUser(String email, String password, String company, String role) {

    @Override
    public String toString() {
        return email + " (company " + company + ", role " + role + ")";
    }
}
