/**
 * The authorization code flow's browser side (RFC 6749 §4.1, RFC 7636): the authorization endpoint and its sign-in,
 * consent and account pages, pending authorization requests, redirect URI and registration rules, PKCE, and the
 * single-use codes the token endpoint redeems.
 */
package io.getbill.server.oauth.authorization;
