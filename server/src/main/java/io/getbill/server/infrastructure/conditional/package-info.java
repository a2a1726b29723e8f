/**
 * Conditional requests: entity tags and If-Match / If-None-Match (RFC 9110 §13).
 */
package io.getbill.server.infrastructure.conditional;
