/**
 * Debtors and their debt totals.
 */
package io.getbill.server.resources.debtors;
