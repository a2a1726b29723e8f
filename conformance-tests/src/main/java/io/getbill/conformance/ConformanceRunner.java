package io.getbill.conformance;

import io.getbill.conformance.checks.AdminSessionChecks;
import io.getbill.conformance.checks.AuthorizationCodeChecks;
import io.getbill.conformance.checks.BearerChecks;
import io.getbill.conformance.checks.DiscoveryChecks;
import io.getbill.conformance.checks.NegativeInputChecks;
import io.getbill.conformance.checks.PactChecks;
import io.getbill.conformance.checks.RateLimitChecks;
import io.getbill.conformance.checks.ReportLinkChecks;
import io.getbill.conformance.checks.ResourceFlowChecks;
import io.getbill.conformance.checks.RevocationIntrospectionChecks;
import io.getbill.conformance.checks.TenantIsolationChecks;
import io.getbill.conformance.checks.ThrottlingChecks;
import io.getbill.conformance.checks.TimelineChecks;
import io.getbill.conformance.checks.TokenEndpointChecks;
import io.getbill.conformance.checks.WebhookChecks;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.ContractRecorder;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.core.OAuthCacheRecorder;
import io.getbill.conformance.core.RateLimitUsage;
import io.getbill.conformance.report.JUnitXmlReport;
import io.getbill.conformance.report.MarkdownReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the kit: every check group in order, then the checks computed from every response seen (contract, OAuth
 * cache headers), then the clean-up of the data the run created; writes the reports. The command line and the
 * in-build test both go through here.
 */
public final class ConformanceRunner {

    /** Every group, in the order they run. */
    public static List<CheckGroup> groups() {
        return groups(null);
    }

    static List<CheckGroup> groups(java.nio.file.Path pacts) {
        return List.of(new DiscoveryChecks(), new TokenEndpointChecks(), new BearerChecks(),
                new RevocationIntrospectionChecks(), new AuthorizationCodeChecks(), new NegativeInputChecks(), new TenantIsolationChecks(),
                new ResourceFlowChecks(), new TimelineChecks(), new PactChecks(pacts), new RateLimitChecks(),
                new AdminSessionChecks(), new WebhookChecks(), new ReportLinkChecks(), new ThrottlingChecks());
    }

    public RunReport run(KitOptions options) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        KitConfig config = options.config().requireUsable("the config");
        options.console().println("GetBill conformance kit — contract " + options.api().version() + " against " + options.baseUrl());
        options.console().println("Clients (each check runs as one having the properties it needs):");
        for (KitClient c : config.clients()) {
            options.console().println("  " + c + (KitConfig.isLowLimit(c) ? " — kept for the 429 check" : ""));
        }
        if (!options.excludedFeatures().isEmpty()) {
            options.console().println("Excluded features: " + options.excludedFeatures());
        }
        Http http = new Http(options.baseUrl());
        ContractRecorder contract = new ContractRecorder(options.api());
        OAuthCacheRecorder cache = new OAuthCacheRecorder(options.api());
        Checks checks = new Checks(c -> options.groups().isEmpty() || options.groups().contains(c.group()) || c.group().equals("contract"),
                options.excludedFeatures(), new ConsoleProgress(options.console()));
        http.addListener(contract);
        http.addListener(cache);
        http.addListener(checks);
        KitContext context = new KitContext(http, options.api(), config, options.minter());
        RateLimitUsage usage = new RateLimitUsage();
        http.addListener(usage);
        for (CheckGroup group : groups(options.pactDirectory())) {
            if (options.groups().isEmpty() || options.groups().contains(group.name())) {
                checks.group(group.heading());
                group.run(context, checks);
            }
        }
        if (options.groups().isEmpty() || options.groups().contains(ResourceFlowChecks.GROUP)
                || options.groups().contains(TenantIsolationChecks.GROUP) || options.groups().contains(NegativeInputChecks.GROUP)
                || options.groups().contains(PactChecks.GROUP) || options.groups().contains(TimelineChecks.GROUP)) {
            checks.group("clean-up");
            ResourceFlowChecks.cleanUp(context, checks);
        }
        checks.group("contract (every response seen)");
        List<io.getbill.conformance.core.CheckResult> computed = new ArrayList<>(cache.results());
        computed.addAll(contract.results());
        computed.forEach(checks::record);
        RunReport report = new RunReport(options.baseUrl(), startedAt, (System.nanoTime() - start) / 1_000_000, checks.results(),
                usage.counts());
        if (options.reportDir() != null) {
            try {
                Files.createDirectories(options.reportDir());
                JUnitXmlReport.write(report, options.reportDir().resolve("TEST-getbill-conformance.xml"));
                MarkdownReport.write(report, options.reportDir().resolve("conformance-summary.md"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        options.console().println();
        options.console().println("Counted by the rate limits this run (requests answered other than 401/403/429): " + usage.summary());
        options.console().println(report.summaryLine());
        if (options.reportDir() != null) {
            options.console().println("Reports: " + options.reportDir().toAbsolutePath());
        }
        return report;
    }
}
