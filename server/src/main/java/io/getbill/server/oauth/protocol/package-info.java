/**
 * The OAuth protocol vocabulary: endpoints, form parameters, grant types, scopes, the access-token lifetime and the
 * RFC 6749 §5.2 error family.
 */
package io.getbill.server.oauth.protocol;
