package io.getbill.server.admin.session;

import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.infrastructure.http.RequestIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

/**
 * Writes every change made through the admin API to the audit trail: who (the admin user), which company, what
 * ({@code action}, a short fixed word such as {@code client_created}) and on what (the target's id). Never a secret:
 * pass ids only.
 */
@Singleton
public class AdminAudit {

    private final AuditTrail trail;
    private final AdminCaller caller;

    public AdminAudit(AuditTrail trail, AdminCaller caller) {
        this.trail = trail;
        this.caller = caller;
    }

    /** Records {@code action} on {@code targetId} by the current admin user. */
    public void record(String action, @Nullable String targetId) {
        trail.record(AuditEvent.Type.ADMIN_ACTION, caller.userId(), AuditEvent.SUCCESS, action, requestId(),
                "company=" + caller.companyId() + (targetId == null ? "" : "/target=" + targetId));
    }

    static String requestId() {
        return ServerRequestContext.currentRequest().map(RequestIds::of).orElse(null);
    }
}
