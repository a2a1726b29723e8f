/**
 * A company user's remembered consents per client, and their withdrawal, which revokes that client's tokens for the
 * user.
 */
package io.getbill.server.oauth.consents;
