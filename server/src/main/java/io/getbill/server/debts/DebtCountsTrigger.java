package io.getbill.server.debts;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Locale;

/**
 * Keeps {@code debt_counts} exact on H2, the embedded default, which has no SQL trigger bodies: the same work as the
 * MySQL/MariaDB triggers of migration V10 (one debt in, one debt out of its company, status, currency, day and slot;
 * nothing when none of those changed), in the writing transaction.
 */
public final class DebtCountsTrigger implements Trigger {

    private static final String UPSERT = "INSERT INTO debt_counts (company_id, status, currency, created_day, slot, debts) "
            + "VALUES (?, ?, ?, CAST(? AS DATE), ?, ?) ON DUPLICATE KEY UPDATE debts = debts + ?";

    private int id = -1;
    private int companyId = -1;
    private int status = -1;
    private int currency = -1;
    private int createdAt = -1;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        try (ResultSet columns = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
            while (columns.next()) {
                int index = columns.getInt("ORDINAL_POSITION") - 1;
                switch (columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)) {
                    case "id" -> id = index;
                    case "company_id" -> companyId = index;
                    case "status" -> status = index;
                    case "currency" -> currency = index;
                    case "created_at" -> createdAt = index;
                    default -> { }
                }
            }
        }
        if (id < 0 || companyId < 0 || status < 0 || currency < 0 || createdAt < 0) {
            throw new SQLException("debts lacks a column that debt_counts needs");
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null && sameCount(oldRow, newRow)) {
            return;
        }
        if (oldRow != null) {
            add(conn, oldRow, -1);
        }
        if (newRow != null) {
            add(conn, newRow, 1);
        }
    }

    private boolean sameCount(Object[] a, Object[] b) {
        return a[id].equals(b[id]) && a[companyId].equals(b[companyId]) && a[status].equals(b[status])
                && a[currency].equals(b[currency]) && day(a).equals(day(b));
    }

    private String day(Object[] row) {
        return row[createdAt].toString().substring(0, 10);
    }

    private void add(Connection conn, Object[] row, int delta) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(UPSERT)) {
            ps.setString(1, (String) row[companyId]);
            ps.setString(2, (String) row[status]);
            ps.setString(3, (String) row[currency]);
            Object created = row[createdAt];
            if (created instanceof Timestamp t) {
                ps.setTimestamp(4, t);
            } else {
                ps.setObject(4, created);
            }
            ps.setInt(5, DebtCounts.slot((String) row[id]));
            ps.setLong(6, delta);
            ps.setLong(7, delta);
            ps.executeUpdate();
        }
    }
}
