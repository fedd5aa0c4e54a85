package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Who may do what with notifications (dead letters, the makelaar's queue, unsubscribing), the
 * outbox's place in the event's transaction, the metrics, and the app without a mail server.
 */
@MicronautTest(environments = "test", transactional = false)
class NotificationApiTest extends NotificationTestSupport {

    @Inject
    Notifications notifications;

    // --- dead letters ------------------------------------------------------------------------

    @Test
    void deadLettersAreListedAndSentAgainByCoordinatorsOnly() throws Exception {
        Seeded s = seed("dead", 1, 1);
        long id = s.ids().get(0);
        double deadBefore = meters.counter("noaber.notifications.dead").count();
        // No server listens on this port: every attempt fails, and one attempt is all it gets.
        Dispatcher nowhere = new Dispatcher("nowhere", outbox, mailer(SmtpServer.freePort()),
                properties.with(100, 1, Duration.ofSeconds(30)), unsubscribe, meters);
        nowhere.dispatchOnce();
        assertThat(row(id).status()).isEqualTo("DEAD");
        assertThat(meters.counter("noaber.notifications.dead").count() - deadBefore).isGreaterThanOrEqualTo(1);

        Person coordinator = api().coordinator();
        List<?> dead = api().getAllItems("/api/notifications?status=DEAD&limit=100", coordinator);
        Map<?, ?> entry = dead.stream().map(o -> (Map<?, ?>) o).filter(m -> Fixtures.number(m.get("id")) == id)
                .findFirst().orElseThrow();
        assertThat(entry.get("status")).isEqualTo("DEAD");
        assertThat((String) entry.get("lastError")).isNotBlank();
        assertThat(entry.get("messageId")).isEqualTo("<outbox-" + id + "@test.noaber.nl>");
        assertThat(entry.keySet().stream().map(Object::toString).toList()).doesNotContain("text", "html", "bodyText", "email");

        Person resident = api().resident("Nieuwsgierige Buur");
        Person makelaar = api().staff("MAKELAAR");
        api().fails(() -> api().get("/api/notifications", null)).isProblem(401);
        api().fails(() -> api().get("/api/notifications", resident)).isProblem(403);
        api().fails(() -> api().get("/api/notifications", makelaar)).isProblem(403);
        api().fails(() -> api().post("/api/notifications/" + id + "/resend", null, Map.of())).isProblem(401);
        api().fails(() -> api().post("/api/notifications/" + id + "/resend", resident, Map.of())).isProblem(403);
        api().fails(() -> api().post("/api/notifications/" + id + "/resend", makelaar, Map.of())).isProblem(403);
        api().fails(() -> api().get("/api/notifications?status=LOST", coordinator)).isProblem(400).names("status", "OneOf");
        api().fails(() -> api().get("/api/notifications?limit=0", coordinator)).isProblem(400).names("limit", "Range");
        api().fails(() -> api().post("/api/notifications/999999999/resend", coordinator, Map.of())).isProblem(404);

        Map<String, Object> again = api().post("/api/notifications/" + id + "/resend", coordinator, Map.of());
        assertThat(again.get("status")).isEqualTo("PENDING");
        assertThat(Fixtures.number(again.get("attempts"))).isZero();
        api().fails(() -> api().post("/api/notifications/" + id + "/resend", coordinator, Map.of()))
                .isProblem(409).names("status", "not-dead");

        drain(dispatcher("resent"), 50);
        assertThat(row(id).status()).isEqualTo("SENT");
        assertThat(arrivals(s.messageIds())).containsEntry("<outbox-" + id + "@test.noaber.nl>", 1L);
    }

    // --- the makelaar's queue ----------------------------------------------------------------

    @Test
    void aMakelaarSeesTheQueueOfTheirOwnPeopleAndTheSharedOneAndMarksTasksDone() {
        Person mine = api().staff("MAKELAAR");
        Person other = api().staff("MAKELAAR");
        Person requester = residentAt("Vrager Queue", "nl");
        long offline = offlineParticipant("Mevrouw Telefoon", mine.accountId());
        long unassigned = offlineParticipant("Meneer Zonder Makelaar", null);
        long request = api().request(requester, "SHOPPING", "Boodschappen zaterdag");
        propose(mine, request, offline);
        propose(other, request, unassigned);

        List<Map<?, ?>> myQueue = tasks(mine, "true");
        Map<?, ?> task = myQueue.stream().filter(t -> Fixtures.number(t.get("participantId")) == offline).findFirst().orElseThrow();
        assertThat(task.get("participantName")).isEqualTo("Mevrouw Telefoon");
        assertThat(task.get("phone")).isEqualTo("023 000 1122");
        assertThat(task.get("kind")).isEqualTo("MATCH_PROPOSED");
        assertThat((String) task.get("text")).contains("Vrager Queue").contains("Boodschappen zaterdag");
        assertThat(myQueue).anySatisfy(t -> assertThat(Fixtures.number(t.get("participantId"))).isEqualTo(unassigned));
        List<Map<?, ?>> otherQueue = tasks(other, "true");
        assertThat(otherQueue).noneSatisfy(t -> assertThat(Fixtures.number(t.get("participantId"))).isEqualTo(offline));
        assertThat(otherQueue).anySatisfy(t -> assertThat(Fixtures.number(t.get("participantId"))).isEqualTo(unassigned));

        long taskId = Fixtures.number(task.get("id"));
        Person resident = api().resident("Buur Zonder Rechten");
        api().fails(() -> api().get("/api/makelaar/tasks", null)).isProblem(401);
        api().fails(() -> api().get("/api/makelaar/tasks", resident)).isProblem(403);
        api().fails(() -> api().post("/api/makelaar/tasks/" + taskId + "/done", resident, Map.of())).isProblem(403);
        api().fails(() -> api().post("/api/makelaar/tasks/" + taskId + "/done", other, Map.of())).isProblem(404);
        api().fails(() -> api().get("/api/makelaar/tasks?open=maybe", mine)).isProblem(400).names("open", "OneOf");

        Map<String, Object> done = api().post("/api/makelaar/tasks/" + taskId + "/done", mine, Map.of());
        assertThat(done.get("doneAt")).isNotNull();
        api().fails(() -> api().post("/api/makelaar/tasks/" + taskId + "/done", mine, Map.of())).isProblem(409);
        assertThat(tasks(mine, "true")).noneSatisfy(t -> assertThat(Fixtures.number(t.get("id"))).isEqualTo(taskId));
        assertThat(tasks(mine, "false")).anySatisfy(t -> assertThat(Fixtures.number(t.get("id"))).isEqualTo(taskId));
        assertThat(tasks(api().coordinator(), null)).anySatisfy(t -> assertThat(Fixtures.number(t.get("id"))).isEqualTo(taskId));
    }

    /**
     * The queue comes a page at a time, oldest first, so that a makelaar with a year of tasks behind them
     * reaches every one (it was cut at 500, the oldest done ones first); a task written between two pages
     * is on the later one, and none repeats.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theQueueComesAPageAtATimeOldestFirst() {
        Person makelaar = api().staff("MAKELAAR");
        Person requester = residentAt("Vrager Pagina", "nl");
        List<Long> people = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long offline = offlineParticipant("Deelnemer Pagina " + i, makelaar.accountId());
            people.add(offline);
            propose(makelaar, api().request(requester, "SHOPPING", "Boodschappen " + i), offline);
        }
        // A coordinator's queue holds everyone's tasks; this makelaar's own three are the newest.
        Map<String, Object> first = api().get("/api/makelaar/tasks?open=true&limit=2", makelaar);
        List<Map<String, Object>> items = (List<Map<String, Object>>) first.get("items");
        assertThat(items).hasSize(2);
        assertThat(first.get("nextCursor")).isInstanceOf(String.class);
        long late = offlineParticipant("Deelnemer Pagina Laat", makelaar.accountId());
        propose(makelaar, api().request(requester, "SHOPPING", "Boodschappen laat"), late);

        List<Map<String, Object>> all = (List<Map<String, Object>>) (List<?>) api().getAllItems("/api/makelaar/tasks?open=true&limit=2",
                makelaar);
        List<Long> mine = all.stream().map(t -> Fixtures.number(t.get("participantId")))
                .filter(p -> people.contains(p) || p == late).toList();
        assertThat(mine).containsExactly(people.get(0), people.get(1), people.get(2), late);
        assertThat(all.stream().map(t -> Fixtures.number(t.get("id"))).distinct().count()).isEqualTo(all.size());
        List<java.time.Instant> times = all.stream().map(t -> java.time.Instant.parse((String) t.get("createdAt"))).toList();
        assertThat(times).isSorted();

        api().fails(() -> api().get("/api/makelaar/tasks?limit=101", makelaar)).isProblem(400).names("limit", "Range");
        api().fails(() -> api().get("/api/makelaar/tasks?cursor=nonsense", makelaar)).isProblem(400).names("cursor", "Cursor");
        api().fails(() -> api().get("/api/notifications?cursor=nonsense", api().coordinator())).isProblem(400)
                .names("cursor", "Cursor");
    }

    @SuppressWarnings("unchecked")
    private List<Map<?, ?>> tasks(Person who, String open) {
        return (List<Map<?, ?>>) (List<?>) api().getAllItems("/api/makelaar/tasks" + (open == null ? "" : "?open=" + open), who);
    }

    // --- unsubscribing -----------------------------------------------------------------------

    @Test
    void oneClickUnsubscribeStopsThatKindAndOnlyThatKind() throws Exception {
        Person els = residentAt("Els Afmelden", "nl");
        List<Person> helpers = List.of(residentAt("Helper Een", "nl"), residentAt("Helper Twee", "nl"),
                residentAt("Helper Drie", "nl"), residentAt("Helper Vier", "nl"));
        long request = api().request(els, "GARDEN", "Gras maaien");
        propose(helpers.get(0), request, null);
        drain(dispatcher("unsubscribe"), 50);
        MimeMessage first = smtp.receivedBy(els.email()).get(0);
        String header = first.getHeader("List-Unsubscribe", null);
        String url = header.substring(1, header.length() - 1);
        String path = url.substring(url.indexOf("/api/unsubscribe"));
        assertThat(text(first)).contains(url);

        propose(helpers.get(1), request, null); // written before she unsubscribes, not sent yet
        String page = http.toBlocking().retrieve(HttpRequest.GET(path), String.class);
        assertThat(page).contains("<form method=\"post\"").contains("voorstellen voor een match");
        assertThat(optedOut(els)).as("following the link changes nothing by itself").isEmpty();

        String token = path.substring(path.indexOf("token=") + 6);
        api().fails(() -> http.toBlocking().exchange(HttpRequest.POST("/api/unsubscribe?token=" + token.substring(0, token.length() - 2)
                        + "xx", "List-Unsubscribe=One-Click").contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class))
                .isProblem(400).names("token", "Signature");
        String posted = http.toBlocking().retrieve(HttpRequest.POST(path, "List-Unsubscribe=One-Click")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);
        assertThat(posted).contains("U krijgt geen mails meer over: voorstellen voor een match");
        assertThat(optedOut(els)).containsExactly("MATCH_PROPOSED");

        propose(helpers.get(2), request, null); // after: not even written
        long beforeAccept = smtp.receivedBy(els.email()).size();
        drain(dispatcher("unsubscribe"), 50);
        assertThat(smtp.receivedBy(els.email())).hasSize((int) beforeAccept);
        assertThat(rowsFor(els.participantId())).extracting(Row::status).containsExactly("SENT", "SUPPRESSED");

        // Other kinds still arrive: she invites a helper herself, who accepts.
        long second = api().request(els, "GARDEN", "Heg knippen");
        long match = id(propose(els, second, helpers.get(3).participantId()));
        act(match, "accept", helpers.get(3));
        drain(dispatcher("unsubscribe"), 50);
        assertThat(smtp.receivedBy(els.email())).extracting(MimeMessage::getSubject).contains("Het is rond: Heg knippen");
    }

    private List<String> optedOut(Person p) {
        return db.list("SELECT kind FROM notification_opt_out WHERE participant_id = ?", ps -> ps.setLong(1, p.participantId()),
                rs -> rs.getString(1));
    }

    /**
     * Two changes of one resident's wishes at once (a double tap): one after the other, both 200,
     * the wishes whole. Played with a second connection holding the resident's row, so that both
     * arrive before either starts; they wrote side by side before, and the second insert of the
     * digest wish failed on its key (500).
     */
    @Test
    void twoChangesOfWishesAtOnceComeOneAfterTheOther() throws Exception {
        Person els = residentAt("Els Dubbel", "nl");
        Map<String, Object> wishes = Map.of("unsubscribed", List.of("MATCH_DECLINED"), "nearbyDigest", true);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (java.sql.Connection other = nl.noaber.support.TestDatabase.connect()) {
            other.setAutoCommit(false);
            nl.noaber.support.TestDatabase.query(other, "SELECT id FROM participant WHERE id = ? FOR UPDATE", els.participantId());
            var first = pool.submit(() -> api().put("/api/me/notification-preferences", els, wishes));
            var second = pool.submit(() -> api().put("/api/me/notification-preferences", els, wishes));
            nl.noaber.support.TestDatabase.awaitSomeoneBlockedBehind(other);
            other.commit();
            assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).get("unsubscribed")).isEqualTo(List.of("MATCH_DECLINED"));
            assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS).get("nearbyDigest")).isEqualTo(true);
        } finally {
            pool.shutdown();
        }
        assertThat(optedOut(els)).containsExactly("MATCH_DECLINED");
    }

    @Test
    void aResidentSeesAndChangesWhichKindsOfMailTheyGet() {
        Person els = residentAt("Els Voorkeur", "nl");
        Map<String, Object> prefs = api().get("/api/me/notification-preferences", els);
        assertThat(prefs.get("byMail")).isEqualTo(true);
        assertThat((List<?>) prefs.get("unsubscribed")).isEmpty();
        assertThat(prefs.get("kinds").toString()).contains("MATCH_PROPOSED", "MATCH_ACCEPTED");

        Map<String, Object> off = api().put("/api/me/notification-preferences", els,
                Map.of("unsubscribed", List.of("MATCH_PROPOSED", "MATCH_DECLINED")));
        assertThat(off.get("unsubscribed")).isEqualTo(List.of("MATCH_DECLINED", "MATCH_PROPOSED"));
        Map<String, Object> on = api().put("/api/me/notification-preferences", els, Map.of("unsubscribed", List.of("MATCH_DECLINED")));
        assertThat(on.get("unsubscribed")).isEqualTo(List.of("MATCH_DECLINED"));

        // Back on: a proposal reaches her again.
        Person henk = residentAt("Henk Voorkeur", "nl");
        long request = api().request(els, "GARDEN", "Bladeren harken");
        propose(henk, request, null);
        assertThat(rowsFor(els.participantId())).extracting(Row::kind).containsExactly("MATCH_PROPOSED");

        api().fails(() -> api().put("/api/me/notification-preferences", els, Map.of("unsubscribed", List.of("MATCH_DECLINED", "SPAM"))))
                .isProblem(400).names("unsubscribed[1]", "OneOf");
        api().fails(() -> api().put("/api/me/notification-preferences", els, Map.of("unsubscribed", List.of("MAKELAAR_DIGEST"))))
                .isProblem(400).names("unsubscribed[0]", "OneOf");
        api().fails(() -> api().put("/api/me/notification-preferences", els, Map.of())).isProblem(400).names("unsubscribed", "NotNull");
        api().fails(() -> api().put("/api/me/notification-preferences", els,
                Map.of("unsubscribed", java.util.Collections.singletonList(null)))).isProblem(400).names("unsubscribed[0]", "NotNull");
        api().fails(() -> api().put("/api/me/notification-preferences", els,
                Map.of("unsubscribed", java.util.Collections.nCopies(21, "MATCH_DECLINED")))).isProblem(400).names("unsubscribed", "Size");
        api().fails(() -> api().put("/api/me/notification-preferences", api().staff("MAKELAAR"), Map.of("unsubscribed", List.of())))
                .isProblem(403);
        assertThat(api().get("/api/me/notification-preferences", els).get("unsubscribed")).isEqualTo(List.of("MATCH_DECLINED"));
        api().fails(() -> api().get("/api/me/notification-preferences", null)).isProblem(401);
        api().fails(() -> api().get("/api/me/notification-preferences", api().staff("MAKELAAR"))).isProblem(403);
    }

    // --- one transaction ---------------------------------------------------------------------

    /**
     * The outbox row is written in the event's transaction: when that transaction fails at its
     * very end (a deferred trigger raising at COMMIT), neither the decline nor its news exist.
     */
    @Test
    void theNewsIsStoredIfAndOnlyIfItsEventIs() {
        Person els = residentAt("Els Atomair", "nl");
        Person henk = residentAt("Henk Atomair", "nl");
        long request = api().request(els, "COMPANY", "Koffie");
        long match = id(propose(henk, request, null));
        db.update("""
                CREATE OR REPLACE FUNCTION test_abort_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.reason = 'abort-at-commit' THEN RAISE EXCEPTION 'aborted at commit'; END IF;
                    RETURN NULL;
                END $$;
                DROP TRIGGER IF EXISTS test_abort_at_commit ON match_event;
                CREATE CONSTRAINT TRIGGER test_abort_at_commit AFTER INSERT ON match_event
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_abort_at_commit();
                """, ps -> {});
        try {
            api().fails(() -> api().post("/api/matches/" + match + "/decline", els, Map.of("reason", "abort-at-commit")))
                    .isProblem(500);
            assertThat(rowsFor(henk.participantId())).as("no news of a decline that never happened").isEmpty();
            assertThat(api().get("/api/matches/" + match, els).get("status")).isEqualTo("PROPOSED");

            api().post("/api/matches/" + match + "/decline", els, Map.of("reason", "past niet"));
            assertThat(rowsFor(henk.participantId())).extracting(Row::kind).containsExactly("MATCH_DECLINED");
        } finally {
            db.update("DROP TRIGGER IF EXISTS test_abort_at_commit ON match_event; DROP FUNCTION IF EXISTS test_abort_at_commit()",
                    ps -> {});
        }
    }

    @Test
    void theOutboxWriterRefusesToRunOutsideATransaction() {
        assertThatThrownBy(() -> notifications.aboutMatch(1, NotificationKind.MATCH_PROPOSED, List.of(1L)))
                .hasMessageContaining("transaction");
    }

    // --- operations --------------------------------------------------------------------------

    @Test
    void outboxDepthAndCountersAreMetricsForCoordinators() {
        seed("metrics", 1, 3);
        Person coordinator = api().coordinator();
        Map<String, Object> depth = api().get("/metrics/noaber.notifications.outbox.depth", coordinator);
        assertThat(value(depth)).isGreaterThanOrEqualTo(3);
        assertThat(value(api().get("/metrics/noaber.notifications.outbox.oldest.age", coordinator))).isGreaterThanOrEqualTo(0);
        drain(dispatcher("metrics"), 50);
        assertThat(value(api().get("/metrics/noaber.notifications.sent", coordinator))).isGreaterThanOrEqualTo(3);
        api().fails(() -> api().get("/metrics/noaber.notifications.sent", api().resident("Buur Metriek"))).isProblem(403);
    }

    private static double value(Map<String, Object> metric) {
        Map<?, ?> first = (Map<?, ?>) ((List<?>) metric.get("measurements")).get(0);
        return ((Number) first.get("value")).doubleValue();
    }

    @Test
    void withoutAMailServerMailWaitsInTheOutboxAndIsWrittenToTheLog() {
        Seeded s = seed("nosmtp", 1, 1);
        Logger logger = (Logger) LoggerFactory.getLogger(DispatchSchedule.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            Mailer none = new Mailer(new MailProperties(null, 587, MailProperties.Tls.STARTTLS, null, null, "Noaber <x@y.nl>",
                    "test.noaber.nl", null, Duration.ofSeconds(5), Duration.ofSeconds(5), 1));
            DispatchSchedule schedule = new DispatchSchedule(outbox, none, properties, unsubscribe, new SimpleMeterRegistry());
            schedule.tick();
        } finally {
            logger.detachAppender(log);
            logger.setLevel(level);
        }
        long id = s.ids().get(0);
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("#" + id).contains("Bericht 0"));
        assertThat(row(id).status()).isEqualTo("PENDING");
        assertThat(row(id).attempts()).isZero();
    }
}
