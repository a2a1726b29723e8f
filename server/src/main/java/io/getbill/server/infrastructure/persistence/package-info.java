/**
 * SQL building blocks and write transactions.
 */
package io.getbill.server.infrastructure.persistence;
