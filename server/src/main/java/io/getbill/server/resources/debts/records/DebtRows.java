package io.getbill.server.resources.debts.records;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads {@code debts} rows into {@link Debt} by column position, for the two hottest reads (a debt by id, a page of
 * the list). Micronaut Data's generic mapper looks every one of the 45 columns up by name on every row — deriving
 * the name from the property through the naming strategy, then a case-insensitive search of the result's columns — and
 * converts each value through the conversion service: a third of the CPU of {@code GET /debts/{id}} went there.
 * Values are read with the same JDBC getters that mapper uses ({@code getTimestamp}, {@code getDate},
 * {@code getBigDecimal}), so both paths see identical values; {@code DebtRowsTest} checks that field by field.
 */
final class DebtRows {

    /** The selected columns, in the order of {@link Debt}'s components (which {@link #read} relies on). */
    static final String COLUMNS =
            "id, company_id, debtor_id, creditor_id, import_id, status, currency, amount, civility, firstname, "
            + "lastname, phone, email, birthdate, subject, internal_id, invoice_reference, debtor_reference, "
            + "invoice_date, due_date, address, street_address, street_number, postal_code, city, country, iban, "
            + "company, debtor_company, payment_link, summary, metadata_json, timeline_id, nb_reminders, "
            + "nb_answered, followups_count, payment_plan_active, plan_start_date, last_timeline_restart, "
            + "search_internal_id, search_firstname, search_lastname, search_object, created_at, updated_at";

    private DebtRows() {
    }

    static Debt read(ResultSet rs) throws SQLException {
        return new Debt(
                rs.getString(1), // id
                rs.getString(2), // company_id
                rs.getString(3), // debtor_id
                rs.getString(4), // creditor_id
                rs.getString(5), // import_id
                rs.getString(6), // status
                rs.getString(7), // currency
                rs.getBigDecimal(8), // amount
                rs.getString(9), // civility
                rs.getString(10), // firstname
                rs.getString(11), // lastname
                rs.getString(12), // phone
                rs.getString(13), // email
                date(rs, 14), // birthdate
                rs.getString(15), // subject
                rs.getString(16), // internal_id
                rs.getString(17), // invoice_reference
                rs.getString(18), // debtor_reference
                date(rs, 19), // invoice_date
                date(rs, 20), // due_date
                rs.getString(21), // address
                rs.getString(22), // street_address
                rs.getString(23), // street_number
                rs.getString(24), // postal_code
                rs.getString(25), // city
                rs.getString(26), // country
                rs.getString(27), // iban
                rs.getString(28), // company
                rs.getString(29), // debtor_company
                rs.getString(30), // payment_link
                rs.getString(31), // summary
                rs.getString(32), // metadata_json
                rs.getString(33), // timeline_id
                rs.getInt(34), // nb_reminders
                rs.getInt(35), // nb_answered
                rs.getInt(36), // followups_count
                rs.getBoolean(37), // payment_plan_active
                date(rs, 38), // plan_start_date
                instant(rs, 39), // last_timeline_restart
                rs.getString(40), // search_internal_id
                rs.getString(41), // search_firstname
                rs.getString(42), // search_lastname
                rs.getString(43), // search_object
                instant(rs, 44), // created_at
                instant(rs, 45)); // updated_at
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
