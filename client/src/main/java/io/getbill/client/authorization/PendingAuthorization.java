package io.getbill.client.authorization;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * One authorization request in progress: the URL to send the user's browser to, and what the app must keep until
 * the browser comes back — the {@code state} and the PKCE verifier — to hand to
 * {@link AuthorizationCodeFlow#complete(PendingAuthorization, URI)}.
 *
 * <p><b>Keeping it.</b> Keep it where only this user's browser session can reach it, server-side: a web app puts it
 * in the user's session ({@link Serializable}, or its four {@linkplain #of parts} in a store of its own); a desktop
 * app keeps it in memory. Never put it in a URL or an unprotected cookie: the verifier is what makes a stolen
 * code useless. Use it for one callback and then discard it.
 *
 * <p>{@link #toString()} shows the authorization URL's endpoint and the redirect URI, never the state or the
 * verifier. Immutable.
 */
public final class PendingAuthorization implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final URI authorizationUri;
    private final String redirectUri;
    private final String state;
    private final String codeVerifier;

    private PendingAuthorization(URI authorizationUri, String redirectUri, String state, String codeVerifier) {
        this.authorizationUri = authorizationUri;
        this.redirectUri = redirectUri;
        this.state = state;
        this.codeVerifier = codeVerifier;
    }

    /**
     * A pending authorization restored from the parts an app stored itself.
     *
     * @throws IllegalArgumentException if a part is missing or the verifier is not an RFC 7636 verifier
     */
    public static PendingAuthorization of(URI authorizationUri, String redirectUri, String state, String codeVerifier) {
        Objects.requireNonNull(authorizationUri, "authorizationUri");
        if (redirectUri == null || redirectUri.isEmpty()) {
            throw new IllegalArgumentException("redirectUri is required");
        }
        if (state == null || state.isEmpty()) {
            throw new IllegalArgumentException("state is required");
        }
        CodeVerifier.of(codeVerifier);
        return new PendingAuthorization(authorizationUri, redirectUri, state, codeVerifier);
    }

    /** Where to send the user's browser (a 302/303 redirect, or a link the user follows). */
    public URI authorizationUri() {
        return authorizationUri;
    }

    /** The {@code redirect_uri} the request named; the code exchange repeats it byte for byte. */
    public String redirectUri() {
        return redirectUri;
    }

    /** The {@code state} the callback must carry back, byte for byte (256 random bits, base64url). */
    public String state() {
        return state;
    }

    /** The PKCE verifier whose {@code S256} challenge the request carried (RFC 7636). */
    public String codeVerifier() {
        return codeVerifier;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            of(authorizationUri, redirectUri, state, codeVerifier);
        } catch (RuntimeException e) {
            throw new InvalidObjectException("Not a pending authorization: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        String endpoint = authorizationUri.getScheme() + "://" + authorizationUri.getRawAuthority()
                + authorizationUri.getRawPath();
        return "PendingAuthorization[authorizationEndpoint=" + endpoint + ", redirectUri=" + redirectUri
                + ", state=<redacted>, codeVerifier=<redacted>]";
    }
}
