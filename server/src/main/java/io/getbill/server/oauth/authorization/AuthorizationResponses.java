package io.getbill.server.oauth.authorization;

import io.getbill.server.infrastructure.config.Issuer;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the redirects to the client (RFC 6749 §4.1.2, §4.1.2.1): the registered redirect URI with {@code code} or
 * {@code error} (and {@code error_description}), the {@code state} exactly as received, and {@code iss} (RFC 9207
 * §2), so that a client talking to several servers can tell which one answered (mix-up defence). Parameters are
 * added to any query the redirect URI already has.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207#section-2">RFC 9207 §2</a>
 */
@Singleton
public class AuthorizationResponses {

    private final Issuer issuer;

    public AuthorizationResponses(Issuer issuer) {
        this.issuer = issuer;
    }

    public String success(String redirectUri, String code, String state) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        return build(redirectUri, parameters, state);
    }

    public String error(String redirectUri, String error, String description, String state) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        if (description != null) {
            parameters.put("error_description", description);
        }
        return build(redirectUri, parameters, state);
    }

    private String build(String redirectUri, Map<String, String> parameters, String state) {
        if (state != null) {
            parameters.put("state", state);
        }
        parameters.put("iss", issuer.value());
        StringBuilder uri = new StringBuilder(redirectUri);
        char separator = redirectUri.indexOf('?') >= 0 ? '&' : '?';
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            uri.append(separator).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return uri.toString();
    }
}
