/**
 * OAuth clients: registry, secrets, throttling and the one client-authentication step of the OAuth endpoints (RFC 6749
 * §2.3).
 */
package io.getbill.server.oauth.clients;
