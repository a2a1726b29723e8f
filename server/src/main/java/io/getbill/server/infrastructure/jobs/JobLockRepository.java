package io.getbill.server.infrastructure.jobs;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface JobLockRepository extends CrudRepository<JobLockRow, String> {

    /** Takes the lock if it is free; 1 when taken, 0 when another instance holds it. */
    @Query("UPDATE scheduled_job_locks SET locked_until = :until, locked_by = :owner "
            + "WHERE job_name = :jobName AND locked_until <= :now")
    int acquire(String jobName, Instant until, String owner, Instant now);
}
