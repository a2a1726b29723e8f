package io.getbill.client.errors;

import java.net.http.HttpHeaders;

/**
 * 404 Not Found: no such resource in the caller's company (another company's id answers the same).
 *
 * <p>Immutable and thread-safe, like every {@link GetBillApiException}.
 */
public class NotFoundException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link GetBillApiException#GetBillApiException(String, ErrorEnvelope, HttpHeaders, String)}. */
    public NotFoundException(String operationId, ErrorEnvelope envelope, HttpHeaders headers, String responseBody) {
        super(operationId, envelope, headers, responseBody);
    }

}
