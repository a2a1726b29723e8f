package io.getbill.server.infrastructure.jobs;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code scheduled_job_locks}: the job is taken until {@code lockedUntil}. */
@MappedEntity("scheduled_job_locks")
public record JobLockRow(@Id String jobName, Instant lockedUntil, String lockedBy) {
}
