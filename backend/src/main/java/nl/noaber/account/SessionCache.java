package nl.noaber.account;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions this instance has recently found live, so that most requests need no database
 * round trip for the check. It is only a copy: the database stays the one truth, and tells every
 * instance when a session ends (migration V4 notifies on channel {@value #CHANNEL} when a session
 * is revoked, shortened or deleted, or an account disabled, as the transaction commits).
 *
 * <ul>
 *   <li>A session ended through this instance is forgotten here at once; on other instances when
 *       the notification arrives, within milliseconds on one database server.</li>
 *   <li>The copy is used only while the listening connection is up. When it drops, everything is
 *       forgotten and every request asks the database until listening works again (notifications
 *       sent in between would have been missed).</li>
 *   <li>An entry is trusted for at most {@code noaber.auth.session-cache-ttl} and never past the
 *       session's own expiry.</li>
 *   <li>A check that raced with an ending (the database said live, then the end was announced
 *       before the answer was stored) is not stored: every end bumps an epoch, and a check stores
 *       its answer only if the epoch did not move meanwhile.</li>
 * </ul>
 */
@Singleton
public class SessionCache implements ApplicationEventListener<StartupEvent> {
    public static final String CHANNEL = "noaber_session";
    private static final Logger LOG = LoggerFactory.getLogger(SessionCache.class);
    private static final int MAX_ENTRIES = 200_000;

    private record Entry(long accountId, long validUntilNanos) {}

    private final Map<UUID, Entry> live = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final DataSource dataSource;
    private final long ttlNanos;
    private final boolean enabled;
    private volatile boolean listening;
    private volatile boolean running = true;
    private volatile Connection connection;
    private Thread listener;

    public SessionCache(DataSource dataSource, DataSourceResolver resolver, AuthProperties properties) {
        this.dataSource = resolver.resolve(dataSource);
        this.ttlNanos = properties.sessionCacheTtl().toNanos();
        this.enabled = ttlNanos > 0;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!enabled) {
            return;
        }
        listener = new Thread(this::listen, "session-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    /** Whether the copy is in use: the listening connection is up. */
    public boolean listening() {
        return listening;
    }

    /** The epoch to pass to {@link #remember} after a database check. */
    public long epoch() {
        return epoch.get();
    }

    /** True when the session is known live for this account; false means: ask the database. */
    public boolean knownLive(UUID sessionId, long accountId) {
        if (!listening) {
            return false;
        }
        Entry entry = live.get(sessionId);
        return entry != null && entry.accountId == accountId && System.nanoTime() - entry.validUntilNanos < 0;
    }

    /** Stores a live answer the database gave, unless an ending was announced since {@code epochBefore}. */
    public void remember(UUID sessionId, long accountId, Instant expiresAt, long epochBefore) {
        if (!listening) {
            return;
        }
        if (live.size() >= MAX_ENTRIES) {
            live.clear();
        }
        long untilExpiry = Duration.between(Instant.now(), expiresAt).toNanos();
        live.put(sessionId, new Entry(accountId, System.nanoTime() + Math.min(ttlNanos, untilExpiry)));
        if (epoch.get() != epochBefore) {
            live.remove(sessionId);
        }
    }

    /** Forgets one session (it ended). */
    public void forgetSession(UUID sessionId) {
        epoch.incrementAndGet();
        live.remove(sessionId);
    }

    /** Forgets every session of an account (disabled, or all its sessions ended). */
    public void forgetAccount(long accountId) {
        epoch.incrementAndGet();
        live.values().removeIf(e -> e.accountId == accountId);
    }

    private void forgetAll() {
        epoch.incrementAndGet();
        live.clear();
    }

    private void listen() {
        long backoffMillis = 100;
        while (running) {
            try (Connection c = openDedicatedConnection()) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                forgetAll();
                listening = true;
                backoffMillis = 100;
                long lastPing = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            handle(n.getParameter());
                        }
                    }
                    // A connection that died quietly delivers nothing; a ping finds out.
                    if (System.nanoTime() - lastPing > 5_000_000_000L) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SELECT 1");
                        }
                        lastPing = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("Session notifications lost ({}); checking every session in the database until they are back", e.getMessage());
                }
            } finally {
                listening = false;
                connection = null;
                forgetAll();
            }
            if (running) {
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /**
     * A connection of its own, outside the pool: it listens for as long as the instance runs, and
     * closing it really ends the LISTEN (a pooled one would go back to the pool still listening).
     */
    private Connection openDedicatedConnection() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            Properties props = new Properties();
            props.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                props.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                props.setProperty("password", hikari.getPassword());
            }
            props.setProperty("ApplicationName", "noaber session notifications");
            return DriverManager.getConnection(hikari.getJdbcUrl(), props);
        }
        return dataSource.getConnection();
    }

    void handle(String payload) {
        if (payload == null) {
            forgetAll();
        } else if (payload.startsWith("session:")) {
            try {
                forgetSession(UUID.fromString(payload.substring("session:".length())));
            } catch (IllegalArgumentException e) {
                forgetAll();
            }
        } else if (payload.startsWith("account:")) {
            try {
                forgetAccount(Long.parseLong(payload.substring("account:".length())));
            } catch (NumberFormatException e) {
                forgetAll();
            }
        } else {
            forgetAll();
        }
    }

    /** For tests: drops the listening connection as a network fault would. */
    void breakConnection() throws SQLException {
        Connection c = connection;
        if (c != null) {
            c.close();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        listening = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
        try {
            breakConnection();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
