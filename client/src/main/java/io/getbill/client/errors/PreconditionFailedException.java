package io.getbill.client.errors;

import java.net.http.HttpHeaders;

/**
 * 412 Precondition Failed: an {@code If-Match} condition did not hold; get the resource again and retry the change.
 *
 * <p>Immutable and thread-safe, like every {@link GetBillApiException}.
 */
public class PreconditionFailedException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link GetBillApiException#GetBillApiException(String, ErrorEnvelope, HttpHeaders, String)}. */
    public PreconditionFailedException(String operationId, ErrorEnvelope envelope, HttpHeaders headers, String responseBody) {
        super(operationId, envelope, headers, responseBody);
    }

}
