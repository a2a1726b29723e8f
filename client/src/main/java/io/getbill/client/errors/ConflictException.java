package io.getbill.client.errors;

import java.net.http.HttpHeaders;

/**
 * 409 Conflict: the resource is not in a state that allows the operation (e.g. a report not yet completed).
 *
 * <p>Immutable and thread-safe, like every {@link GetBillApiException}.
 */
public class ConflictException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link GetBillApiException#GetBillApiException(String, ErrorEnvelope, HttpHeaders, String)}. */
    public ConflictException(String operationId, ErrorEnvelope envelope, HttpHeaders headers, String responseBody) {
        super(operationId, envelope, headers, responseBody);
    }

}
