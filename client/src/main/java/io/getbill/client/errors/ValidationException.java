package io.getbill.client.errors;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * 400 Bad Request: the request broke a rule of the contract. {@link #fieldErrors()} lists, per field or
 * parameter, every message (the envelope's {@code details}); a malformed body or an RFC 6750
 * {@code invalid_request} has none.
 *
 * <p>Immutable and thread-safe, like every {@link GetBillApiException}.
 */
public class ValidationException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link GetBillApiException#GetBillApiException(String, ErrorEnvelope, HttpHeaders, String)}. */
    public ValidationException(String operationId, ErrorEnvelope envelope, HttpHeaders headers, String responseBody) {
        super(operationId, envelope, headers, responseBody, describe(operationId, envelope));
    }

    /** Per field or parameter ({@code amount}, {@code debts[3].phone}, {@code limit}), every message that applies to it. */
    public Map<String, List<String>> fieldErrors() {
        return details();
    }

    private static String describe(String operationId, ErrorEnvelope envelope) {
        String base = operationId + ": HTTP " + envelope.status() + " " + envelope.message()
                + (envelope.requestId() == null ? "" : " (request_id " + envelope.requestId() + ")");
        return envelope.details().isEmpty() ? base : base + ": " + envelope.details();
    }
}
