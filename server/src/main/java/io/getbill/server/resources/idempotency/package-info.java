/**
 * Idempotent writes by Idempotency-Key.
 */
package io.getbill.server.resources.idempotency;
