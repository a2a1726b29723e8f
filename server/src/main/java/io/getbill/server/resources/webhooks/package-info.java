/**
 * Webhook deliveries, signatures, retries and delivery logs.
 */
package io.getbill.server.resources.webhooks;
