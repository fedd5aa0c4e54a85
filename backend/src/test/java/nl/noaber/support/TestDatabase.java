package nl.noaber.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real PostgreSQL + PostGIS the tests talk to, chosen once per test JVM:
 * NOABER_TEST_DB_URL when set; else a Testcontainers postgis/postgis container when a Docker
 * engine answers; else the local server that scripts/ensure-db.sh provisions (database noaber_test).
 * Never an in-memory stand-in.
 */
public final class TestDatabase {
    private static Map<String, Object> properties;

    private TestDatabase() {}

    public static synchronized Map<String, Object> properties() {
        if (properties == null) {
            properties = choose();
        }
        return properties;
    }

    /** A connection of its own to the test database, outside the app's pool (for tests that play another client). */
    public static Connection connect() throws SQLException {
        Map<String, Object> db = properties();
        return DriverManager.getConnection((String) db.get("datasources.default.url"),
                (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password"));
    }

    private static Map<String, Object> choose() {
        String url = System.getenv("NOABER_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return props(url, env("NOABER_TEST_DB_USER", "noaber"), env("NOABER_TEST_DB_PASSWORD", "noaber"));
        }
        if (dockerAvailable()) {
            var image = DockerImageName.parse("postgis/postgis:15-3.4").asCompatibleSubstituteFor("postgres");
            var container = new PostgreSQLContainer<>(image);
            container.start();
            return props(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return props("jdbc:postgresql://127.0.0.1:5432/noaber_test", "noaber", "noaber");
    }

    private static boolean dockerAvailable() {
        if ("false".equals(System.getenv("NOABER_TEST_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static Map<String, Object> props(String url, String user, String password) {
        return Map.of(
                "datasources.default.url", url,
                "datasources.default.username", user,
                "datasources.default.password", password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The first column of the first row as a number (0 for a non-number), with at most one long parameter. */
    public static long query(Connection c, String sql, Long parameter) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setLong(1, parameter);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getObject(1) instanceof Number n ? n.longValue() : 0;
            }
        }
    }

    /** Waits (up to 20 s) until another backend waits for a lock that {@code holder} holds. */
    public static void awaitSomeoneBlockedBehind(Connection holder) throws SQLException, InterruptedException {
        awaitBlockedBehind(holder, 1);
    }

    /**
     * Waits (up to 20 s) until {@code waiting} backends wait for {@code holder}, directly or behind one
     * that does (the second of two writers of one row queues behind the first).
     */
    public static void awaitBlockedBehind(Connection holder, int waiting) throws SQLException, InterruptedException {
        long pid = query(holder, "SELECT pg_backend_pid()", null);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (query(holder, """
                WITH RECURSIVE behind(pid) AS (
                    SELECT a.pid FROM pg_stat_activity a WHERE ?::int = ANY (pg_blocking_pids(a.pid))
                    UNION
                    SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY (pg_blocking_pids(a.pid)))
                SELECT count(*) FROM behind""", pid) < waiting) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waiting + " did not come to wait for the lock within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
