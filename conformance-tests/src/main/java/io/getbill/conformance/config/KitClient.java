package io.getbill.conformance.config;

import java.util.List;

/**
 * An OAuth client of the deployment, as the config file declares it.
 *
 * @param readsPerHour the client's declared read limit, or {@code null} when the file does not set one
 */
public record KitClient(String clientId, String secret, String company, List<String> grantTypes, List<String> scopes,
                        Integer readsPerHour) {

    /** The same client presenting another secret (to replay a recorded authentication failure). */
    public KitClient withSecret(String otherSecret) {
        return new KitClient(clientId, otherSecret, company, grantTypes, scopes, readsPerHour);
    }

    public boolean hasGrant(String grant) {
        return grantTypes.contains(grant);
    }

    @Override
    public String toString() {
        return clientId + " (company " + company + ", scopes " + scopes + ", grants " + grantTypes + ")";
    }
}
