package io.getbill.server.resources.reports;

import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Every use of a signed report link, refused ones included: a row of {@code report_access_log} (so the company's
 * downloads can be audited from any instance) and a log line on {@code io.getbill.server.resources.reports.ReportAccessLog}.
 * The signature is never written anywhere: it is the credential.
 */
@Singleton
public class ReportAccessLog {

    /** What became of one use of a link. */
    public enum Outcome {
        SERVED, FORBIDDEN, EXPIRED, NOT_FOUND;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReportAccessLog.class);
    /** The largest expiry logged as a time (year 9999); a tampered link may carry any number. */
    private static final long MAX_EXPIRES = 253_402_300_799L;

    private final JdbcOperations jdbc;
    private final WriteTransactions writes;

    public ReportAccessLog(JdbcOperations jdbc, WriteTransactions writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    public void record(String reportId, @Nullable String companyId, Outcome outcome, long expires,
                       @Nullable HttpRequest<?> request, Instant now) {
        Instant linkExpiresAt = expires >= 0 && expires <= MAX_EXPIRES ? Instant.ofEpochSecond(expires) : null;
        String remote = null;
        String userAgent = null;
        String requestId = null;
        if (request != null) {
            InetSocketAddress address = request.getRemoteAddress();
            remote = address == null || address.getAddress() == null ? null : address.getAddress().getHostAddress();
            userAgent = truncate(request.getHeaders().get(HttpHeaders.USER_AGENT), 255);
            requestId = RequestIds.of(request);
        }
        LOG.info("Report file access: report={} company={} outcome={} link_expires_at={} remote={} request_id={}",
                reportId, companyId, outcome.value(), linkExpiresAt, remote, requestId);
        String remoteAddress = truncate(remote, 64);
        String ua = userAgent;
        String rid = requestId;
        writes.run(() -> jdbc.prepareStatement("INSERT INTO report_access_log (report_id, company_id, outcome, "
                + "link_expires_at, remote_address, user_agent, request_id, accessed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, truncate(reportId, 64));
            ps.setString(2, companyId);
            ps.setString(3, outcome.value());
            ps.setTimestamp(4, linkExpiresAt == null ? null : Timestamp.from(linkExpiresAt));
            ps.setString(5, remoteAddress);
            ps.setString(6, ua);
            ps.setString(7, rid);
            ps.setTimestamp(8, Timestamp.from(now));
            return ps.executeUpdate();
        }));
    }

    private static String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
