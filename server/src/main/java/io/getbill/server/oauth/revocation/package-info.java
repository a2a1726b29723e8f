/**
 * Token revocation (RFC 7009).
 */
package io.getbill.server.oauth.revocation;
