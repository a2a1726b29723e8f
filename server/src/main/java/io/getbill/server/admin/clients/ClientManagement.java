package io.getbill.server.admin.clients;

import io.getbill.server.oauth.clients.ClientRegistry;
import io.getbill.server.oauth.clients.ClientSecretHasher;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.clients.OAuthClientRepository;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.TokenEndpointAuthMethod;
import io.getbill.server.oauth.authorization.ClientRegistrationRules;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.oauth.refresh.RefreshTokenStore;
import io.getbill.server.oauth.denylist.TokenRevocations;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a company admin does with the company's OAuth clients: create (secret shown once), rotate the secret with an
 * overlap, disable, enable and delete — always within one company, so that another company's client is "not found".
 *
 * <p>Secrets are 256 random bits and only their HMAC is stored ({@link ClientSecretHasher}). A rotation keeps the
 * replaced secret valid for {@code getbill.admin.clients.secret-overlap} (default 24 h; {@link ClientAuthenticator}
 * honours {@code previous_secret_expires_at}); a second rotation within the overlap drops the oldest secret.
 *
 * <p>Disabling or deleting a client revokes every token it holds at once: its refresh tokens are marked revoked
 * ({@code invalid_grant}), and a per-client cut-off in the denylist refuses every access token it was issued until
 * then, on every instance within the denylist's refresh interval. This instance's client cache is invalidated at
 * once; other instances see the change within {@code getbill.clients.cache-ttl}.
 */
@Singleton
public class ClientManagement {

    private static final int SECRET_BITS = 256;
    private static final int DEFAULT_READS = 1000;
    private static final int DEFAULT_WRITES = 500;

    private final OAuthClientRepository clients;
    private final ClientRegistry registry;
    private final ClientSecretHasher hasher;
    private final RefreshTokenStore refreshTokens;
    private final TokenRevocations revocations;
    private final WriteTransactions writes;
    private final Duration overlap;

    /** A client and its new secret, to be shown once. */
    public record WithSecret(OAuthClient client, String secret) {
        @Override
        public String toString() {
            return "WithSecret{" + client + ", secret=<redacted>}";
        }
    }

    public ClientManagement(OAuthClientRepository clients, ClientRegistry registry, ClientSecretHasher hasher,
                            RefreshTokenStore refreshTokens, TokenRevocations revocations, WriteTransactions writes,
                            @Value("${getbill.admin.clients.secret-overlap:24h}") Duration overlap) {
        this.clients = clients;
        this.registry = registry;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.writes = writes;
        this.overlap = overlap;
    }

    /** The company's clients, oldest first. */
    public List<OAuthClient> list(String companyId) {
        return clients.findByCompanyId(companyId).stream()
                .sorted(Comparator.comparing(OAuthClient::createdAt).thenComparing(OAuthClient::clientId))
                .toList();
    }

    /** @throws ApiException 404 when the company has no client with exactly this id */
    public OAuthClient get(String companyId, String clientId) {
        return clients.findById(clientId)
                // MariaDB compares ids case-insensitively: insist on the exact id, and on the company.
                .filter(c -> c.clientId().equals(clientId) && c.companyId().equals(companyId))
                .orElseThrow(() -> ApiException.notFound("Client not found"));
    }

