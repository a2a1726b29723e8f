package io.getbill.conformance.spec;

import java.util.Map;

/**
 * Which issue delivers the operations of each tag of the contract, so that a check can say what it depends on and
 * an in-build run can leave out features that are not merged yet. A tag not listed here (a new one) belongs to no
 * issue in particular: its checks always run.
 */
public final class Features {

    /** The authorization server beyond the base slice: refresh tokens, revocation, introspection, throttling. */
    public static final String AUTHORIZATION_SERVER = "issue-3";
    /** Debts, debtors, creditors, followups, statistics; Idempotency-Key, ETag/If-Match. */
    public static final String RESOURCES = "issue-4";
    /** Webhook logs (issue 5; reports were split out as {@link #REPORTS}). */
    public static final String REPORTS_WEBHOOKS = "issue-5";
    /** The admin API: sessions, OAuth client management, signing keys (issue 5, item 5). */
    public static final String ADMIN = "issue-5-admin";
    /** Reports: generation, download links and the signed file endpoint (issue 5, item 1). */
    public static final String REPORTS = "issue-5-reports";
    /** The partner client's pact files. */
    public static final String CLIENT_PACTS = "issue-6";

    private static final Map<String, String> BY_TAG = Map.ofEntries(
            Map.entry("Debts", RESOURCES),
            Map.entry("Followups", RESOURCES),
            Map.entry("Debtors", RESOURCES),
            Map.entry("Creditors", RESOURCES),
            Map.entry("Statistics", RESOURCES),
            Map.entry("Reports", REPORTS),
            Map.entry("ReportFiles", REPORTS),
            Map.entry("WebhookLogs", REPORTS_WEBHOOKS),
            Map.entry("Revocation", AUTHORIZATION_SERVER),
            Map.entry("Introspection", AUTHORIZATION_SERVER),
            Map.entry("AdminSession", ADMIN),
            Map.entry("AdminClients", ADMIN),
            Map.entry("AdminKeys", ADMIN));

    private Features() {
    }

    public static String ofTag(String tag) {
        return tag == null ? null : BY_TAG.get(tag);
    }
}
