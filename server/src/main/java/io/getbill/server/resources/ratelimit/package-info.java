/**
 * Rate limits of the resource API per client and request class.
 */
package io.getbill.server.resources.ratelimit;
