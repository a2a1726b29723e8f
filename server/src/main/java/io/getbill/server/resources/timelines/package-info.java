/**
 * Collection timelines: scheduling, step execution, channels and the credit ledger.
 */
package io.getbill.server.resources.timelines;
