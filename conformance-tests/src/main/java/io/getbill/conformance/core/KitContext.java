package io.getbill.conformance.core;

import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.spec.ApiModel;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What check groups share during one run: the HTTP client, the contract, the chosen clients, tokens, the tag that
 * marks data the run creates, and the ledger of what to delete at the end.
 */
public final class KitContext {

    /** Every {@code internal_id} the kit writes starts with this, so its data is recognisable and removable. */
    public static final String MARK = "conformance-";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Http http;
    private final ApiModel api;
    private final KitConfig.Selection clients;
    private final Tokens tokens;
    private final TokenMinter minter;
    private final String runId;
    private final List<String> createdDebts = Collections.synchronizedList(new ArrayList<>());

    public KitContext(Http http, ApiModel api, KitConfig.Selection clients, TokenMinter minter) {
        this.http = http;
        this.api = api;
        this.clients = clients;
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

    public KitConfig.Selection clients() {
        return clients;
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
