package io.getbill.server.infrastructure.errors;

import io.getbill.server.infrastructure.errors.FieldErrors;

/**
 * The rules of a request body that its generated type cannot express (phone numbers, IBANs, currencies, dates in
 * order, ...). They run with the type's own constraints, so that one 400 reports every violated field at once.
 * They must cope with a body that broke its constraints (missing or oversized values).
 */
public interface RequestBodyRules<T> {

    Class<T> bodyType();

    void check(T body, FieldErrors errors);
}
