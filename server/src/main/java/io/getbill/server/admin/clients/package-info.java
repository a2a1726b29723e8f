/**
 * Client administration: registering, rotating and disabling OAuth clients of a company, with the cut-offs it causes.
 */
package io.getbill.server.admin.clients;
