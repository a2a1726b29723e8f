package io.getbill.server.infrastructure.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds one parameter of a statement whose {@code WHERE} clause is assembled from optional filters ({@link SqlWhere}).
 */
@FunctionalInterface
public interface SqlBinder {

    void bind(PreparedStatement ps, int index) throws SQLException;
}
