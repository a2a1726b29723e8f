package io.getbill.server.resources.timelines;

import io.getbill.server.resources.debts.records.Debt;
import io.getbill.server.resources.debts.records.DebtRepository;
import io.getbill.server.resources.followups.Followup;
import io.getbill.server.resources.followups.FollowupService;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executes due timeline steps, on every instance at once and yet once per step: each step is claimed by a
 * compare-and-set on its followup ({@code scheduled} → {@code in_progress} under the row lock, see
 * {@link FollowupService#lockInStatus}); the instance that loses the race skips it. A step then goes through three
 * phases:
 * <ol>
 *   <li><b>claim</b> (one transaction): the followup is claimed; a debt without the phone (call, SMS, WhatsApp) or
 *       email the channel needs fails the step ({@code no_phone} / {@code no_email}, nothing spent); otherwise the
 *       step's credits are spent ({@link CreditLedger#spend}) — too few credits fail it with
 *       {@code insufficient_credits} and the balance unchanged;</li>
 *   <li><b>send</b> (no transaction): the channel's {@link CollectionChannel} sends it;</li>
 *   <li><b>finish</b> (one transaction): the followup becomes {@code sent} (with {@code processed_at}); if the channel
 *       threw, {@code failed} with {@code channel_error: <exception class>}, and the credits are refunded.</li>
 * </ol>
 * Sending is at most once: a crash between claim and finish leaves the step {@code in_progress}, and after
 * {@code getbill.timelines.interrupted-after} (default 15 min) it is marked {@code failed} ({@code interrupted}),
 * not sent again — nobody can tell whether the provider got it — and its credits stay spent.
 */
@Singleton
public class TimelineStepExecutor {

    public static final String REASON_INSUFFICIENT_CREDITS = "insufficient_credits";
    public static final String REASON_NO_PHONE = "no_phone";
    public static final String REASON_NO_EMAIL = "no_email";
    public static final String REASON_INTERRUPTED = "interrupted";
    private static final Logger LOG = LoggerFactory.getLogger(TimelineStepExecutor.class);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final WriteTransactions writes;
    private final FollowupService followups;
    private final DebtRepository debts;
    private final CreditLedger ledger;
    private final StepCosts costs;
    private final TimelineSettings settings;
    private final Map<Channel, CollectionChannel> channels = new EnumMap<>(Channel.class);

    /** What one pass did. {@code lost}: steps another instance (or a cancellation) took first. */
    public record Pass(int sent, int failed, int lost, int interrupted) {
    }

    private record Due(String id, String companyId) {
    }

    private record Claim(Followup followup, Debt debt, Channel channel, int credits) {
    }

    /** The claim phase's result: a step to send, or the outcome that ended it there. */
    private record Claimed(Outcome outcome, @Nullable Claim claim) {
        static Claimed ended(Outcome outcome) {
            return new Claimed(outcome, null);
        }
    }

    public TimelineStepExecutor(JdbcOperations jdbc, TransactionOperations<Connection> transactions, WriteTransactions writes, FollowupService followups,
                                DebtRepository debts, CreditLedger ledger, StepCosts costs, TimelineSettings settings,
                                List<CollectionChannel> senders) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.writes = writes;
        this.followups = followups;
        this.debts = debts;
        this.ledger = ledger;
        this.costs = costs;
        this.settings = settings;
        for (CollectionChannel sender : senders) {
            CollectionChannel previous = channels.put(sender.channel(), sender);
            if (previous != null) {
                throw new IllegalStateException("Two senders for the " + sender.channel().wireName() + " channel: "
                        + previous.getClass().getName() + " and " + sender.getClass().getName()
                        + "; a provider must @Replaces the logging one");
            }
        }
    }

    @Scheduled(fixedDelay = "${getbill.timelines.executor-interval:30s}",
            initialDelay = "${getbill.timelines.executor-initial-delay:10s}")
    void scheduled() {
        if (!settings.isExecutorEnabled()) {
            return;
        }
        try {
            Pass pass = runOnce(Instant.now());
            if (pass.sent() + pass.failed() + pass.interrupted() > 0) {
                LOG.info("Timeline steps: {} sent, {} failed, {} interrupted", pass.sent(), pass.failed(), pass.interrupted());
            }
        } catch (RuntimeException e) {
            LOG.warn("Timeline step execution failed: {}", e.toString());
        }
    }

    /** Executes the steps due at {@code now} (up to {@code getbill.timelines.executor-batch} of them). */
    public Pass runOnce(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        int interrupted = failInterrupted(at);
        int sent = 0;
        int failed = 0;
        int lost = 0;
        for (Due due : due(at, settings.getExecutorBatch())) {
            switch (execute(due, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
                case SENT -> sent++;
                case FAILED -> failed++;
                case LOST -> lost++;
            }
        }
        return new Pass(sent, failed, lost, interrupted);
    }

    private enum Outcome { SENT, FAILED, LOST }

    private Outcome execute(Due due, Instant now) {
        Claimed claimed = writes.run(() -> claim(due, now));
        if (claimed.claim() == null) {
            return claimed.outcome();
        }
        Claim c = claimed.claim();
        String error = null;
        CollectionChannel sender = channels.get(c.channel());
        try {
            if (sender == null) {
                throw new IllegalStateException("no sender for the " + c.channel().wireName() + " channel");
            }
            sender.send(step(c));
        } catch (Exception e) {
            error = "channel_error: " + e.getClass().getSimpleName();
            LOG.warn("The {} channel failed to send followup {}: {}", c.channel().wireName(), c.followup().id(), e.toString());
        }
        String failure = error;
        Instant done = Instant.now().truncatedTo(ChronoUnit.MICROS);
        writes.run(() -> finish(c, failure, done));
        return failure == null ? Outcome.SENT : Outcome.FAILED;
    }

    private Claimed claim(Due due, Instant now) {
        Optional<Followup> locked = followups.lockInStatus(due.companyId(), due.id(), "scheduled");
        if (locked.isEmpty()) {
            return Claimed.ended(Outcome.LOST);
        }
        Followup f = locked.get();
        Optional<Debt> debt = debts.findByIdAndCompanyId(f.debtId(), f.companyId());
        Channel channel = Channel.fromWireName(f.type()).orElse(null);
        if (debt.isEmpty() || channel == null) {
            followups.changeStatus(f, "failed", "channel_error: not a timeline channel", now, 0, true, now);
            return Claimed.ended(Outcome.FAILED);
        }
        Debt d = debt.get();
        if (channel.usesPhone() ? d.phone() == null : d.email() == null) {
            followups.changeStatus(f, "failed", channel.usesPhone() ? REASON_NO_PHONE : REASON_NO_EMAIL, now, 0, true, now);
            return Claimed.ended(Outcome.FAILED);
        }
        int credits = costs.of(channel, d.phone());
        if (!ledger.spend(f.companyId(), credits, channel, f.id(), f.debtId(), now)) {
            followups.changeStatus(f, "failed", REASON_INSUFFICIENT_CREDITS, now, 0, true, now);
            return Claimed.ended(Outcome.FAILED);
        }
        Followup claimed = followups.changeStatus(f, "in_progress", null, null, credits, false, now);
        return new Claimed(Outcome.SENT, new Claim(claimed, d, channel, credits));
    }

    private Void finish(Claim c, @Nullable String error, Instant now) {
        Followup f = c.followup();
        Optional<Followup> locked = followups.lockInStatus(f.companyId(), f.id(), "in_progress");
        if (error == null) {
            locked.ifPresent(l -> followups.changeStatus(l, "sent", null, now, c.credits(), true, now));
            return null;
        }
        ledger.refund(f.companyId(), c.credits(), c.channel(), f.id(), f.debtId(), error, now);
        locked.ifPresent(l -> followups.changeStatus(l, "failed", error, now, 0, true, now));
        return null;
    }

    private static CollectionStep step(Claim c) {
        Debt d = c.debt();
        Followup f = c.followup();
        return new CollectionStep(f.companyId(), d.id(), f.id(), f.timelineId(), c.channel(), d.phone(), d.email(),
                d.firstname() + " " + d.lastname(), d.amount(), d.currency(), d.paymentLink(), f.notes());
    }

    private List<Due> due(Instant now, int limit) {
        return transactions.executeRead(tx -> jdbc.prepareStatement("SELECT id, company_id FROM followups WHERE status = 'scheduled'"
                + " AND scheduled_at <= ? AND timeline_id IS NOT NULL ORDER BY scheduled_at, id LIMIT ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            List<Due> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Due(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        }));
    }

    /** Steps left {@code in_progress} longer than the configured time: their instance died between claim and finish. */
    private int failInterrupted(Instant now) {
        Instant before = now.minus(settings.getInterruptedAfter());
        List<Due> stuck = transactions.executeRead(tx -> jdbc.prepareStatement("SELECT id, company_id FROM followups WHERE status = 'in_progress'"
                + " AND timeline_id IS NOT NULL AND updated_at < ? LIMIT 100", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            List<Due> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Due(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        }));
        int failed = 0;
        for (Due d : stuck) {
            boolean changed = writes.run(() -> followups.lockInStatus(d.companyId(), d.id(), "in_progress")
                    .filter(f -> f.updatedAt().isBefore(before))
                    .map(f -> followups.changeStatus(f, "failed", REASON_INTERRUPTED, now, null, true, now))
                    .isPresent());
            if (changed) {
                failed++;
            }
        }
        return failed;
    }
}
