package io.getbill.server.oauth.authorization;

import io.getbill.server.oauth.protocol.Scope;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain-words description of each scope shown on the consent page, read from the contract the server serves
 * (the {@code oauth2} scheme's {@code authorizationCode} flow): one source, so the page and the documentation never
 * disagree.
 */
@Singleton
public class ScopeDescriptions {

    static final String CONTRACT = "io/getbill/openapi/getbill-api.yaml";

    private final Map<String, String> descriptions;

    public ScopeDescriptions() {
        this.descriptions = load();
    }

    /** The description of {@code scope}, or the scope itself when the contract has none. */
    public String of(String scope) {
        return descriptions.getOrDefault(scope, scope);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> load() {
        try (InputStream in = ScopeDescriptions.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException("The contract " + CONTRACT + " is not on the classpath");
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Object> flows = (Map<String, Object>) path(root, "components", "securitySchemes", "oauth2", "flows");
            Map<String, Object> scopes = (Map<String, Object>) ((Map<String, Object>) flows.get("authorizationCode")).get("scopes");
            Map<String, String> out = new LinkedHashMap<>();
            for (String scope : Scope.ALL) {
                Object description = scopes.get(scope);
                if (!(description instanceof String text) || text.isBlank()) {
                    throw new IllegalStateException("The contract describes no scope " + scope);
                }
                out.put(scope, text.trim());
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
