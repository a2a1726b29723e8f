package io.getbill.conformance.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kit's configuration: a file in the server's bootstrap format (companies → clients with {@code client_id},
 * {@code client_secret}, {@code grant_types}, {@code scopes}, optional {@code rate_limits}, and for the authorization
 * code flow {@code redirect_uris} and {@code token_endpoint_auth_method} — {@code none} for a public client without
 * secret; users with {@code email}, {@code password}, {@code role}), so that CI can start a server with a file and run
 * the kit with the same file.
 * Disabled clients ({@code enabled: false}) and inactive users are ignored. A public client takes part only in the checks
 * that ask for one ({@link ClientProperty}); {@link #publicClientIds()} also keeps the ids for pact replays.
 *
 * <p>The file's names, order and purposes are the operator's: the kit assigns no role to a client. Each check asks
 * for a client by the property it needs ({@link ClientProperty}) and is skipped, naming that property, when no
 * client of the file has it. A client whose {@code rate_limits.reads_per_hour} is at most {@value #LOW_LIMIT} is kept
 * for the check that exhausts a read limit to see the 429, and used for nothing else. The only requirement on the
 * file as a whole is one enabled client holding the {@code client_credentials} grant.
 */
public final class KitConfig {

    /** A client whose read limit is at most this is used for the 429 check (and for nothing else). */
    public static final int LOW_LIMIT = 50;
    /** The token endpoint authentication method of a public client. */

    private final List<KitClient> clients;
    private final List<KitUser> users;
    private final List<String> publicClientIds;

    private KitConfig(List<KitClient> clients, List<KitUser> users, List<String> publicClientIds) {
        this.clients = List.copyOf(clients);
        this.users = List.copyOf(users);
        this.publicClientIds = List.copyOf(publicClientIds);
    }

    public static KitConfig load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    @SuppressWarnings("unchecked")
    public static KitConfig parse(String yaml, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("companies") instanceof List<?> companies)) {
            throw new ConfigException(source + ": expected the bootstrap-file format, a top-level 'companies' list");
        }
        List<KitClient> clients = new ArrayList<>();
        List<KitUser> users = new ArrayList<>();
        List<String> publicClientIds = new ArrayList<>();
        for (int i = 0; i < companies.size(); i++) {
            if (!(companies.get(i) instanceof Map<?, ?> company)) {
                throw new ConfigException(source + ": companies[" + i + "] must be a mapping");
            }
            String name = String.valueOf(company.get("name"));
            if (company.get("users") instanceof List<?> userList) {
                for (int k = 0; k < userList.size(); k++) {
                    if (userList.get(k) instanceof Map<?, ?> u && u.get("email") instanceof String email
                            && u.get("password") instanceof String password && !Boolean.FALSE.equals(u.get("active"))) {
                        users.add(new KitUser(email, password, name, String.valueOf(u.get("role"))));
                    }
                }
            }
            Object rawClients = company.get("clients");
            if (rawClients == null) {
                continue;
            }
            if (!(rawClients instanceof List<?> list)) {
                throw new ConfigException(source + ": companies[" + i + "].clients must be a list");
            }
            for (int k = 0; k < list.size(); k++) {
                String where = source + ": companies[" + i + "].clients[" + k + "]";
                if (!(list.get(k) instanceof Map<?, ?> c)) {
                    throw new ConfigException(where + " must be a mapping");
                }
                if (Boolean.FALSE.equals(c.get("enabled"))) {
                    continue;
                }
                Object id = c.get("client_id");
                Object secret = c.get("client_secret");
                Object method = c.get("token_endpoint_auth_method");
                boolean publicClient = KitClient.NONE.equals(method);
                if (publicClient && id instanceof String publicId) {
                    publicClientIds.add(publicId);
                }
                if (!(id instanceof String) || (!publicClient && !(secret instanceof String))) {
                    throw new ConfigException(where + " needs client_id and client_secret"
                            + " (or token_endpoint_auth_method: none for a public client)");
                }
                if (method != null && !List.of(KitClient.CLIENT_SECRET_BASIC, KitClient.CLIENT_SECRET_POST, KitClient.NONE)
                        .contains(String.valueOf(method))) {
                    throw new ConfigException(where + ".token_endpoint_auth_method must be client_secret_basic,"
                            + " client_secret_post or none, not " + method);
                }
                List<String> grants = strings(c.get("grant_types"), List.of("client_credentials"));
                List<String> scopes = strings(c.get("scopes"), List.of());
                List<String> redirectUris = strings(c.get("redirect_uris"), List.of());
                Integer reads = null;
                if (c.get("rate_limits") instanceof Map<?, ?> limits && limits.get("reads_per_hour") instanceof Number n) {
                    reads = n.intValue();
                }
                clients.add(new KitClient((String) id, publicClient ? null : (String) secret, name, grants, scopes, reads,
                        redirectUris, method == null ? null : String.valueOf(method)));
            }
        }
        return new KitConfig(clients, users, publicClientIds);
    }

    private static List<String> strings(Object value, List<String> dflt) {
        if (value == null) {
            return dflt;
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException("expected a list of strings, got " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }

    public List<KitClient> clients() {
        return clients;
    }

    public List<KitUser> users() {
        return users;
    }

    /**
     * The ids of the enabled public clients of the file: no check authenticates as them, but a pact interaction whose
     * provider state names one is replayed with that client's own id.
     */
    public List<String> publicClientIds() {
        return publicClientIds;
    }

    /** The users with {@code role} of {@code company}, in file order. */
    public List<KitUser> users(String role, String company) {
        return users.stream().filter(u -> u.role().equals(role) && u.company().equals(company)).toList();
    }

    /**
     * Whether the client is kept for the 429 check: its declared read limit is at most {@value #LOW_LIMIT}.
     */
    public static boolean isLowLimit(KitClient c) {
        return c.readsPerHour() != null && c.readsPerHour() <= LOW_LIMIT;
    }

    /** A client of a company that has a user with {@code role} in the file (to sign in to the admin API). */
    public ClientProperty companyHasUser(String role) {
        return new ClientProperty("belongs to a company with a user of role " + role + " in the config",
                c -> !users(role, c.company()).isEmpty());
    }

    /**
     * Fails when the kit can run nothing: no enabled client holding the {@code client_credentials} grant (outside
     * the low-limit clients).
     */
    public KitConfig requireUsable(String source) {
        if (clients.stream().noneMatch(c -> c.hasGrant("client_credentials") && !isLowLimit(c))) {
            throw new ConfigException(source + ": the config file lacks an enabled client holding the client_credentials grant"
                    + " (companies[].clients[] with client_id, client_secret, grant_types: [client_credentials], scopes)");
        }
        return this;
    }

    /** The config file cannot be used; the message says why. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message, null, false, false);
        }
    }
}
