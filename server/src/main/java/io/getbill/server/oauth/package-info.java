/**
 * The OAuth 2.0 authorization server (layer 2): protocol vocabulary, clients, keys, tokens, refresh, denylist,
 * revocation, introspection, discovery, bearer-token checks, and the authorization code flow's pages, user sign-in
 * and consents.
 */
package io.getbill.server.oauth;
