package io.getbill.server.resources.debtors;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.infrastructure.validation.Emails;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Links a new debt to the debtor of its company with the same E.164 phone, otherwise the same email
 * (case-insensitive), creating the debtor from the debt's fields when none matches; the debtor's
 * {@code lastSeenAt} moves to the debt's creation. Runs inside the debt's transaction; a concurrent creation of the
 * same debtor is resolved by the unique phone and email keys (the loser reads the winner's row with a locking
 * read, which sees the latest committed version).
 */
@Singleton
public class DebtorLinker {

    private final DebtorRepository debtors;
    private final JdbcOperations jdbc;

    public DebtorLinker(DebtorRepository debtors, JdbcOperations jdbc) {
        this.debtors = debtors;
        this.jdbc = jdbc;
    }

    /** The debtor fields a new debt carries. */
    public record Candidate(String firstName, String lastName, @Nullable String phone, @Nullable String email,
                            @Nullable String address, @Nullable LocalDate dateOfBirth) {
    }

    /** @return the id of the debtor the debt belongs to */
    public String link(String companyId, Candidate c, Instant now) {
        String emailKey = Emails.key(c.email());
        Optional<Debtor> existing = find(companyId, c.phone(), emailKey, false);
        if (existing.isPresent()) {
            debtors.touch(existing.get().id(), companyId, now);
            return existing.get().id();
        }
        String id = RandomValues.id();
        try {
            jdbc.prepareStatement("""
                    INSERT INTO debtors (id, company_id, first_name, last_name, email, email_key, phone, address,
                        date_of_birth, first_seen_at, last_seen_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
                ps.setString(1, id);
                ps.setString(2, companyId);
                ps.setString(3, c.firstName());
                ps.setString(4, c.lastName());
                ps.setString(5, c.email());
                ps.setString(6, emailKey);
                ps.setString(7, c.phone());
                ps.setString(8, c.address());
                if (c.dateOfBirth() == null) {
                    ps.setNull(9, Types.DATE);
                } else {
                    ps.setDate(9, Date.valueOf(c.dateOfBirth()));
                }
                ps.setTimestamp(10, Timestamp.from(now));
                ps.setTimestamp(11, Timestamp.from(now));
                ps.setTimestamp(12, Timestamp.from(now));
                return ps.executeUpdate();
            });
            return id;
        } catch (RuntimeException e) {
            if (!WriteTransactions.isDuplicateKey(e)) {
                throw e;
            }
            Debtor winner = find(companyId, c.phone(), emailKey, true).orElseThrow(() -> e);
            debtors.touch(winner.id(), companyId, now);
            return winner.id();
        }
    }

    private Optional<Debtor> find(String companyId, String phone, String emailKey, boolean locking) {
        Optional<Debtor> found = Optional.empty();
        if (phone != null) {
            found = locking ? debtors.findByPhoneForUpdate(companyId, phone) : debtors.findByPhone(companyId, phone);
        }
        if (found.isEmpty() && emailKey != null) {
            found = locking ? debtors.findByEmailKeyForUpdate(companyId, emailKey) : debtors.findByEmailKey(companyId, emailKey);
        }
        return found;
    }
}
