package io.getbill.conformance.config;

/**
 * A company user of the deployment, as the config file's {@code companies[].users[]} declares it (the bootstrap
 * format): the admin API's session checks sign in as an {@code admin} and a {@code member} user; the webhook and
 * report checks use an admin of their client's company to register a receiver or have a report generated.
 */
public record KitUser(String email, String password, String company, String role) {

    @Override
    public String toString() {
        return email + " (company " + company + ", role " + role + ")";
    }
}
