/**
 * The token endpoint (RFC 6749 §3.2) and the access tokens it issues (RFC 9068).
 */
package io.getbill.server.oauth.token;
