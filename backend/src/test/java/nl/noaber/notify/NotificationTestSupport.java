package nl.noaber.notify;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.db.Db;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared set-ups of the notification tests: people and matches over HTTP, a real SMTP server
 * (GreenMail) per test class, and dispatchers made by hand so that a test decides when they run.
 * The database is used to look, and to let time pass (a due time or a lease that ran out).
 */
abstract class NotificationTestSupport extends IntegrationTest {
    // Parkwijk, Haarlem
    static final double LAT = 52.3760, LON = 4.6673;

    @Inject
    Db db;
    @Inject
    OutboxRepository outbox;
    @Inject
    NotificationProperties properties;
    @Inject
    Unsubscribe unsubscribe;
    @Inject
    MeterRegistry meters;

    final SmtpServer smtp = SmtpServer.plain();
    private final List<Mailer> mailers = new ArrayList<>();

    /** This JVM's connections carry this name, so that a test kills its own and nobody else's. */
    static final String APPLICATION_NAME = "noaber-notify-test-" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("datasources.default.data-source-properties.ApplicationName", APPLICATION_NAME);
        return props;
    }

    /** Sends whatever earlier test classes left due, so that each test's rounds start on its own rows. */
    @BeforeAll
    void flushOutbox() {
        drain(dispatcher("flush"), 1000);
    }

    @AfterAll
    void closeSmtp() {
        mailers.forEach(Mailer::close);
        smtp.close();
    }

    MailProperties mailProperties(int port) {
        return mailProperties(port, Duration.ofSeconds(5));
    }

    MailProperties mailProperties(int port, Duration sendTimeout) {
        return new MailProperties("127.0.0.1", port, MailProperties.Tls.NONE, null, null, "Noaber <noreply@test.noaber.nl>",
                "test.noaber.nl", null, Duration.ofSeconds(5), sendTimeout, 4);
    }

    /** A mailer whose sends time out after 5 s: the fault tests wait that long for every swallowed reply. */
    Mailer mailer(int port) {
        return mailer(mailProperties(port));
    }

    private Mailer mailer(MailProperties p) {
        Mailer m = new Mailer(p);
        mailers.add(m);
        return m;
    }

    /**
     * A dispatcher on this class's SMTP server, for the tests of what is sent rather than of faults. The
     * server is local and never fails, but on a busy 2-core machine a send once took longer than 5 s and
     * its retry was not due before the test looked (ErasureTest, once in three full runs). So a send here may take 30 s,
     * and one that fails anyway is due again at once, in the next round of {@link #drain}: what these tests
     * check arrives, as in the service, where the retry comes after a backoff.
     */
    Dispatcher dispatcher(String name) {
        return new Dispatcher(name, outbox, mailer(mailProperties(smtp.port(), Duration.ofSeconds(30))),
                properties.with(properties.batchSize(), properties.maxAttempts(), Duration.ZERO), unsubscribe, meters);
    }

    /**
     * Kills every database connection of this JVM's application (pg_terminate_backend), as a
     * database restart or a network cut would; from a connection of its own.
     */
    int killDatabaseConnections() {
        try (var c = nl.noaber.support.TestDatabase.connect();
             var ps = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, APPLICATION_NAME);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows written straight into the outbox for people with an address: the dispatcher's side alone. */
    record Seeded(List<Long> participants, List<Long> ids) {
        List<String> messageIds() {
            return ids.stream().map(id -> "<outbox-" + id + "@test.noaber.nl>").toList();
        }
    }

    Seeded seed(String tag, int people, int each) {
        return retrying(() -> seedOnce(tag, people, each));
    }

    private Seeded seedOnce(String tag, int people, int each) {
        List<Long> participants = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            String email = Fixtures.uniqueEmail(tag + p);
            long account = db.one("INSERT INTO account (email, email_normalized, password_hash, role) "
                    + "VALUES (?, ?, 'no-login', 'RESIDENT') RETURNING id", ps -> {
                        ps.setString(1, email);
                        ps.setString(2, email);
                    }, rs -> rs.getLong(1)).orElseThrow();
            long participant = db.one("INSERT INTO participant (account_id, display_name) VALUES (?, ?) RETURNING id", ps -> {
                ps.setLong(1, account);
                ps.setString(2, "Buur " + tag + " " + account);
            }, rs -> rs.getLong(1)).orElseThrow();
            participants.add(participant);
            for (int i = 0; i < each; i++) {
                int n = i;
                ids.add(db.one("INSERT INTO notification (participant_id, kind, language, subject, body_text, body_html, status) "
                        + "VALUES (?, 'MATCH_PROPOSED', 'nl', ?, ?, ?, 'PENDING') RETURNING id", ps -> {
                            ps.setLong(1, participant);
                            ps.setString(2, "Bericht " + n);
                            ps.setString(3, "Beste buur,\n\nBericht " + n + ".\n");
                            ps.setString(4, "<p>Bericht " + n + "</p>");
                        }, rs -> rs.getLong(1)).orElseThrow());
            }
        }
        return new Seeded(participants, ids);
    }

    /** How often each of these Message-IDs arrived. */
    Map<String, Long> arrivals(List<String> messageIds) {
        java.util.Set<String> wanted = new java.util.HashSet<>(messageIds);
        Map<String, Long> counts = new HashMap<>();
        for (MimeMessage m : smtp.received()) {
            String id = SmtpServer.messageId(m);
            if (wanted.contains(id)) {
                counts.merge(id, 1L, Long::sum);
            }
        }
        return counts;
    }

    long countStatus(Seeded s, String status) {
        return retrying(() -> db.one("SELECT count(*) FROM notification WHERE id = ANY (?) AND status = ?", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", s.ids().toArray()));
            ps.setString(2, status);
        }, rs -> rs.getLong(1)).orElseThrow());
    }

    /** Rounds until nothing is due; at most {@code maxRounds}. */
    static int drain(Dispatcher d, int maxRounds) {
        int claimed = 0;
        for (int i = 0; i < maxRounds; i++) {
            int n = d.dispatchOnce().claimed();
            claimed += n;
            if (n == 0) {
                break;
            }
        }
        return claimed;
    }

    // --- people and matches ----------------------------------------------------------------

    Person residentAt(String name, String language) {
        Person p = api().residentAt(name, LAT, LON);
        db.update("UPDATE participant SET preferred_language = ? WHERE id = ?", ps -> {
            ps.setString(1, language);
            ps.setLong(2, p.participantId());
        });
        return p;
    }

    /** A participant without an account, looked after by this makelaar (null: nobody yet). */
    long offlineParticipant(String name, Long makelaarAccountId) {
        return db.one("INSERT INTO participant (display_name, phone, contact_channels, makelaar_id, home_place) "
                + "VALUES (?, '023 000 1122', '{PHONE}', ?, ST_GeogFromText('POINT(4.6673 52.3760)')) RETURNING id", ps -> {
                    ps.setString(1, name);
                    ps.setObject(2, makelaarAccountId);
                }, rs -> rs.getLong(1)).orElseThrow();
    }

    // --- the outbox ------------------------------------------------------------------------

    record Row(long id, long participantId, String kind, String language, String status, int attempts, String messageId,
               String subject, String text, int leaseExpiries) {}

    List<Row> rowsFor(long participantId) {
        return retrying(() -> db.list("SELECT id, participant_id, kind, language, status, attempts, message_id, subject, body_text, lease_expiries "
                + "FROM notification WHERE participant_id = ? ORDER BY id", ps -> ps.setLong(1, participantId),
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10))));
    }

    Row row(long id) {
        return db.one("SELECT id, participant_id, kind, language, status, attempts, message_id, subject, body_text, lease_expiries "
                + "FROM notification WHERE id = ?", ps -> ps.setLong(1, id),
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10))).orElseThrow();
    }

    /** Time passes: every waiting row of these participants is due now (a retry delay or a lease has run out). */
    void timePasses(List<Long> participantIds) {
        retrying(() -> db.update("UPDATE notification SET next_attempt_at = now() - interval '1 second' "
                + "WHERE status IN ('PENDING', 'SENDING') AND participant_id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", participantIds.toArray()))));
    }

    /** The tests' own queries, on a pool whose connections a test may just have killed. */
    static <T> T retrying(java.util.function.Supplier<T> query) {
        RuntimeException last = null;
        for (int i = 0; i < 40; i++) {
            try {
                return query.get();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    static String text(MimeMessage m) {
        try {
            Object content = m.getContent();
            if (content instanceof jakarta.mail.Multipart parts) {
                return (String) parts.getBodyPart(0).getContent();
            }
            return (String) content;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String html(MimeMessage m) {
        try {
            return (String) ((jakarta.mail.Multipart) m.getContent()).getBodyPart(1).getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
