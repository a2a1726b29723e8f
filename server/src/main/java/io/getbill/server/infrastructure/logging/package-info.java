/**
 * Console logging configuration.
 */
package io.getbill.server.infrastructure.logging;
