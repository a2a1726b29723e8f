package io.getbill.conformance.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kit's configuration: a file in the server's bootstrap format (companies → clients with {@code client_id},
 * {@code client_secret}, {@code grant_types}, {@code scopes}, optional {@code rate_limits}), so that CI can start a
 * server with a file and run the kit with the same file. Disabled clients ({@code enabled: false}) are ignored.
 *
 * <p>The kit picks three clients, and says which is missing when it cannot:
 * <ul>
 *   <li>the <em>full</em> client: every scope of the contract and the {@code refresh_token} grant;</li>
 *   <li>the <em>reader</em>: exactly one scope, a {@code :read} one (preferably of the full client's company);</li>
 *   <li>the <em>other-company</em> client: any client of a second company (preferably with every scope).</li>
 * </ul>
 * It also needs an {@code admin} and a {@code member} user of the full client's company ({@code companies[].users}
 * with {@code email}, {@code password}, {@code role}) for the admin API's session checks.
 * Optionally a <em>low-limit</em> client — {@code rate_limits.reads_per_hour} of at most {@value #LOW_LIMIT} — on which
 * the kit exhausts the read limit to see the 429. Users with {@code role: admin} (email and password) are also
 * what the checks that go through the admin API sign in with ({@link #admins()}).
 */
public final class KitConfig {

    /** A client whose read limit is at most this is used for the 429 check (and for nothing else). */
    public static final int LOW_LIMIT = 50;

    private final List<KitClient> clients;
    private final List<KitUser> users;

    private KitConfig(List<KitClient> clients, List<KitUser> users) {
        this.clients = List.copyOf(clients);
        this.users = List.copyOf(users);
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
                if (!(id instanceof String) || !(secret instanceof String)) {
                    throw new ConfigException(where + " needs client_id and client_secret");
                }
                List<String> grants = strings(c.get("grant_types"), List.of("client_credentials"));
                List<String> scopes = strings(c.get("scopes"), List.of());
                Integer reads = null;
                if (c.get("rate_limits") instanceof Map<?, ?> limits && limits.get("reads_per_hour") instanceof Number n) {
                    reads = n.intValue();
                }
                clients.add(new KitClient((String) id, (String) secret, name, grants, scopes, reads));
            }
        }
        return new KitConfig(clients, users);
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

    /** The users with role {@code admin}, in file order (the admin API's sign-in). */
    public List<KitUser> admins() {
        return users.stream().filter(u -> "admin".equals(u.role())).toList();
    }

    public List<KitUser> users() {
        return users;
    }

    /**
     * Picks the clients the checks need, given the contract's scopes.
     *
     * @throws ConfigException naming every client that is missing
     */
    public Selection select(List<String> allScopes) {
        List<String> missing = new ArrayList<>();
        Optional<KitClient> full = clients.stream()
                .filter(c -> c.scopes().containsAll(allScopes) && c.hasGrant("refresh_token") && !isLowLimit(c))
                .findFirst();
        if (full.isEmpty()) {
            missing.add("a client with every scope " + allScopes + " and the refresh_token grant");
        }
        String fullCompany = full.map(KitClient::company).orElse(null);
        Optional<KitClient> reader = clients.stream()
                .filter(c -> c.scopes().size() == 1 && c.scopes().get(0).endsWith(":read") && !isLowLimit(c))
                .min((a, b) -> Boolean.compare(!a.company().equals(fullCompany), !b.company().equals(fullCompany)));
        if (reader.isEmpty()) {
            missing.add("a client with exactly one read scope (e.g. scopes: [debts:read])");
        }
        Optional<KitClient> other = clients.stream()
                .filter(c -> fullCompany != null && !c.company().equals(fullCompany) && !isLowLimit(c))
                .min((a, b) -> Boolean.compare(!a.scopes().containsAll(allScopes), !b.scopes().containsAll(allScopes)));
        if (other.isEmpty()) {
            missing.add("a client of a second company (a company other than " + (fullCompany == null ? "the full client's" : "'" + fullCompany + "'") + ")");
        }
        String userCompany = fullCompany == null ? "the full client's company" : "'" + fullCompany + "'";
        Optional<KitUser> admin = users.stream()
                .filter(u -> u.company().equals(fullCompany) && "admin".equals(u.role())).findFirst();
        if (admin.isEmpty()) {
            missing.add("a user with role admin of " + userCompany + " (users: [{email, password, role: admin}])");
        }
        Optional<KitUser> member = users.stream()
                .filter(u -> u.company().equals(fullCompany) && "member".equals(u.role())).findFirst();
        if (member.isEmpty()) {
            missing.add("a user with role member of " + userCompany + " (users: [{email, password, role: member}])");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("The config file lacks " + String.join("; ", missing) + ".");
        }
        Optional<KitClient> lowLimit = clients.stream().filter(KitConfig::isLowLimit).findFirst();
        return new Selection(full.get(), reader.get(), other.get(), lowLimit.orElse(null), clients, admin.get(), member.get());
    }

    private static boolean isLowLimit(KitClient c) {
        return c.readsPerHour() != null && c.readsPerHour() <= LOW_LIMIT;
    }

    /**
     * The clients the checks use. {@code lowLimit} may be {@code null}; {@code all} lists every enabled client;
     * {@code admin} and {@code member} are users of the full client's company (admin API session checks).
     */
    public record Selection(KitClient full, KitClient reader, KitClient otherCompany, KitClient lowLimit, List<KitClient> all,
                            KitUser admin, KitUser member) {
        public Selection {
            all = List.copyOf(all);
            if (new HashSet<>(List.of(full.clientId(), reader.clientId(), otherCompany.clientId())).size() < 3) {
                throw new ConfigException("The full, reader and other-company clients must be three different clients");
            }
        }
    }

    /** The config file cannot be used; the message says why. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message, null, false, false);
        }
    }
}
