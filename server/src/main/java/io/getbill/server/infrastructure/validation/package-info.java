/**
 * Validation of request bodies and their values: raw JSON body and its text screen, currencies, IBANs, e-mail
 * addresses, phone numbers, URIs, metadata.
 */
package io.getbill.server.infrastructure.validation;
