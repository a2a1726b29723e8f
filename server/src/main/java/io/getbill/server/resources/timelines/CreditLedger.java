package io.getbill.server.resources.timelines;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * A company's credits as the timeline executor spends them. A spend is one conditional UPDATE
 * ({@code credits = credits - n WHERE credits >= n}): concurrent spends on any number of instances can never take the
 * balance below zero, and the row count says whether there was enough. Every change is written to
 * {@code credit_ledger} with the balance right after it, in the same transaction, so the balance can be explained.
 */
@Singleton
public class CreditLedger {

    static final String SPEND = "spend";
    static final String REFUND = "refund";

    private final JdbcOperations jdbc;

    public CreditLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Credits spent by executed steps in one month (UTC), net of refunds, per channel (every channel listed). */
    public record MonthlySpend(YearMonth period, Map<Channel, Long> byChannel) {
        public long total() {
            return byChannel.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Takes {@code credits} from the company's balance if it holds that many; call inside the step's transaction.
     *
     * @return whether the credits were taken (false: the balance is too low and nothing changed)
     */
    public boolean spend(String companyId, int credits, Channel channel, String followupId, String debtId, Instant now) {
        int updated = jdbc.prepareStatement("UPDATE companies SET credits = credits - ? WHERE id = ? AND credits >= ?", ps -> {
            ps.setLong(1, credits);
            ps.setString(2, companyId);
            ps.setLong(3, credits);
            return ps.executeUpdate();
        });
        if (updated == 0) {
            return false;
        }
        record(companyId, SPEND, -credits, channel, followupId, debtId, null, now);
        return true;
    }

    /** Gives back what a step spent when its channel failed. */
    public void refund(String companyId, int credits, Channel channel, String followupId, String debtId, String reason, Instant now) {
        jdbc.prepareStatement("UPDATE companies SET credits = credits + ? WHERE id = ?", ps -> {
            ps.setLong(1, credits);
            ps.setString(2, companyId);
            return ps.executeUpdate();
        });
        record(companyId, REFUND, credits, channel, followupId, debtId, reason, now);
    }

    @Connectable
    public MonthlySpend spentInMonthOf(String companyId, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Channel, Long> spent = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            spent.put(c, 0L);
        }
        jdbc.prepareStatement("SELECT channel, COALESCE(SUM(credits), 0) FROM credit_ledger"
                + " WHERE company_id = ? AND created_at >= ? AND created_at < ? AND channel IS NOT NULL GROUP BY channel", ps -> {
            ps.setString(1, companyId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long net = -rs.getLong(2);
                    Channel.fromWireName(rs.getString(1)).ifPresent(c -> spent.put(c, Math.max(0, net)));
                }
            }
            return null;
        });
        return new MonthlySpend(month, spent);
    }

    private void record(String companyId, String type, long credits, Channel channel, String followupId, String debtId,
                        @Nullable String reason, Instant now) {
        long balance = jdbc.prepareStatement("SELECT credits FROM companies WHERE id = ?", ps -> {
            ps.setString(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        jdbc.prepareStatement("INSERT INTO credit_ledger (id, company_id, entry_type, credits, balance_after, channel,"
                + " followup_id, debt_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, RandomValues.id());
            ps.setString(2, companyId);
            ps.setString(3, type);
            ps.setLong(4, credits);
            ps.setLong(5, balance);
            ps.setString(6, channel.wireName());
            ps.setString(7, followupId);
            ps.setString(8, debtId);
            ps.setString(9, reason);
            ps.setTimestamp(10, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }
}
