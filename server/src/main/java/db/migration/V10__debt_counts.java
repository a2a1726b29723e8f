package db.migration;

import io.getbill.server.resources.debts.records.DebtCounts;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code debt_counts}: the number of debts per company, status, currency and UTC creation day, kept exact by triggers
 * on {@code debts}, so that a list's {@code pagination.total} costs one row per day instead of one index entry per
 * matching debt (see {@link DebtCounts}).
 *
 * <p>A Java migration because the triggers differ per database: MySQL and MariaDB get SQL triggers; H2 (the embedded
 * default) calls {@link io.getbill.server.debts.DebtCountsTrigger}. Triggers, not application code, so that every
 * writer of {@code debts} — the API, a batch, a later feature, a bulk load — keeps the counts right. The existing
 * debts are counted once here.
 */
public class V10__debt_counts extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean h2 = connection.getMetaData().getDatabaseProductName().toUpperCase(java.util.Locale.ROOT).contains("H2");
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TABLE debt_counts (
                        company_id  VARCHAR(32) NOT NULL,
                        status      VARCHAR(16) NOT NULL,
                        currency    CHAR(3)     NOT NULL,
                        created_day DATE        NOT NULL,
                        slot        SMALLINT    NOT NULL,
                        debts       BIGINT      NOT NULL,
                        PRIMARY KEY (company_id, status, currency, created_day, slot),
                        CONSTRAINT fk_debt_counts_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
                    )""");
            s.execute("INSERT INTO debt_counts (company_id, status, currency, created_day, slot, debts) "
                    + "SELECT company_id, status, currency, CAST(created_at AS DATE), " + DebtCounts.slotSql("id") + ", COUNT(*) "
                    + "FROM debts GROUP BY company_id, status, currency, CAST(created_at AS DATE), " + DebtCounts.slotSql("id"));
            if (h2) {
                for (String event : new String[] {"INSERT", "UPDATE", "DELETE"}) {
                    s.execute("CREATE TRIGGER debts_counted_" + event.toLowerCase(java.util.Locale.ROOT) + " AFTER " + event
                            + " ON debts FOR EACH ROW CALL '" + io.getbill.server.debts.DebtCountsTrigger.class.getName() + "'");
                }
                return;
            }
            s.execute("CREATE TRIGGER debts_counted_insert AFTER INSERT ON debts FOR EACH ROW " + upsert("NEW", 1));
            s.execute("CREATE TRIGGER debts_counted_delete AFTER DELETE ON debts FOR EACH ROW " + upsert("OLD", -1));
            s.execute("CREATE TRIGGER debts_counted_update AFTER UPDATE ON debts FOR EACH ROW BEGIN "
                    + "IF NOT (OLD.company_id <=> NEW.company_id AND OLD.status <=> NEW.status AND OLD.currency <=> NEW.currency "
                    + "AND CAST(OLD.created_at AS DATE) <=> CAST(NEW.created_at AS DATE) AND OLD.id <=> NEW.id) THEN "
                    + upsert("OLD", -1) + "; " + upsert("NEW", 1) + "; END IF; END");
        }
    }

    private static String upsert(String row, int delta) {
        return "INSERT INTO debt_counts (company_id, status, currency, created_day, slot, debts) VALUES ("
                + row + ".company_id, " + row + ".status, " + row + ".currency, CAST(" + row + ".created_at AS DATE), "
                + DebtCounts.slotSql(row + ".id") + ", " + delta + ") ON DUPLICATE KEY UPDATE debts = debts " + (delta > 0 ? "+ 1" : "- 1");
    }
}
