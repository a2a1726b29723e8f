/**
 * Webhook administration: the endpoints a company registers for its events.
 */
package io.getbill.server.admin.webhooks;
