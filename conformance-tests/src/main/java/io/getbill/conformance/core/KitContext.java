package io.getbill.conformance.core;

import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.config.KitUser;
import io.getbill.conformance.spec.ApiModel;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What check groups share during one run: the HTTP client, the contract, the config's clients and users, tokens, the
 * tag that marks data the run creates, and the ledger of what to delete at the end.
 *
 * <p>Checks obtain the client they run as from {@link #client}, by the properties they need; when the config has no
 * such client the check is skipped and its reason names the property. Call it inside a check's body.
 */
public final class KitContext {

    /** Every {@code internal_id} the kit writes starts with this, so its data is recognisable and removable. */
    public static final String MARK = "conformance-";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Http http;
    private final ApiModel api;
    private final KitConfig config;
    private final Tokens tokens;
    private final TokenMinter minter;
    private final String runId;
    private final List<String> createdDebts = Collections.synchronizedList(new ArrayList<>());

    public KitContext(Http http, ApiModel api, KitConfig config, TokenMinter minter) {
        this.http = http;
        this.api = api;
        this.config = config;
        this.tokens = new Tokens(http);
        this.minter = minter;
        this.runId = randomId(8).toLowerCase(java.util.Locale.ROOT);
    }

    public Http http() {
        return http;
    }

    public ApiModel api() {
        return api;
    }

    public KitConfig config() {
        return config;
    }

    /**
     * A client of the config holding the {@code client_credentials} grant and every property given; among several,
     * the one holding the most scopes, then the first in the file. Low-limit clients ({@link KitConfig#isLowLimit})
     * are never picked here.
     *
     * @throws CheckSkipped naming the properties when no client has them all
     */
    public KitClient client(ClientProperty... needs) {
        return pick(config.clients().stream().filter(c -> !KitConfig.isLowLimit(c)).toList(), "a client", needs);
    }

    /**
     * A client of the config holding the {@code authorization_code} grant and every property given, whatever its
     * other grants (a client of the authorization code flow need not hold client credentials); among several, the
     * first in the file. Low-limit clients are never picked.
     *
     * @throws CheckSkipped naming the properties when no client has them all
     */
    public KitClient codeClient(ClientProperty... needs) {
        List<ClientProperty> all = new ArrayList<>();
        all.add(ClientProperty.AUTHORIZATION_CODE);
        all.addAll(Arrays.asList(needs));
        return config.clients().stream().filter(c -> !KitConfig.isLowLimit(c))
                .filter(c -> all.stream().allMatch(p -> p.matches(c)))
                .findFirst()
                .orElseThrow(() -> new CheckSkipped("needs a client that " + all.stream().map(ClientProperty::description)
                        .collect(Collectors.joining(" and ")) + "; the config has none"));
    }

    /**
     * A user to sign in on the deployment's sign-in page for {@code client}: the first user of the client's company,
     * else the first user of the file.
     *
     * @throws CheckSkipped when the config has no user with an email and a password
     */
    public KitUser signInUser(KitClient client) {
        return config.users().stream().filter(u -> u.company().equals(client.company())).findFirst()
                .or(() -> config.users().stream().findFirst())
                .orElseThrow(() -> new CheckSkipped("needs a user to sign in (companies[].users[] with email and password);"
                        + " the config has none"));
    }

    /** {@link #client}, or empty instead of skipping. */
    public Optional<KitClient> findClient(ClientProperty... needs) {
        try {
            return Optional.of(client(needs));
        } catch (CheckSkipped none) {
            return Optional.empty();
        }
    }

    /** A low-limit client ({@link KitConfig#isLowLimit}) with every property given, for the 429 check. */
    public KitClient lowLimitClient(ClientProperty... needs) {
        return pick(config.clients().stream().filter(KitConfig::isLowLimit).toList(),
                "a client with rate_limits.reads_per_hour of at most " + KitConfig.LOW_LIMIT, needs);
    }

    private static KitClient pick(List<KitClient> candidates, String what, ClientProperty... needs) {
        List<ClientProperty> all = new ArrayList<>();
        all.add(ClientProperty.CLIENT_CREDENTIALS);
        all.addAll(Arrays.asList(needs));
        return candidates.stream()
                .filter(c -> all.stream().allMatch(p -> p.matches(c)))
                .min(Comparator.comparingInt((KitClient c) -> -c.scopes().size()))
                .orElseThrow(() -> new CheckSkipped("needs " + what + " that " + all.stream().map(ClientProperty::description)
                        .collect(Collectors.joining(" and ")) + "; the config has none"));
    }

    /**
     * A user of {@code company} with {@code role} ({@code admin} or {@code member}), for the admin API.
     *
     * @throws CheckSkipped naming the missing user
     */
    public KitUser user(String role, String company) {
        return config.users(role, company).stream().findFirst().orElseThrow(() -> new CheckSkipped(
                "needs a user with role " + role + " of '" + company + "' (companies[].users[] with email, password, role); the config has none"));
    }

    /** A user with {@code role} of any company. */
    public KitUser user(String role) {
        return config.users().stream().filter(u -> u.role().equals(role)).findFirst().orElseThrow(() -> new CheckSkipped(
                "needs a user with role " + role + " (companies[].users[] with email, password, role); the config has none"));
    }

    public Tokens tokens() {
        return tokens;
    }

    /** The server-key minter, or {@code null} outside the build. */
    public TokenMinter minter() {
        return minter;
    }

    /** {@code conformance-<run>}: the prefix of every {@code internal_id} this run writes. */
    public String mark() {
        return MARK + runId;
    }

    /** A syntactically valid id (the contract's {@code Id} pattern) that names nothing. */
    public static String randomId(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ID_CHARS[RANDOM.nextInt(ID_CHARS.length)]);
        }
        return b.toString();
    }

    /** Remembers a debt the kit created, to delete it at the end of the run. */
    public void created(String debtId) {
        if (debtId != null) {
            createdDebts.add(debtId);
        }
    }

    public List<String> createdDebts() {
        synchronized (createdDebts) {
            return List.copyOf(createdDebts);
        }
    }
}
