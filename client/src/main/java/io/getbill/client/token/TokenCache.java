package io.getbill.client.token;

import java.util.Optional;

/**
 * Optional hook to keep tokens beyond one {@link TokenManager}: across restarts, or shared by several
 * processes of one partner (so they do not each ask for a token). The manager always keeps the current
 * token in memory as well; the cache is consulted when that one is missing or due for renewal.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe. The manager calls {@link #remove(String)}
 * <em>before</em> it presents a refresh token, and {@link #store(String, IssuedTokens)} after every grant,
 * so a refresh token read from the cache is never presented twice — GetBill revokes the whole token family
 * when a used refresh token comes back. Keep stored tokens as secret as the client secret. An exception
 * thrown by the cache is logged and ignored: the manager then works from memory.
 *
 * <p>The key identifies the token endpoint, the client id and the requested scopes
 * ({@code <token endpoint> <client id> <scope>}); it contains no secret.
 */
public interface TokenCache {

    /** The tokens stored under {@code key}, if any. */
    Optional<IssuedTokens> load(String key);

    /** Stores (replaces) the tokens under {@code key}. */
    void store(String key, IssuedTokens tokens);

    /** Forgets the tokens under {@code key}. */
    void remove(String key);
}
