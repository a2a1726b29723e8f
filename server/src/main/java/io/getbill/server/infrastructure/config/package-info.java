/**
 * Configuration properties, the issuer URL and the Clock bean every time reading goes through.
 */
package io.getbill.server.infrastructure.config;
