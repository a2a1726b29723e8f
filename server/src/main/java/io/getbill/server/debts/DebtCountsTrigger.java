package io.getbill.server.debts;

import io.getbill.server.resources.debts.records.DebtCounts;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
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
    private static final int ID = 0;
    private static final int COMPANY_ID = 1;
    private static final int STATUS = 2;
    private static final int CURRENCY = 3;
    private static final int CREATED_AT = 4;

    private String table;
    private volatile int[] columns;

    /**
     * Only remembers the table: H2 creates its triggers when it opens the database, and the column positions are
     * looked up on the first write instead, so that a start-up that writes no debt pays nothing for them.
     */
    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = schemaName + "." + tableName;
    }

    /** Positions of id, company_id, status, currency and created_at in a row, from an empty {@code SELECT *}. */
    private int[] columns(Connection conn) throws SQLException {
        int[] found = columns;
        if (found != null) {
            return found;
        }
        found = new int[] {-1, -1, -1, -1, -1};
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                switch (meta.getColumnName(i).toLowerCase(Locale.ROOT)) {
                    case "id" -> found[ID] = i - 1;
                    case "company_id" -> found[COMPANY_ID] = i - 1;
                    case "status" -> found[STATUS] = i - 1;
                    case "currency" -> found[CURRENCY] = i - 1;
                    case "created_at" -> found[CREATED_AT] = i - 1;
                    default -> { }
                }
            }
        }
        for (int position : found) {
            if (position < 0) {
                throw new SQLException("debts lacks a column that debt_counts needs");
            }
        }
        columns = found;
        return found;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        int[] c = columns(conn);
        if (oldRow != null && newRow != null && sameCount(c, oldRow, newRow)) {
            return;
        }
        if (oldRow != null) {
            add(conn, c, oldRow, -1);
        }
        if (newRow != null) {
            add(conn, c, newRow, 1);
        }
    }

    private static boolean sameCount(int[] c, Object[] a, Object[] b) {
        return a[c[ID]].equals(b[c[ID]]) && a[c[COMPANY_ID]].equals(b[c[COMPANY_ID]]) && a[c[STATUS]].equals(b[c[STATUS]])
                && a[c[CURRENCY]].equals(b[c[CURRENCY]]) && day(a[c[CREATED_AT]]).equals(day(b[c[CREATED_AT]]));
    }

    private static String day(Object createdAt) {
        return createdAt.toString().substring(0, 10);
    }

    private static void add(Connection conn, int[] c, Object[] row, int delta) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(UPSERT)) {
            ps.setString(1, (String) row[c[COMPANY_ID]]);
            ps.setString(2, (String) row[c[STATUS]]);
            ps.setString(3, (String) row[c[CURRENCY]]);
            Object created = row[c[CREATED_AT]];
            if (created instanceof Timestamp t) {
                ps.setTimestamp(4, t);
            } else {
                ps.setObject(4, created);
            }
            ps.setInt(5, DebtCounts.slot((String) row[c[ID]]));
            ps.setLong(6, delta);
            ps.setLong(7, delta);
            ps.executeUpdate();
        }
    }
}
