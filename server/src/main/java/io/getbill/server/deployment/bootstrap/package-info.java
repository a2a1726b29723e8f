/**
 * Provisioning companies, users and clients from a bootstrap file on first start.
 */
package io.getbill.server.deployment.bootstrap;
