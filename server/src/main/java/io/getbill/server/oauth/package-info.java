/**
 * The OAuth 2.0 authorization server (layer 2): protocol vocabulary, clients, keys, tokens, refresh, denylist,
 * revocation, introspection, discovery and bearer-token checks.
 */
package io.getbill.server.oauth;
