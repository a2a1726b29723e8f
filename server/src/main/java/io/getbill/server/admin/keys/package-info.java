/**
 * Signing-key administration: listing and rotating the keys that sign access tokens.
 */
package io.getbill.server.admin.keys;
