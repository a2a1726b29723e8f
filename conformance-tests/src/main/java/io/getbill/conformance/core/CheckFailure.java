package io.getbill.conformance.core;

/**
 * Thrown by a check's body when the deployment does not do what the requirement says. Carries the expected and the
 * actual value; the exchange that showed it is taken from the check's recorded exchanges unless given.
 */
public final class CheckFailure extends RuntimeException {

    private final String expected;
    private final String actual;
    private final transient Exchange exchange;

    public CheckFailure(String message, String expected, String actual, Exchange exchange) {
        super(message, null, false, false);
        this.expected = expected;
        this.actual = actual;
        this.exchange = exchange;
    }

    public CheckFailure(String message, String expected, String actual) {
        this(message, expected, actual, null);
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    public Exchange exchange() {
        return exchange;
    }
}
