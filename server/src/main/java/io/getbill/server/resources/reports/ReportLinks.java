package io.getbill.server.resources.reports;

import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.infrastructure.crypto.MasterKey;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Signed download links: {@code <issuer>/files/reports/{id}?expires=<unix seconds>&signature=<base64url>}, where the
 * signature is HMAC-SHA-256 over the report id and the expiry, under a key derived from the master key for this
 * purpose only. Every instance derives the same key, so any instance can check a link another handed out, and nothing
 * about the link is stored.
 *
 * <p>The company is not in the signed input on purpose: report ids are random and unique across companies, so the id
 * already names one company's report, and a link can be checked <em>before</em> the database is read. That is what
 * lets the file endpoint answer 403 to any altered link (even one naming an id that does not exist) and keep 404 for a
 * genuine link whose report is gone.
 */
@Singleton
public class ReportLinks {

    static final String PATH = "/files/reports/";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Issuer issuer;

    public ReportLinks(MasterKey masterKey, Issuer issuer) {
        this.key = new SecretKeySpec(masterKey.derive("getbill/report-links/v1"), "HmacSHA256");
        this.issuer = issuer;
    }

    /** An absolute link to the report's file that works until {@code expiresAt} (whole seconds). */
    public URI link(String reportId, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        return URI.create(issuer.url(PATH + reportId) + "?expires=" + expires + "&signature="
                + signature(reportId, expires));
    }

    /** The base64url signature of a link. */
    public String signature(String reportId, long expires) {
        return BASE64URL.encodeToString(mac(reportId, expires));
    }

    /** Whether {@code presented} is the signature of this link, compared in constant time. */
    public boolean verify(String reportId, long expires, String presented) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(presented);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(reportId, expires), given);
    }

    private byte[] mac(String reportId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // The id never contains '|' (the path pattern is [A-Za-z0-9_-]), so the input is unambiguous.
            String input = "report-link/v1|" + reportId + "|" + expires;
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "ReportLinks<redacted>";
    }
}
