package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.config.KitUser;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.Features;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed report download links ({@code GET /reports/download/{id}} → {@code download_url}): the link serves the file
 * as an uncached attachment, and a link whose signature, id or expiry was altered — or that has expired — is a 403
 * in the error envelope. The kit uses a completed report of the company of a client holding reports:read (one whose
 * company has an admin user in the config, when there is one); when there is none and the config declares an
 * {@code admin} user of that company, it asks for one through {@code POST /admin-api/v1/reports}
 * (the previous month, financial, CSV: a report is the only thing this group creates, and the API has no delete for
 * it); otherwise the checks are skipped with that reason.
 *
 * <p>The expired link is checked only where links live at most {@value #MAX_WAIT_SECONDS} seconds (the in-build
 * server is started so): against a deployment with the contract's one-hour links the kit would have to wait an hour.
 */
public final class ReportLinkChecks implements CheckGroup {

    public static final String GROUP = "reports";
    static final long MAX_WAIT_SECONDS = 15;
    private static final Duration GENERATION_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The report the checks use, found or generated once per run; the reason when there is none. */
    private String reportId;
    private String unavailable;

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        checks.run(check("SPEC-report-link-served", "a fresh download_url serves the file as an attachment with the report's "
                + "MIME type and Cache-Control: no-store"), () -> {
            Link link = link(ctx);
            Exchange x = ctx.http().get(link.url().toString()).send();
            Expect.status(x, 200);
            String type = Expect.header(x, "Content-Type");
            Expect.that(type.startsWith(link.mimeType()), "Content-Type is not the report's mime_type", link.mimeType(), type, x);
            String disposition = Expect.header(x, "Content-Disposition");
            Expect.that(disposition.startsWith("attachment") && disposition.contains("filename="),
                    "the file is not sent as a named attachment", "attachment; filename=\"...\" (RFC 6266)", disposition, x);
            String cache = Expect.header(x, "Cache-Control");
            Expect.that(cache.contains("no-store"), "the file may be cached", "Cache-Control with no-store", cache, x);
            Expect.that(x.responseBody() != null && x.responseBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length == link.size(),
                    "the file's size differs from file_size", link.size() + " bytes",
                    (x.responseBody() == null ? 0 : x.responseBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length) + " bytes", x);
        });
        checks.run(check("SPEC-report-link-tampered-signature", "a download_url with one character of its signature changed is a 403 in the envelope"), () -> {
            Link link = link(ctx);
            String signature = link.param("signature");
            String changed = (signature.charAt(signature.length() / 2) == 'A' ? "B" : "A");
            String tampered = signature.substring(0, signature.length() / 2) + changed + signature.substring(signature.length() / 2 + 1);
            refused(ctx, link.with("signature", tampered));
        });
        checks.run(check("SPEC-report-link-tampered-id", "a download_url pointing at another report id with the same expiry and signature is a 403"), () -> {
            Link link = link(ctx);
            String other = KitContext.randomId(link.id().length());
            refused(ctx, URI.create(link.url().toString().replace("/" + link.id() + "?", "/" + other + "?")));
        });
        checks.run(check("SPEC-report-link-tampered-expiry", "a download_url whose expires was moved one hour later is a 403"), () -> {
            Link link = link(ctx);
            refused(ctx, link.with("expires", Long.toString(Long.parseLong(link.param("expires")) + 3600)));
        });
        checks.run(check("SPEC-report-link-expired", "a download_url used after its expires_at is a 403 (only where links live at most "
                + MAX_WAIT_SECONDS + " s, as in the build)"), () -> {
            Link link = link(ctx);
            long wait = Duration.between(Instant.now(), link.expiresAt()).toMillis();
            if (wait > MAX_WAIT_SECONDS * 1000) {
                throw new CheckSkipped("download links live " + (wait / 1000) + " s here; the kit waits at most " + MAX_WAIT_SECONDS
                        + " s (the in-build server issues short links)");
            }
            sleep(Math.max(0, wait) + 1500);
            refused(ctx, link.url());
        });
    }

    private static Check check(String id, String description) {
        return Check.required(GROUP, id, "SPEC-report-links", description).needs(Features.REPORTS);
    }

    private static void refused(KitContext ctx, URI url) {
        Exchange x = ctx.http().get(url.toString()).send();
        Expect.status(x, 403);
        Expect.envelope(x);
        Expect.that(x.header("Content-Disposition").isEmpty(), "a refused link still sent a file", "no Content-Disposition",
                x.header("Content-Disposition").orElse(""), x);
    }

    /** A fresh link to the run's completed report. */
    private Link link(KitContext ctx) {
        String id = report(ctx);
        String token = ctx.tokens().access(reportReader(ctx), "reports:read");
        Exchange x = ctx.http().get("/external-api/v1/reports/download/" + id).bearer(token).send();
        Expect.status(x, 200);
        String url = x.text("/data/download_url");
        String expires = x.text("/data/expires_at");
        Expect.that(url != null && expires != null, "no download_url or expires_at", "data.download_url and data.expires_at",
                x.responseBody(), x);
        return new Link(id, URI.create(url), Instant.parse(expires), x.text("/data/mime_type"),
                x.json().path("data").path("file_size").asLong(-1));
    }

    private String report(KitContext ctx) {
        if (reportId != null) {
            return reportId;
        }
        if (unavailable != null) {
            throw new CheckSkipped(unavailable);
        }
        try {
            reportId = findOrGenerate(ctx);
            return reportId;
        } catch (CheckSkipped e) {
            unavailable = e.getMessage();
            throw e;
        }
    }

    /** A client holding reports:read, of a company with an admin user when there is one (to have a report generated). */
    private static KitClient reportReader(KitContext ctx) {
        ClientProperty reads = ClientProperty.scope("reports:read");
        return ctx.findClient(reads, ctx.config().companyHasUser("admin")).orElseGet(() -> ctx.client(reads));
    }

    private static String findOrGenerate(KitContext ctx) {
        String token = ctx.tokens().access(reportReader(ctx), "reports:read");
        Exchange list = ctx.http().get("/external-api/v1/reports").query("status=completed&limit=1").bearer(token).send();
        Expect.status(list, 200);
        String existing = list.text("/data/0/id");
        if (existing != null) {
            return existing;
        }
        KitUser admin = ctx.user("admin", reportReader(ctx).company());
        Exchange login = ctx.http().post("/admin-api/v1/login")
                .json(write(Map.of("email", admin.email(), "password", admin.password()))).send();
        if (login.status() != 200) {
            throw new CheckSkipped("the admin user " + admin.email() + " could not sign in (HTTP " + login.status() + ")");
        }
        String cookie = login.headers("Set-Cookie").stream().filter(c -> c.startsWith("getbill_admin_session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new CheckSkipped("the admin sign-in set no getbill_admin_session cookie"));
        String csrf = login.text("/data/csrf_token");
        YearMonth previous = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "financial");
        body.put("format", "csv");
        body.put("period_from", previous.atDay(1).toString());
        body.put("period_to", previous.atEndOfMonth().toString());
        Exchange requested = ctx.http().post("/admin-api/v1/reports").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .json(write(body)).send();
        Expect.status(requested, 202);
        String id = requested.text("/data/id");
        Instant deadline = Instant.now().plus(GENERATION_TIMEOUT);
        while (true) {
            Exchange x = ctx.http().get("/external-api/v1/reports/" + id).bearer(token).send();
            Expect.status(x, 200);
            String status = x.text("/data/status");
            if ("completed".equals(status)) {
                return id;
            }
            Expect.that("generating".equals(status), "the report the kit asked for did not complete", "status completed",
                    "status " + status + " " + x.text("/data/failure_reason"), x);
            Expect.that(Instant.now().isBefore(deadline), "the report the kit asked for is still generating",
                    "completed within " + GENERATION_TIMEOUT.toSeconds() + " s", "generating", x);
            sleep(250);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A download link as handed out, and what the download answer said about the file. */
    record Link(String id, URI url, Instant expiresAt, String mimeType, long size) {

        String param(String name) {
            for (String pair : url.getRawQuery().split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
            throw new io.getbill.conformance.core.CheckFailure("download_url has no " + name, name + "=...", url.toString());
        }

        URI with(String name, String value) {
            String query = url.getRawQuery().replaceAll("(^|&)" + name + "=[^&]*", "$1" + name + "=" + value);
            String s = url.toString();
            return URI.create(s.substring(0, s.indexOf('?') + 1) + query);
        }
    }
}