    /**
     * Registers a client. A confidential client gets a generated secret (returned once); a public one
     * ({@code none}) gets none, and {@link WithSecret#secret()} is {@code null}.
     *
     * @throws ApiException 400 naming every field that breaks {@link ClientRegistrationRules}, a blank {@code name},
     *                      or an unknown scope
     */
    public WithSecret create(String companyId, String name, Collection<String> grantTypes, Collection<String> scopes,
                             Integer readsPerHour, Integer writesPerHour, Collection<String> redirectUris,
                             String tokenEndpointAuthMethod) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw ApiException.validation(Map.of("name", List.of("Name must not be blank")));
        }
        Set<String> grants = new LinkedHashSet<>(grantTypes);
        List<String> uris = redirectUris == null ? List.of() : List.copyOf(new LinkedHashSet<>(redirectUris));
        String method = tokenEndpointAuthMethod == null ? TokenEndpointAuthMethod.CLIENT_SECRET_BASIC.value() : tokenEndpointAuthMethod;
        Map<String, List<String>> problems = new java.util.LinkedHashMap<>(ClientRegistrationRules.problems(grants, uris, method));
        Scope scope = Scope.of(scopes);
        if (!scope.unknown().isEmpty() || scope.isEmpty()) {
            problems.put("scopes", List.of("Unknown scope: " + String.join(" ", scope.unknown())));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        boolean isPublic = TokenEndpointAuthMethod.of(method).map(TokenEndpointAuthMethod::isPublic).orElse(false);
        String secret = isPublic ? null : RandomValues.secret(SECRET_BITS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OAuthClient client = new OAuthClient(RandomValues.id(), companyId, trimmed, secret == null ? null : hasher.hash(secret),
                null, null, String.join(" ", grants), scope.toString(),
                readsPerHour == null ? DEFAULT_READS : readsPerHour,
                writesPerHour == null ? DEFAULT_WRITES : writesPerHour,
                true, now, null, uris.isEmpty() ? null : String.join("\n", uris), method);
        clients.save(client);
        return new WithSecret(client, secret);
    }

    /** A new secret; the replaced one keeps working for the overlap. */
    public WithSecret rotateSecret(String companyId, String clientId) {
        if (get(companyId, clientId).isPublic()) {
            throw ApiException.validation(Map.of("client_id", List.of("A public client has no secret to rotate")));
        }
        String secret = RandomValues.secret(SECRET_BITS);
        OAuthClient rotated = writes.run(() -> {
            OAuthClient c = get(companyId, clientId);
            Instant expires = Instant.now().plus(overlap).truncatedTo(ChronoUnit.MICROS);
            OAuthClient updated = new OAuthClient(c.clientId(), c.companyId(), c.name(), hasher.hash(secret),
                    c.secretHash(), expires, c.grantTypes(), c.scopes(), c.readsPerHour(), c.writesPerHour(),
                    c.enabled(), c.createdAt(), c.lastUsedAt(), c.redirectUris(), c.tokenEndpointAuthMethod());
            return clients.update(updated);
        });
        registry.invalidate(clientId);
        return new WithSecret(rotated, secret);
    }

    /** Disables the client and revokes every token it holds. Idempotent. */
    public OAuthClient disable(String companyId, String clientId) {
        OAuthClient disabled = writes.run(() -> {
            OAuthClient c = get(companyId, clientId);
            return c.enabled() ? clients.update(withEnabled(c, false)) : c;
        });
        registry.invalidate(clientId);
        revokeEverything(disabled.clientId());
        return disabled;
    }

    /** Lets the client ask for tokens again; tokens revoked before stay revoked. */
    public OAuthClient enable(String companyId, String clientId) {
        if (!get(companyId, clientId).enabled()) {
            awaitNextSecond();
        }
        OAuthClient enabled = writes.run(() -> {
            OAuthClient c = get(companyId, clientId);
            return c.enabled() ? c : clients.update(withEnabled(c, true));
        });
        registry.invalidate(clientId);
        return enabled;
    }

    /** Deletes the client after revoking every token it holds. */
    public void delete(String companyId, String clientId) {
        OAuthClient c = get(companyId, clientId);
        revokeEverything(c.clientId());
        writes.run(() -> {
            clients.deleteById(c.clientId());
            return null;
        });
        registry.invalidate(clientId);
    }

    private void revokeEverything(String clientId) {
        // The cut-off first: from here on no access token of the client passes, whatever happens next.
        revocations.revokeClient(clientId);
        refreshTokens.revokeAllOfClient(clientId);
    }

    /**
     * A client cut-off refuses the tokens issued up to and including its second ({@code iat} has whole seconds), so a
     * client enabled again within the second it was disabled would have its first new tokens refused too. Waiting for
     * the next second (at most one, on a rare admin action) makes every token issued after this call newer than any
     * cut-off made before it.
     */
    private static void awaitNextSecond() {
        long millis = 1_000 - System.currentTimeMillis() % 1_000 + 1;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while enabling a client", e);
        }
    }

    private static OAuthClient withEnabled(OAuthClient c, boolean enabled) {
        return new OAuthClient(c.clientId(), c.companyId(), c.name(), c.secretHash(), c.previousSecretHash(),
                c.previousSecretExpiresAt(), c.grantTypes(), c.scopes(), c.readsPerHour(), c.writesPerHour(), enabled,
                c.createdAt(), c.lastUsedAt(), c.redirectUris(), c.tokenEndpointAuthMethod());
    }

    /** The grant types of a stored client, in order. */
    public static List<String> grantTypes(OAuthClient client) {
        return List.of(client.grantTypes().split(" "));
    }

    /** The scopes of a stored client, in the API's order. */
    public static List<String> scopes(OAuthClient client) {
        Set<String> tokens = client.registeredScope().tokens();
        return Scope.ALL.stream().filter(tokens::contains).collect(Collectors.toList());
    }
}
