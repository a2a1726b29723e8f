/**
 * Deployment (outside the layers): first provisioning from a bootstrap file and the start-up training run.
 */
package io.getbill.server.deployment;
