/**
 * The training run that starts the server as on a first start and exits, so the JVM can record what it loads.
 */
package io.getbill.server.deployment.startup;
