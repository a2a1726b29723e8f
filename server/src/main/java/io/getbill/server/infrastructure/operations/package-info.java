/**
 * Operations endpoints: /health for load balancers and the contract served as /openapi.yaml.
 */
package io.getbill.server.infrastructure.operations;
