/**
 * Authorization server metadata (RFC 8414) and the published keys.
 */
package io.getbill.server.oauth.discovery;
