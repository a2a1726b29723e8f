/**
 * Refresh tokens (RFC 6749 §6): storage, rotation, family revocation and cleanup of expired tokens.
 */
package io.getbill.server.oauth.refresh;
