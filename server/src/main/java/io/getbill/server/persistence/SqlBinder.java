package io.getbill.server.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Binds one parameter of a statement whose {@code WHERE} clause is assembled from optional filters (the list
 * queries): each filter appends its condition and a binder, and {@link #bindAll} sets them in order.
 */
@FunctionalInterface
public interface SqlBinder {

    void bind(PreparedStatement ps, int index) throws SQLException;

    /** Binds {@code binders} from parameter 1 on; returns the index of the next parameter. */
    static int bindAll(PreparedStatement ps, List<SqlBinder> binders) throws SQLException {
        int i = 1;
        for (SqlBinder b : binders) {
            b.bind(ps, i++);
        }
        return i;
    }
}
