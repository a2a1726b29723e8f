/**
 * The audit trail of security events, written without a database write on the token path.
 */
package io.getbill.server.infrastructure.audit;
