package io.getbill.server.oauth.protocol;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A set of scope tokens (RFC 6749 §3.3): parsed from and rendered as a space-delimited string, order-preserving,
 * without duplicates. Grants are decided with {@link #isSubsetOf(Scope)}: a request is granted whole or refused
 * whole, never partially.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a>
 */
public final class Scope {

    /** Every scope this API defines, in the order of the contract. */
    public static final List<String> ALL = List.of(
            "debts:read", "debts:write", "debtors:read", "debtors:write", "creditors:read", "creditors:write",
            "followups:read", "followups:write", "reports:read", "company:read", "users:read", "webhooks:read");

    private static final Set<String> KNOWN = Set.copyOf(ALL);
    /** scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) */
    private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final Set<String> tokens;

    private Scope(Set<String> tokens) {
        this.tokens = Collections.unmodifiableSet(tokens);
    }

    public static Scope of(Collection<String> tokens) {
        return new Scope(new LinkedHashSet<>(tokens));
    }

    /**
     * Parses a space-delimited scope string.
     *
     * @throws IllegalArgumentException when it is not RFC 6749 §3.3 syntax (empty tokens from repeated spaces,
     *                                  forbidden characters)
     */
    public static Scope parse(String value) {
        if (value == null || value.isEmpty()) {
            return new Scope(new LinkedHashSet<>());
        }
        LinkedHashSet<String> tokens = new LinkedHashSet<>();
        for (String token : value.split(" ", -1)) {
            if (!TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException("malformed scope");
            }
            tokens.add(token);
        }
        return new Scope(tokens);
    }

    public static Scope parseLenient(String value) {
        if (value == null || value.isBlank()) {
            return new Scope(new LinkedHashSet<>());
        }
        return new Scope(new LinkedHashSet<>(Arrays.asList(value.trim().split("\\s+"))));
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    public boolean isSubsetOf(Scope other) {
        return other.tokens.containsAll(tokens);
    }

    /** Tokens of this scope that {@code allowed} does not contain. */
    public Set<String> minus(Scope allowed) {
        LinkedHashSet<String> rest = new LinkedHashSet<>(tokens);
        rest.removeAll(allowed.tokens);
        return rest;
    }

    /** The tokens of this scope that {@code other} also holds, in this scope's order. */
    public Scope intersect(Scope other) {
        LinkedHashSet<String> common = new LinkedHashSet<>(tokens);
        common.retainAll(other.tokens);
        return new Scope(common);
    }

    /** Tokens that are not scopes of this API. */
    public Set<String> unknown() {
        LinkedHashSet<String> rest = new LinkedHashSet<>(tokens);
        rest.removeAll(KNOWN);
        return rest;
    }

    public Set<String> tokens() {
        return tokens;
    }

    public boolean contains(String token) {
        return tokens.contains(token);
    }

    /** The space-delimited form. */
    @Override
    public String toString() {
        return String.join(" ", tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scope other && tokens.equals(other.tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }
}
