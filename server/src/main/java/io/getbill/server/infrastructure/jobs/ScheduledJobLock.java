package io.getbill.server.infrastructure.jobs;

import io.getbill.server.infrastructure.crypto.RandomValues;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A lock in the database that makes a scheduled job run on one instance per period, whatever the number of
 * instances: taking it is one conditional UPDATE ({@code ... SET locked_until = now + holdFor WHERE locked_until <=
 * now}) whose row count says who won. It is never released early: holding it for (about) the job's period is what
 * keeps the other instances from running the job again in the same period. Works on MySQL, MariaDB and H2 alike.
 */
@Singleton
public class ScheduledJobLock {

    private final JobLockRepository repository;
    private final String owner = "instance-" + RandomValues.id();

    public ScheduledJobLock(JobLockRepository repository) {
        this.repository = repository;
    }

    /** Whether this instance took the lock of {@code job} for {@code holdFor}. */
    public boolean tryAcquire(String job, Duration holdFor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (repository.acquire(job, now.plus(holdFor), owner, now) == 1) {
            return true;
        }
        if (repository.existsById(job)) {
            return false;
        }
        try {
            repository.save(new JobLockRow(job, now.plus(holdFor), owner));
            return true;
        } catch (RuntimeException e) {
            return false; // another instance inserted it first
        }
    }

    /** This instance's name in {@code locked_by}. */
    public String owner() {
        return owner;
    }
}
