package io.getbill.server.infrastructure.crypto;

import io.getbill.server.infrastructure.config.GetBillProperties;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Set;

/**
 * The server's master key ({@code GETBILL_MASTER_KEY}, base64 of at least 32 bytes). It never touches the database:
 * secrets derived from it (client-secret HMAC keys, the key that seals private signing keys and webhook secrets)
 * are computed at start-up, so a copy of the database alone reveals nothing usable.
 *
 * <p>On the embedded default database, a missing key is generated once into {@code <data-dir>/master.key}
 * (owner read/write only). With an external database the key must be given: generating one per instance would
 * make instances disagree.
 */
@Singleton
public class MasterKey {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    private static final int MIN_BYTES = 32;

    private final byte[] key;

    public MasterKey(GetBillProperties properties, @Value("${datasources.default.url:}") String datasourceUrl) {
        this.key = load(properties, datasourceUrl);
    }

    private static byte[] load(GetBillProperties properties, String datasourceUrl) {
        String configured = properties.getMasterKey();
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), "GETBILL_MASTER_KEY");
        }
        if (datasourceUrl == null || !datasourceUrl.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("GETBILL_MASTER_KEY is required with an external database "
                    + "(base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        Path file = properties.getDataPath().resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim(), file.toString());
            }
            Files.createDirectories(file.getParent());
            byte[] fresh = RandomValues.bytes(MIN_BYTES);
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file keeps the default permissions of its directory
            }
            LOG.info("Generated a new master key in {}", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    private static byte[] decode(String value, String source) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (decoded.length < MIN_BYTES) {
            throw new IllegalStateException(source + " must hold at least " + MIN_BYTES + " bytes, has " + decoded.length);
        }
        return decoded;
    }

    /**
     * A 256-bit key for one purpose, derived as HMAC-SHA-256(master key, label) so that keys of different purposes
     * are independent.
     */
    public byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey<redacted>";
    }
}
