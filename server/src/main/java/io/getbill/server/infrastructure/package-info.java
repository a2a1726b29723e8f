/**
 * Cross-cutting infrastructure (layer 1): it depends on no other group of the server.
 */
package io.getbill.server.infrastructure;
