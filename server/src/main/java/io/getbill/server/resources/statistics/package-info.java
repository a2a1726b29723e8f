/**
 * Statistics over a company's debts.
 */
package io.getbill.server.resources.statistics;
