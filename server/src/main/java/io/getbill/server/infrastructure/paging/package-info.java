/**
 * Page requests of list operations.
 */
package io.getbill.server.infrastructure.paging;
