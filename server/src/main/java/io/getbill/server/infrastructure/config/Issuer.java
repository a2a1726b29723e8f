package io.getbill.server.infrastructure.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * The public base URL of this server: the {@code iss} of every access token (RFC 9068 §2.2), the {@code issuer} of
 * the metadata (RFC 8414 §2) and the base of every absolute URL the server emits. {@code GETBILL_ISSUER} when set,
 * otherwise {@code http://localhost:<port>} of the running server.
 */
@Singleton
public class Issuer {

    private final String configured;
    private final Provider<EmbeddedServer> server;
    private volatile String resolved;

    public Issuer(GetBillProperties properties, Provider<EmbeddedServer> server) {
        String value = properties.getIssuer() == null ? "" : properties.getIssuer().trim();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        this.configured = value;
        this.server = server;
    }

    /** The issuer identifier, without a trailing slash. */
    public String value() {
        String v = resolved;
        if (v == null) {
            v = configured.isEmpty() ? "http://localhost:" + server.get().getPort() : configured;
            resolved = v;
        }
        return v;
    }

    /** The audience of access tokens for the resource API: {@code <issuer>/external-api}. */
    public String resourceAudience() {
        return value() + "/external-api";
    }

    /** An absolute URL on this server for {@code path} (which starts with {@code /}). */
    public String url(String path) {
        return value() + path;
    }
}
