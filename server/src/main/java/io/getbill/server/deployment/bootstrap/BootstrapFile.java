package io.getbill.server.deployment.bootstrap;

import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.TokenEndpointAuthMethod;
import io.getbill.server.oauth.authorization.ClientRegistrationRules;
import io.getbill.server.oauth.protocol.Scope;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bootstrap file ({@code GETBILL_BOOTSTRAP_FILE}): companies, their users and their OAuth clients, which the
 * server upserts at start-up. Parsing is strict — an unknown key, a missing field, a short secret, an unknown scope
 * or grant, a duplicate id — and every error names the entry it is in, e.g.
 * {@code companies[0].clients[1] (client_id=acme-backend): client_secret must be at least 32 characters}.
 * The conformance kit reads the same format as its configuration.
 */
public record BootstrapFile(List<CompanyEntry> companies) {

    public static final int MIN_CLIENT_SECRET_LENGTH = 32;
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{3,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> COMPANY_KEYS = Set.of("name", "email", "phone", "credits", "plan", "users", "clients");
    private static final Set<String> USER_KEYS = Set.of("email", "password", "role", "firstname", "lastname");
    private static final Set<String> CLIENT_KEYS = Set.of("client_id", "client_secret", "name", "grant_types", "scopes", "rate_limits", "enabled",
            "redirect_uris", "token_endpoint_auth_method");
    private static final Set<String> RATE_KEYS = Set.of("reads_per_hour", "writes_per_hour");

    public record CompanyEntry(String name, String email, String phone, long credits, String plan,
                               List<UserEntry> users, List<ClientEntry> clients) {
    }

    public record UserEntry(String email, String password, String role, String firstname, String lastname) {
        @Override
        public String toString() {
            return "UserEntry{email=" + email + ", role=" + role + ", password=<redacted>}";
        }
    }

    /** A client of the file; {@code clientSecret} is {@code null} for a public client ({@code none}). */
    public record ClientEntry(String clientId, String clientSecret, String name, List<String> grantTypes,
                              List<String> scopes, int readsPerHour, int writesPerHour, boolean enabled,
                              List<String> redirectUris, String tokenEndpointAuthMethod) {
        @Override
        public String toString() {
            return "ClientEntry{clientId=" + clientId + ", grantTypes=" + grantTypes + ", scopes=" + scopes + ", clientSecret=<redacted>}";
        }
    }

    /** Thrown for an invalid file; the message names the bad entry and never contains a secret. */
    public static final class InvalidBootstrapFileException extends RuntimeException {
        public InvalidBootstrapFileException(String message) {
            super(message, null, false, false);
        }
    }

    public static BootstrapFile parse(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new InvalidBootstrapFileException("not valid YAML: " + firstLine(e.getMessage()));
        }
        Map<String, Object> top = map(root, "the file");
        keys(top, Set.of("companies"), "the file");
        List<Object> companies = list(top.get("companies"), "companies");
        List<CompanyEntry> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> emails = new HashSet<>();
        Set<String> clientIds = new HashSet<>();
        for (int i = 0; i < companies.size(); i++) {
            String where = "companies[" + i + "]";
            Map<String, Object> c = map(companies.get(i), where);
            String name = string(c, "name", where, true, 255);
            where = where + " (name=" + name + ")";
            keys(c, COMPANY_KEYS, where);
            if (!names.add(name)) {
                throw new InvalidBootstrapFileException(where + ": duplicate company name");
            }
            String email = email(c, "email", where);
            String phone = string(c, "phone", where, false, 32);
            long credits = number(c, "credits", where, 0, Long.MAX_VALUE, 0);
            String plan = string(c, "plan", where, false, 64);
            List<UserEntry> users = new ArrayList<>();
            List<Object> rawUsers = c.get("users") == null ? List.of() : list(c.get("users"), where + ".users");
            for (int u = 0; u < rawUsers.size(); u++) {
                String uw = where + ".users[" + u + "]";
                Map<String, Object> m = map(rawUsers.get(u), uw);
                String userEmail = email(m, "email", uw);
                uw = uw + " (email=" + userEmail + ")";
                keys(m, USER_KEYS, uw);
                if (!emails.add(userEmail.toLowerCase(java.util.Locale.ROOT))) {
                    throw new InvalidBootstrapFileException(uw + ": duplicate user email");
                }
                String password = string(m, "password", uw, true, 1024);
                if (password.length() < MIN_PASSWORD_LENGTH) {
                    throw new InvalidBootstrapFileException(uw + ": password must be at least " + MIN_PASSWORD_LENGTH + " characters");
                }
                String role = string(m, "role", uw, false, 16);
                role = role == null ? "member" : role;
                if (!role.equals("admin") && !role.equals("member")) {
                    throw new InvalidBootstrapFileException(uw + ": role must be admin or member");
                }
                users.add(new UserEntry(userEmail, password, role, string(m, "firstname", uw, false, 100), string(m, "lastname", uw, false, 100)));
            }
            List<ClientEntry> clients = new ArrayList<>();
            List<Object> rawClients = c.get("clients") == null ? List.of() : list(c.get("clients"), where + ".clients");
            for (int k = 0; k < rawClients.size(); k++) {
                String cw = where + ".clients[" + k + "]";
                Map<String, Object> m = map(rawClients.get(k), cw);
                String clientId = string(m, "client_id", cw, true, 128);
                cw = cw + " (client_id=" + clientId + ")";
                keys(m, CLIENT_KEYS, cw);
                if (!CLIENT_ID.matcher(clientId).matches()) {
                    throw new InvalidBootstrapFileException(cw + ": client_id must be 3..128 characters of [A-Za-z0-9._~-]");
                }
                if (!clientIds.add(clientId)) {
                    throw new InvalidBootstrapFileException(cw + ": duplicate client_id");
                }
                String method = string(m, "token_endpoint_auth_method", cw, false, 32);
                method = method == null ? TokenEndpointAuthMethod.CLIENT_SECRET_BASIC.value() : method;
                boolean isPublic = method.equals(TokenEndpointAuthMethod.NONE.value());
                String secret = string(m, "client_secret", cw, !isPublic, 256);
                if (isPublic && secret != null) {
                    throw new InvalidBootstrapFileException(cw + ": a public client (token_endpoint_auth_method none) has no client_secret");
                }
                if (!isPublic && secret.length() < MIN_CLIENT_SECRET_LENGTH) {
                    throw new InvalidBootstrapFileException(cw + ": client_secret must be at least " + MIN_CLIENT_SECRET_LENGTH + " characters");
                }
                String clientName = string(m, "name", cw, false, 255);
                List<String> grants = strings(m.getOrDefault("grant_types", List.of(GrantType.CLIENT_CREDENTIALS.value())), cw + ".grant_types");
                List<String> redirectUris = strings(m.get("redirect_uris"), cw + ".redirect_uris");
                Map<String, List<String>> problems = ClientRegistrationRules.problems(grants, redirectUris, method);
                if (!problems.isEmpty()) {
                    throw new InvalidBootstrapFileException(cw + ": " + problems.values().stream().flatMap(List::stream)
                            .collect(java.util.stream.Collectors.joining("; ")));
                }
                List<String> scopes = strings(m.get("scopes"), cw + ".scopes");
                if (scopes.isEmpty()) {
                    throw new InvalidBootstrapFileException(cw + ": scopes must list at least one scope");
                }
                Set<String> unknown = Scope.of(scopes).unknown();
                if (!unknown.isEmpty()) {
                    throw new InvalidBootstrapFileException(cw + ": unknown scope(s) " + unknown);
                }
                int reads = 1000;
                int writes = 500;
                if (m.get("rate_limits") != null) {
                    Map<String, Object> limits = map(m.get("rate_limits"), cw + ".rate_limits");
                    keys(limits, RATE_KEYS, cw + ".rate_limits");
                    reads = (int) number(limits, "reads_per_hour", cw + ".rate_limits", 1, 10_000_000, 1000);
                    writes = (int) number(limits, "writes_per_hour", cw + ".rate_limits", 1, 10_000_000, 500);
                }
                Object enabled = m.getOrDefault("enabled", Boolean.TRUE);
                if (!(enabled instanceof Boolean)) {
                    throw new InvalidBootstrapFileException(cw + ": enabled must be true or false");
                }
                clients.add(new ClientEntry(clientId, secret, clientName == null ? clientId : clientName,
                        List.copyOf(new LinkedHashSet<>(grants)), List.copyOf(new LinkedHashSet<>(scopes)), reads, writes, (Boolean) enabled,
                        List.copyOf(new LinkedHashSet<>(redirectUris)), method));
            }
            parsed.add(new CompanyEntry(name, email, phone, credits, plan == null ? "Professional" : plan, users, clients));
        }
        return new BootstrapFile(parsed);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidBootstrapFileException(where + ": must be a mapping");
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String where) {
        if (!(value instanceof List<?> l)) {
            throw new InvalidBootstrapFileException(where + ": must be a list");
        }
        return (List<Object>) l;
    }

