/**
 * HTTP plumbing: request ids, the raw JSON body filter and their log context.
 */
package io.getbill.server.infrastructure.http;
