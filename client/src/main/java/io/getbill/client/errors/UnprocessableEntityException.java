package io.getbill.client.errors;

import java.net.http.HttpHeaders;

/**
 * 422 Unprocessable Entity: valid, but needs an explicit confirmation; for an expensive phone destination {@code details().get("phone")} names the destination and its cost, and {@code accept_expensive_destination: true} confirms it.
 *
 * <p>Immutable and thread-safe, like every {@link GetBillApiException}.
 */
public class UnprocessableEntityException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link GetBillApiException#GetBillApiException(String, ErrorEnvelope, HttpHeaders, String)}. */
    public UnprocessableEntityException(String operationId, ErrorEnvelope envelope, HttpHeaders headers, String responseBody) {
        super(operationId, envelope, headers, responseBody);
    }

}
