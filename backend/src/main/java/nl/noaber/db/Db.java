package nl.noaber.db;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plain SQL through the transaction-bound connection of Micronaut Data. Used where a query is
 * spatial or must be exactly this SQL (the plans are part of the design); simple tables use
 * Micronaut Data repositories.
 */
@Singleton
public class Db {
    private final JdbcOperations jdbc;

    public Db(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        return jdbc.execute(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                    return out;
                }
            } catch (SQLException e) {
                throw new DataAccess(e);
            }
        });
    }

    public <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = list(sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public int update(String sql, Binder binder) {
        return jdbc.execute(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccess(e);
            }
        });
    }

    /** Runs a statement once per item, in one batch. */
    public <T> int batch(String sql, Iterable<T> items, BatchBinder<T> binder) {
        return jdbc.execute(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int count = 0;
                for (T item : items) {
                    binder.bind(ps, item);
                    ps.addBatch();
                    count++;
                }
                ps.executeBatch();
                return count;
            } catch (SQLException e) {
                throw new DataAccess(e);
            }
        });
    }

    /** Takes a transaction-scoped advisory lock, so that one instance at a time does a start-up job. */
    public void advisoryLock(long key) {
        list("SELECT pg_advisory_xact_lock(?)", ps -> ps.setLong(1, key), rs -> 1);
    }

    @FunctionalInterface
    public interface BatchBinder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    public Array textArray(PreparedStatement ps, List<String> values) throws SQLException {
        return ps.getConnection().createArrayOf("text", values.toArray());
    }

    /** A text[] column as a list (SQL NULL: empty). */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        String[] values = PgArrays.texts(rs, column);
        return values == null ? List.of() : List.of(values);
    }

    /** A text[] column as a set in the column's order (SQL NULL: empty). */
    public static Set<String> stringSet(ResultSet rs, String column) throws SQLException {
        String[] values = PgArrays.texts(rs, column);
        if (values == null || values.length == 0) {
            return Set.of();
        }
        if (values.length == 1) {
            return Set.of(values[0]);
        }
        return new LinkedHashSet<>(Arrays.asList(values));
    }

    /**
     * Whether the unique index or constraint named {@code constraint} refused a row (SQLSTATE 23505),
     * anywhere in the causes of {@code failure}. Read from the server's error fields, not its message,
     * which a server in another language words differently.
     */
    public static boolean uniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException pg && "23505".equals(pg.getSQLState())
                    && pg.getServerErrorMessage() != null && constraint.equals(pg.getServerErrorMessage().getConstraint())) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of the first SQL failure among the causes of {@code failure}, if any. */
    public static java.util.Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return java.util.Optional.of(sql.getSQLState());
            }
        }
        return java.util.Optional.empty();
    }

    /** An SQL failure, unchecked so that the surrounding transaction rolls back. */
    public static class DataAccess extends RuntimeException {
        public DataAccess(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }
    }
}
