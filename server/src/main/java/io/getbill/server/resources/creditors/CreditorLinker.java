package io.getbill.server.resources.creditors;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Links a debt's {@code company} to the creditor of that name (case-insensitive), creating it when none exists.
 * Runs inside the debt's transaction; a concurrent creation of the same creditor is resolved by the unique name
 * key (the loser reads the winner's row with a locking read, which sees the latest committed version).
 */
@Singleton
public class CreditorLinker {

    private final CreditorRepository creditors;
    private final JdbcOperations jdbc;

    public CreditorLinker(CreditorRepository creditors, JdbcOperations jdbc) {
        this.creditors = creditors;
        this.jdbc = jdbc;
    }

    /** @return the id of the creditor named {@code name} in the company */
    public String link(String companyId, String name, Instant now) {
        String key = Creditor.nameKey(name);
        var existing = creditors.findByNameKey(companyId, key);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        String id = RandomValues.id();
        try {
            jdbc.prepareStatement("""
                    INSERT INTO creditors (id, company_id, name, name_key, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", ps -> {
                ps.setString(1, id);
                ps.setString(2, companyId);
                ps.setString(3, name.strip());
                ps.setString(4, key);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setTimestamp(6, Timestamp.from(now));
                return ps.executeUpdate();
            });
            return id;
        } catch (RuntimeException e) {
            if (WriteTransactions.isDuplicateKey(e)) {
                return creditors.findByNameKeyForUpdate(companyId, key).map(Creditor::id).orElseThrow(() -> e);
            }
            throw e;
        }
    }
}
