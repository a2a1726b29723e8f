/**
 * The denylist of revoked access tokens, families and client cut-offs, shared by all instances.
 */
package io.getbill.server.oauth.denylist;
