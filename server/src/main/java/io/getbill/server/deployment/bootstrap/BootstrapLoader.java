package io.getbill.server.deployment.bootstrap;

import io.getbill.server.infrastructure.config.GetBillProperties;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.TokenEndpointAuthMethod;
import io.getbill.server.oauth.protocol.Scope;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Provisions known data at start-up, before the server accepts requests:
 * <ul>
 *   <li>with {@code GETBILL_BOOTSTRAP_FILE}, the file is parsed and upserted; an invalid file stops the start with
 *       a message naming the bad entry;</li>
 *   <li>with no file, on the embedded default database, and only while it holds no company, a demo company with one
 *       admin user and one client holding every scope is created, and its credentials are printed once to standard
 *       output (never through the logger, and never again: only their hashes are kept).</li>
 * </ul>
 */
@Context
@Requires(property = "getbill.bootstrap.enabled", notEquals = "false")
public class BootstrapLoader implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapLoader.class);

    private final GetBillProperties properties;
    private final Provisioning provisioning;
    private final String datasourceUrl;
    private volatile String pendingDemoBanner;

    public BootstrapLoader(GetBillProperties properties, Provisioning provisioning,
                           @Value("${datasources.default.url:}") String datasourceUrl) {
        this.properties = properties;
        this.provisioning = provisioning;
        this.datasourceUrl = datasourceUrl;
    }

    @PostConstruct
    void load() {
        String file = properties.getBootstrapFile();
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BootstrapFile.InvalidBootstrapFileException("Bootstrap file " + path + " cannot be read: " + e.getMessage());
            }
            BootstrapFile parsed;
            try {
                parsed = BootstrapFile.parse(text);
            } catch (BootstrapFile.InvalidBootstrapFileException e) {
                throw new BootstrapFile.InvalidBootstrapFileException("Invalid bootstrap file " + path + ": " + e.getMessage());
            }
            provisioning.apply(parsed);
            LOG.info("Applied bootstrap file {} ({} companies)", path, parsed.companies().size());
            return;
        }
        if (datasourceUrl.startsWith("jdbc:h2:") && provisioning.isEmpty()) {
            provisionDemo();
        }
    }

    private void provisionDemo() {
        String clientId = "demo-" + RandomValues.secret(48).toLowerCase(java.util.Locale.ROOT).replace('_', 'x');
        String clientSecret = RandomValues.secret(256);
        String adminEmail = "admin@demo.getbill.local";
        String adminPassword = RandomValues.secret(128);
        provisioning.apply(new BootstrapFile(List.of(new BootstrapFile.CompanyEntry("Demo Company", "demo@demo.getbill.local",
                null, 1000, "Professional",
                List.of(new BootstrapFile.UserEntry(adminEmail, adminPassword, "admin", "Demo", "Admin")),
                List.of(new BootstrapFile.ClientEntry(clientId, clientSecret, "Demo client",
                        List.of(GrantType.CLIENT_CREDENTIALS.value(), GrantType.REFRESH_TOKEN.value()), Scope.ALL,
                        1000, 500, true, List.of(), TokenEndpointAuthMethod.CLIENT_SECRET_BASIC.value()))))), true);
        pendingDemoBanner = String.join(System.lineSeparator(),
                "",
                "==================== DEMO CREDENTIALS (shown once) ====================",
                "A demo company was created in the embedded database. Only hashes are kept:",
                "these values will not be shown again.",
                "  client_id:      " + clientId,
                "  client_secret:  " + clientSecret,
                "  admin login:    " + adminEmail + " / " + adminPassword,
                "=======================================================================",
                "");
    }

    /** Prints the demo banner once the server listens, so it is the last thing a newcomer sees. */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String banner = pendingDemoBanner;
        if (banner != null) {
            pendingDemoBanner = null;
            PrintStream out = System.out;
            out.println(banner);
            out.println("Try it:  curl -s -u '" + "<client_id>:<client_secret>' -d grant_type=client_credentials "
                    + "http://localhost:" + event.getSource().getPort() + "/token");
            out.flush();
        }
    }
}