    private static void keys(Map<String, Object> m, Set<String> allowed, String where) {
        for (Object key : m.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new InvalidBootstrapFileException(where + ": unknown key '" + key + "'");
            }
        }
    }

    private static String string(Map<String, Object> m, String key, String where, boolean required, int maxLength) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                throw new InvalidBootstrapFileException(where + ": " + key + " is required");
            }
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new InvalidBootstrapFileException(where + ": " + key + " must be a non-empty string");
        }
        if (s.length() > maxLength) {
            throw new InvalidBootstrapFileException(where + ": " + key + " must be at most " + maxLength + " characters");
        }
        return s;
    }

    private static String email(Map<String, Object> m, String key, String where) {
        String value = string(m, key, where, true, 255);
        if (!EMAIL.matcher(value).matches()) {
            throw new InvalidBootstrapFileException(where + ": " + key + " is not an email address");
        }
        return value;
    }

    private static long number(Map<String, Object> m, String key, String where, long min, long max, long dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new InvalidBootstrapFileException(where + ": " + key + " must be an integer");
        }
        long n = ((Number) v).longValue();
        if (n < min || n > max) {
            throw new InvalidBootstrapFileException(where + ": " + key + " must be between " + min + " and " + max);
        }
        return n;
    }

    private static List<String> strings(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : list(value, where)) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new InvalidBootstrapFileException(where + ": every item must be a non-empty string");
            }
            out.add(s);
        }
        return out;
    }
}
