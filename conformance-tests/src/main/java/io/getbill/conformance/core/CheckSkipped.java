package io.getbill.conformance.core;

/** Thrown by a check's body when it cannot run here; the reason is reported. */
public final class CheckSkipped extends RuntimeException {
    public CheckSkipped(String reason) {
        super(reason, null, false, false);
    }

    /**
     * What an earlier check was to produce is missing: that check failed (its own result says why, and fails the run)
     * or was skipped (a 429, a client the config lacks). Either way this one cannot run.
     */
    public static CheckSkipped missing(String what, String earlierCheck) {
        return new CheckSkipped("needs " + what + " from " + earlierCheck + ", which failed or was skipped");
    }
}
