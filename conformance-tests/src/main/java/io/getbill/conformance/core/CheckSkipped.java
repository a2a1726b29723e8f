package io.getbill.conformance.core;

/** Thrown by a check's body when it cannot run here; the reason is reported. */
public final class CheckSkipped extends RuntimeException {
    public CheckSkipped(String reason) {
        super(reason, null, false, false);
    }
}
