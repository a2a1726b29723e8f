/**
 * Follow-ups of debts.
 */
package io.getbill.server.resources.followups;
