package io.getbill.server.resources.reports;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code getbill.reports.*} (each also from the environment, e.g. {@code GETBILL_REPORTS_LINK_LIFETIME}).
 * The defaults are what the contract promises: links valid one hour, monthly reports on the 1st at 06:00 UTC.
 */
@ConfigurationProperties("getbill.reports")
public class ReportSettings {

    private int workerThreads = 1;
    private int queueCapacity = 100;
    private Duration lease = Duration.ofMinutes(5);
    private Duration recoveryInterval = Duration.ofSeconds(30);
    private int maxAttempts = 3;
    private long maxFileSize = 16_000_000L;
    private int maxPeriodDays = 366;
    private Duration linkLifetime = Duration.ofHours(1);
    private String monthlyCron = "0 0 6 1 * *";
    private String monthlyFormat = "csv";

    /** Reports generated at the same time by one instance; the rest wait in the queue. */
    public int getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }

    /** Reports waiting for a worker on this instance; beyond it they wait in the database for any instance. */
    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /** How long an instance owns a report it generates; after that any instance may take it over. */
    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    /** How often every instance looks for generating reports whose lease has expired. */
    public Duration getRecoveryInterval() {
        return recoveryInterval;
    }

    public void setRecoveryInterval(Duration recoveryInterval) {
        this.recoveryInterval = recoveryInterval;
    }

    /** Generation attempts (leases taken) before a report is marked failed. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Largest file kept, in bytes (below MEDIUMBLOB's 16 MiB); a larger report fails with a reason. */
    public long getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    /** Longest period a report may cover, in days. */
    public int getMaxPeriodDays() {
        return maxPeriodDays;
    }

    public void setMaxPeriodDays(int maxPeriodDays) {
        this.maxPeriodDays = maxPeriodDays;
    }

    /** How long a signed download link works. */
    public Duration getLinkLifetime() {
        return linkLifetime;
    }

    public void setLinkLifetime(Duration linkLifetime) {
        this.linkLifetime = linkLifetime;
    }

    /** When the previous month's reports are generated (seconds minutes hours day-of-month month day-of-week, UTC). */
    public String getMonthlyCron() {
        return monthlyCron;
    }

    public void setMonthlyCron(String monthlyCron) {
        this.monthlyCron = monthlyCron;
    }

    /** The format of the monthly reports: {@code csv} or {@code json}. */
    public String getMonthlyFormat() {
        return monthlyFormat;
    }

    public void setMonthlyFormat(String monthlyFormat) {
        this.monthlyFormat = monthlyFormat;
    }
}
