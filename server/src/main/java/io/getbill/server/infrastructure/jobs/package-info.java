/**
 * Scheduled jobs that run on one instance at a time, by a lock row in the database.
 */
package io.getbill.server.infrastructure.jobs;
