/**
 * Debt records: the table, its queries, counts and totals, used by the resources that build on debts.
 */
package io.getbill.server.resources.debts.records;
