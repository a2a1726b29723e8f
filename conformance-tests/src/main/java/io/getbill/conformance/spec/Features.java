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
    /** Reports: generation, download links and the signed file endpoint (issue 5, item 1). */
    public static final String REPORTS = "issue-5-reports";
    /** The partner client's pact files. */
    public static final String CLIENT_PACTS = "issue-6";

    private static final Map<String, String> BY_TAG = Map.of(
            "Debts", RESOURCES,
            "Followups", RESOURCES,
            "Debtors", RESOURCES,
            "Creditors", RESOURCES,
            "Statistics", RESOURCES,
            "Reports", REPORTS,
            "ReportFiles", REPORTS,
            "WebhookLogs", REPORTS_WEBHOOKS,
            "Revocation", AUTHORIZATION_SERVER,
            "Introspection", AUTHORIZATION_SERVER);

    private Features() {
    }

    public static String ofTag(String tag) {
        return tag == null ? null : BY_TAG.get(tag);
    }
}
