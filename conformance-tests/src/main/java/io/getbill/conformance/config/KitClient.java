package io.getbill.conformance.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * An OAuth client of the deployment, as the config file declares it.
 *
 * @param secret                  the client secret, or {@code null} for a public client
 *                                ({@code token_endpoint_auth_method: none})
 * @param readsPerHour            the client's declared read limit, or {@code null} when the file does not set one
 * @param redirectUris            the registered redirect URIs (RFC 6749 §3.1.2), empty for a client without the
 *                                {@code authorization_code} grant
 * @param tokenEndpointAuthMethod how the client authenticates at the token endpoint (RFC 7591 §2):
 *                                {@code client_secret_basic} (the default), {@code client_secret_post} or {@code none}
 */
public record KitClient(String clientId, String secret, String company, List<String> grantTypes, List<String> scopes,
                        Integer readsPerHour, List<String> redirectUris, String tokenEndpointAuthMethod) {

    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String NONE = "none";

    public KitClient {
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        tokenEndpointAuthMethod = tokenEndpointAuthMethod == null ? CLIENT_SECRET_BASIC : tokenEndpointAuthMethod;
    }

    /** A confidential client without redirect URIs (client credentials, refresh tokens). */
    public KitClient(String clientId, String secret, String company, List<String> grantTypes, List<String> scopes,
                     Integer readsPerHour) {
        this(clientId, secret, company, grantTypes, scopes, readsPerHour, List.of(), CLIENT_SECRET_BASIC);
    }

    /** The same client presenting another secret (to replay a recorded authentication failure). */
    public KitClient withSecret(String otherSecret) {
        return new KitClient(clientId, otherSecret, company, grantTypes, scopes, readsPerHour, redirectUris,
                tokenEndpointAuthMethod);
    }

    public boolean hasGrant(String grant) {
        return grantTypes.contains(grant);
    }

    /** Whether the client has no secret and names itself with {@code client_id} at the token endpoint. */
    public boolean isPublic() {
        return NONE.equals(tokenEndpointAuthMethod);
    }

    /**
     * The first registered redirect URI that is {@code https} on a host name (not an IP literal, not
     * {@code localhost}): the one whose variants (another port, an upper-case host) no rule of RFC 8252 §7.3 lets
     * match, so that the authorization endpoint must refuse them. {@code null} when there is none.
     */
    public String httpsRedirectUri() {
        for (String uri : redirectUris) {
            try {
                URI u = new URI(uri);
                String host = u.getHost();
                if ("https".equalsIgnoreCase(u.getScheme()) && host != null && u.getRawFragment() == null
                        && !host.equalsIgnoreCase("localhost") && !host.startsWith("[")
                        && host.chars().anyMatch(Character::isLetter) && host.equals(host.toLowerCase(Locale.ROOT))
                        && !host.matches("[0-9.]+")) {
                    return uri;
                }
            } catch (Exception e) {
                // not a URI: not one the kit can use
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return clientId + " (company " + company + ", scopes " + scopes + ", grants " + grantTypes
                + (redirectUris.isEmpty() ? "" : ", redirect_uris " + redirectUris)
                + (CLIENT_SECRET_BASIC.equals(tokenEndpointAuthMethod) ? "" : ", " + tokenEndpointAuthMethod) + ")";
    }
}
