/**
 * Creditors and their debt totals.
 */
package io.getbill.server.resources.creditors;
