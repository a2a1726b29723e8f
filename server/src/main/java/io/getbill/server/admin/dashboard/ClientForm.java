package io.getbill.server.admin.dashboard;

import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.protocol.TokenEndpointAuthMethod;
import io.getbill.server.oauth.authorization.ScopeDescriptions;
import io.getbill.server.oauth.protocol.FormParameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Create New Client form: what it offers (each grant type with one plain sentence, each scope with the contract's
 * description) and what it sent. Each choice is its own field ({@code grant.client_credentials=on},
 * {@code scope.debts:read=on}), so a repeated field is malformed rather than a list. The rules are not here:
 * {@link io.getbill.server.admin.clients.ClientManagement#create} checks the values, as for the admin API.
 */
record ClientForm(String name, Set<String> grantTypes, Set<String> scopes, String redirectUris, boolean publicClient) {

    /** One plain sentence per grant type, in the order the form shows them. */
    static final Map<String, String> GRANT_SENTENCES = Map.of(
            GrantType.CLIENT_CREDENTIALS.value(),
            "Server-to-server calls and background jobs: your own backend calls the API for your company, no person involved.",
            GrantType.AUTHORIZATION_CODE.value(),
            "Third-party apps acting for a user: the user signs in on GetBill and approves what the app may do.",
            GrantType.REFRESH_TOKEN.value(),
            "Refresh tokens: the app keeps working past the one-hour access token without asking again.");

    static final List<String> GRANT_TITLES = List.of("Client credentials", "Authorization code", "Refresh tokens");

    static ClientForm empty() {
        return new ClientForm("", Set.of(GrantType.CLIENT_CREDENTIALS.value()), Set.of(), "", false);
    }

    /**
     * The values sent.
     *
     * @throws OAuthException when a field is repeated
     */
    static ClientForm parse(FormParameters form) {
        Set<String> grants = new LinkedHashSet<>();
        for (GrantType grant : GrantType.values()) {
            if (form.single("grant." + grant.value()) != null) {
                grants.add(grant.value());
            }
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : Scope.ALL) {
            if (form.single("scope." + scope) != null) {
                scopes.add(scope);
            }
        }
        String name = form.single("name");
        String uris = form.single("redirect_uris");
        return new ClientForm(name == null ? "" : name, grants, scopes, uris == null ? "" : uris,
                "public".equals(form.single("client_type")));
    }

    /** The redirect URIs, one per line, blank lines left out. */
    List<String> redirectUriList() {
        List<String> out = new ArrayList<>();
        for (String line : redirectUris.split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        return out;
    }

    String tokenEndpointAuthMethod() {
        return publicClient ? TokenEndpointAuthMethod.NONE.value() : TokenEndpointAuthMethod.CLIENT_SECRET_BASIC.value();
    }

    /** The model of the form page: the choices, what is checked, and the problems per field. */
    Map<String, Object> model(ScopeDescriptions descriptions, Map<String, List<String>> problems) {
        List<Map<String, Object>> grants = new ArrayList<>();
        GrantType[] all = GrantType.values();
        for (int i = 0; i < all.length; i++) {
            String value = all[i].value();
            grants.add(Map.of("value", value, "field", "grant." + value, "id", "grant-" + value.replace('_', '-'),
                    "title", GRANT_TITLES.get(i), "sentence", GRANT_SENTENCES.get(value), "checked", grantTypes.contains(value)));
        }
        List<Map<String, Object>> scopeChoices = new ArrayList<>();
        for (String scope : Scope.ALL) {
            scopeChoices.add(Map.of("value", scope, "field", "scope." + scope, "id", "scope-" + scope.replace(':', '-'),
                    "description", descriptions.of(scope), "checked", scopes.contains(scope)));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("name", name);
        model.put("grants", grants);
        model.put("scopes", scopeChoices);
        model.put("redirectUris", redirectUris);
        model.put("publicClient", publicClient);
        model.put("problems", problems);
        List<String> messages = new ArrayList<>();
        problems.forEach((field, list) -> list.forEach(p -> messages.add(p)));
        model.put("problemList", messages);
        return model;
    }
}
