package io.getbill.conformance.core;

/**
 * How much a failed check weighs, as in the OpenID Foundation conformance suite: a failed {@link #REQUIRED} check
 * fails the run (exit code 1); a failed {@link #RECOMMENDED} check is reported as a warning.
 */
public enum Severity {
    /** A MUST of an RFC or a rule of the contract or of the issues it implements. */
    REQUIRED,
    /** A SHOULD, or a rule whose violation is not wrong on every deployment. */
    RECOMMENDED
}
