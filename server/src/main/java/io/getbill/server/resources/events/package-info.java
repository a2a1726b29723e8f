/**
 * The outbox of resource events that webhooks deliver.
 */
package io.getbill.server.resources.events;
