/**
 * Token introspection (RFC 7662).
 */
package io.getbill.server.oauth.introspection;
