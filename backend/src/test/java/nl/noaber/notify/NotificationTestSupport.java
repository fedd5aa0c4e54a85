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

    @AfterAll
    void closeSmtp() {
        mailers.forEach(Mailer::close);
        smtp.close();
    }

    MailProperties mailProperties(int port) {
        return new MailProperties("127.0.0.1", port, MailProperties.Tls.NONE, null, null, "Noaber <noreply@test.noaber.nl>",
                "test.noaber.nl", null, Duration.ofSeconds(5), Duration.ofSeconds(20), 4);
    }

    Mailer mailer(int port) {
        Mailer m = new Mailer(mailProperties(port));
        mailers.add(m);
        return m;
    }

    /** A dispatcher on this class's SMTP server. */
    Dispatcher dispatcher(String name) {
        return new Dispatcher(name, outbox, mailer(smtp.port()), properties, unsubscribe, meters);
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

    Map<String, Object> propose(Person who, long requestId, Long helperId) {
        Map<String, Object> body = new HashMap<>();
        body.put("requestId", requestId);
        if (helperId != null) {
            body.put("helperId", helperId);
        }
        return api().post("/api/matches", who, body);
    }

    Map<String, Object> act(long matchId, String action, Person who) {
        return api().post("/api/matches/" + matchId + "/" + action, who, Map.of());
    }

    static long id(Map<?, ?> json) {
        return Fixtures.number(json.get("id"));
    }

    // --- the outbox ------------------------------------------------------------------------

    record Row(long id, long participantId, String kind, String language, String status, int attempts, String messageId,
               String subject, String text, int leaseExpiries) {}

    List<Row> rowsFor(long participantId) {
        return db.list("SELECT id, participant_id, kind, language, status, attempts, message_id, subject, body_text, lease_expiries "
                + "FROM notification WHERE participant_id = ? ORDER BY id", ps -> ps.setLong(1, participantId),
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10)));
    }

    Row row(long id) {
        return db.one("SELECT id, participant_id, kind, language, status, attempts, message_id, subject, body_text, lease_expiries "
                + "FROM notification WHERE id = ?", ps -> ps.setLong(1, id),
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10))).orElseThrow();
    }

    /** Time passes: every waiting row of these participants is due now (a retry delay or a lease has run out). */
    void timePasses(List<Long> participantIds) {
        db.update("UPDATE notification SET next_attempt_at = now() - interval '1 second' "
                + "WHERE status IN ('PENDING', 'SENDING') AND participant_id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", participantIds.toArray())));
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
