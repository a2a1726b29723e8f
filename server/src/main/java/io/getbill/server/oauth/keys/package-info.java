/**
 * The signing keys of access tokens and their rotation.
 */
package io.getbill.server.oauth.keys;
