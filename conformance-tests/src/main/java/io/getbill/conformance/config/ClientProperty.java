package io.getbill.conformance.config;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a check needs of the OAuth client it runs as ("holds the refresh_token grant", "holds the scope debts:read",
 * "does not hold the refresh_token grant"...), with the words the kit prints when the config has no such client.
 * Checks never assume that a client declared for one purpose has the properties of another: each asks for what it
 * needs, and {@link io.getbill.conformance.core.KitContext#client} picks a client of the config that has it or skips
 * the check naming the property.
 *
 * @param description what the client must be, completing "a client that ..." (e.g. "holds the refresh_token grant")
 * @param test        whether a client has the property
 */
public record ClientProperty(String description, Predicate<KitClient> test) {

    /** Every client the kit runs as obtains its tokens with client credentials (RFC 6749 §4.4). */
    public static final ClientProperty CLIENT_CREDENTIALS = grant("client_credentials");
    /** May exchange refresh tokens (RFC 6749 §6). */
    public static final ClientProperty REFRESH_TOKEN = grant("refresh_token");
    /** Must be refused the refresh_token grant (RFC 6749 §5.2 {@code unauthorized_client}, §4.4.3). */
    public static final ClientProperty NO_REFRESH_TOKEN = withoutGrant("refresh_token");
    /** May use the authorization endpoint and redeem codes (RFC 6749 §4.1). */
    public static final ClientProperty AUTHORIZATION_CODE = grant("authorization_code");
    /**
     * Registers an {@code https} redirect URI on a host name ({@link KitClient#httpsRedirectUri}): its variants must
     * all be refused, and its consent is remembered (a public client on {@code http} is asked every time).
     */
    public static final ClientProperty HTTPS_REDIRECT_URI = new ClientProperty(
            "registers an https redirect URI on a host name (redirect_uris)", c -> c.httpsRedirectUri() != null);

    public ClientProperty {
        Objects.requireNonNull(description);
        Objects.requireNonNull(test);
    }

    public boolean matches(KitClient client) {
        return test.test(client);
    }

    /** Both properties; described as "A and B". */
    public ClientProperty and(ClientProperty other) {
        return new ClientProperty(description + " and " + other.description, test.and(other.test));
    }

    public static ClientProperty grant(String grantType) {
        return new ClientProperty("holds the " + grantType + " grant", c -> c.hasGrant(grantType));
    }

    public static ClientProperty withoutGrant(String grantType) {
        return new ClientProperty("does not hold the " + grantType + " grant", c -> !c.hasGrant(grantType));
    }

    public static ClientProperty scope(String scope) {
        return new ClientProperty("holds the scope " + scope, c -> c.scopes().contains(scope));
    }

    /** Holds every one of {@code scopes}. */
    public static ClientProperty scopes(Collection<String> scopes) {
        List<String> all = List.copyOf(scopes);
        return all.size() == 1 ? scope(all.get(0))
                : new ClientProperty("holds the scopes " + String.join(", ", all), c -> c.scopes().containsAll(all));
    }

    /** Holds at least {@code count} scopes (so that a token can be asked for fewer than the client holds). */
    public static ClientProperty atLeastScopes(int count) {
        return new ClientProperty("holds at least " + count + " scope" + (count == 1 ? "" : "s"), c -> c.scopes().size() >= count);
    }

    /** Lacks {@code scope}: a valid token of this client is refused where {@code scope} is required (403). */
    public static ClientProperty lacksScope(String scope) {
        return new ClientProperty("does not hold the scope " + scope, c -> !c.scopes().contains(scope));
    }

    /** Lacks at least one of {@code scopes} and holds at least one scope. */
    public static ClientProperty lacksOneOf(Collection<String> scopes) {
        List<String> all = List.copyOf(scopes);
        return new ClientProperty("holds a scope but not every scope of the contract",
                c -> !c.scopes().isEmpty() && !c.scopes().containsAll(all));
    }

    /** Any client but {@code other}. */
    public static ClientProperty otherThan(KitClient other) {
        return new ClientProperty("is not " + other.clientId(), c -> !c.clientId().equals(other.clientId()));
    }

    /** A client of another company than {@code other}'s (tenant isolation). */
    public static ClientProperty otherCompanyThan(KitClient other) {
        return new ClientProperty("belongs to a company other than '" + other.company() + "'",
                c -> !c.company().equals(other.company()));
    }

    /** A client of {@code company}. */
    public static ClientProperty company(String company) {
        return new ClientProperty("belongs to '" + company + "'", c -> c.company().equals(company));
    }

    /** Declares a read limit of at most {@code reads} an hour ({@code rate_limits.reads_per_hour}). */
    public static ClientProperty readsAtMost(int reads) {
        return new ClientProperty("declares rate_limits.reads_per_hour of at most " + reads,
                c -> c.readsPerHour() != null && c.readsPerHour() <= reads);
    }

    @Override
    public String toString() {
        return description;
    }
}
