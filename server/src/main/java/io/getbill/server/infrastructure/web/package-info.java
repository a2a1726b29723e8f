/**
 * Browser pages: template rendering, the page security headers, and single-use form tokens against CSRF.
 */
package io.getbill.server.infrastructure.web;
