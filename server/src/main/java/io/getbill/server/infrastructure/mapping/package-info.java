/**
 * Mapping between database values and API values (timestamps).
 */
package io.getbill.server.infrastructure.mapping;
