package io.getbill.conformance.core;

/** What happened to one check. */
public enum Outcome {
    PASSED,
    FAILED,
    /** Not run: excluded by the caller, or a precondition the deployment does not offer (the reason says which). */
    SKIPPED
}
