/**
 * The debts API: creation, batch import, updates and their body rules.
 */
package io.getbill.server.resources.debts;
