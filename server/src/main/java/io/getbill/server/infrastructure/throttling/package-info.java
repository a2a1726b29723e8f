/**
 * Counters of failed attempts, for throttling guessing.
 */
package io.getbill.server.infrastructure.throttling;
