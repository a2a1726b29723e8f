/**
 * Bearer tokens on resource requests: reading, validating and the RFC 6750 challenges.
 */
package io.getbill.server.oauth.bearer;
