/**
 * HTTP plumbing: request ids, the raw JSON body filter and their log context, the page headers of declared browser
 * pages.
 */
package io.getbill.server.infrastructure.http;
