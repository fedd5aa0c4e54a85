package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.listing.ListingExpiry;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/**
 * An open request or offer whose time went by a week ago, with nothing hanging on it, expires, and its
 * owner hears so once, by mail or through their makelaar. The rounds here run over the whole test
 * database; each test looks only at its own listings.
 */
@MicronautTest(environments = "test", transactional = false)
class ListingExpiryTest extends NotificationTestSupport {
    private static final Duration WEEK = Duration.ofDays(7);

    @Inject
    ListingExpiry expiry;

    /** The listing's one-off window ended this many days ago. */
    private void endedDaysAgo(long listingId, int days) {
        db.update("UPDATE listing SET starts_at = now() - make_interval(days => ?, hours => 2), "
                + "ends_at = now() - make_interval(days => ?) WHERE id = ?", ps -> {
                    ps.setInt(1, days);
                    ps.setInt(2, days);
                    ps.setLong(3, listingId);
                });
    }

    private String status(long listingId) {
        return db.one("SELECT status FROM listing WHERE id = ?", ps -> ps.setLong(1, listingId), rs -> rs.getString(1)).orElseThrow();
    }

    private List<Row> expiredNotices(long participantId) {
        return rowsFor(participantId).stream().filter(r -> r.kind().equals("LISTING_EXPIRED")).toList();
    }

    private long recurring(Person owner, String title, String startsOn, String endsOn) {
        Map<String, Object> body = new HashMap<>(Fixtures.oneOff("COMPANY", title));
        Map<String, Object> schedule = new HashMap<>(Map.of("type", "RECURRING", "frequency", "WEEKLY", "days", List.of("WED"),
                "partsOfDay", List.of("AFTERNOON"), "startsOn", startsOn));
        if (endsOn != null) {
            schedule.put("endsOn", endsOn);
        }
        body.put("schedule", schedule);
        return id(api().post("/api/requests", owner, body));
    }

    @Test
    @SuppressWarnings("unchecked")
    void whatWentByAWeekAgoWithNothingHangingOnItExpiresAndItsOwnerHearsOnce() throws Exception {
        Person els = residentAt("Els Verlopen", "en");
        Person piet = residentAt("Piet Verlopen", "nl");
        api().put("/api/me/profile", piet, Map.of("displayName", "Piet Verlopen", "skills", List.of("SHOPPING", "GARDEN"),
                "travelRadiusMetres", 5000, "preferredLanguage", "nl"));
        long gone = api().request(els, "SHOPPING", "Boodschappen vorige week");
        long recent = api().request(els, "SHOPPING", "Boodschappen eergisteren");
        long ahead = api().request(els, "SHOPPING", "Boodschappen volgende week");
        long waiting = api().request(els, "GARDEN", "Tuin vorige week");
        long running = api().request(els, "DOG_WALKING", "Hond uitlaten vorige week");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        long endedRecurrence = recurring(els, "Koffie op woensdag, tot vorige maand", today.minusDays(90).toString(),
                today.toString());
        // Nobody can post a last day gone by: this one ended since.
        db.update("UPDATE listing SET recurrence_ends_on = ?::date WHERE id = ?", ps -> {
            ps.setString(1, today.minusDays(30).toString());
            ps.setLong(2, endedRecurrence);
        });
        long endless = recurring(els, "Koffie op woensdag", today.minusDays(90).toString(), null);
        long pietsOffer = api().offer(piet, "ODD_JOBS", "Klusjes vorige week");
        long proposal = id(propose(piet, waiting, null));
        long match = id(propose(piet, running, null));
        act(match, "accept", els);
        for (long l : List.of(gone, waiting, running, pietsOffer)) {
            endedDaysAgo(l, 8);
        }
        endedDaysAgo(recent, 2);

        // The look in the transaction itself holds a listing back that is no longer due.
        assertThat(expiry.expire(waiting, els.participantId(), WEEK)).isFalse();
        assertThat(expiry.expire(recent, els.participantId(), WEEK)).isFalse();

        expiry.run(WEEK);

        assertThat(status(gone)).isEqualTo("EXPIRED");
        assertThat(status(endedRecurrence)).isEqualTo("EXPIRED");
        assertThat(status(pietsOffer)).isEqualTo("EXPIRED");
        assertThat(status(recent)).as("within the week: a new time can still be agreed").isEqualTo("OPEN");
        assertThat(status(ahead)).isEqualTo("OPEN");
        assertThat(status(endless)).as("a recurrence without a last day").isEqualTo("OPEN");
        assertThat(status(waiting)).as("a proposal waits for an answer").isEqualTo("OPEN");
        assertThat(status(running)).as("a running match").isEqualTo("MATCHED");

        expiry.run(WEEK); // a second round, or a second instance, tells nobody twice
        assertThat(expiredNotices(els.participantId())).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("PENDING");
            assertThat(r.language()).isEqualTo("en");
            assertThat(r.text()).contains("Dear Els Verlopen", "has gone by, and no helper was found", "Post it again with a new time");
        }).extracting(Row::subject).containsExactlyInAnyOrder("Request expired: Boodschappen vorige week",
                "Request expired: Koffie op woensdag, tot vorige maand");
        assertThat(expiredNotices(piet.participantId())).singleElement().satisfies(r -> {
            assertThat(r.subject()).isEqualTo("Aanbod verlopen: Klusjes vorige week");
            assertThat(r.text()).contains("Beste Piet Verlopen", "Plaats het opnieuw met een nieuwe tijd");
        });

        // Expired is final: neighbours no longer see it, nobody can propose on it, its owner cannot move it.
        api().fails(() -> api().get("/api/requests/" + gone, piet)).isProblem(404);
        assertThat(api().get("/api/requests/" + recent, piet)).containsEntry("title", "Boodschappen eergisteren");
        api().fails(() -> propose(piet, gone, null)).isProblem(404);
        api().fails(() -> propose(els, gone, piet.participantId())).isProblem(409).names("requestId", "request-not-open");
        api().fails(() -> api().post("/api/requests/" + gone + "/withdraw", els, Map.of())).isProblem(409);
        assertThat(((List<Map<String, Object>>) api().get("/api/me/requests?limit=100", els).get("items")).stream()
                .filter(r -> Fixtures.number(r.get("id")) == gone)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "EXPIRED"));

        // Once the waiting proposal is answered, the next round expires the request it was for.
        act(proposal, "decline", els);
        expiry.run(WEEK);
        assertThat(status(waiting)).isEqualTo("EXPIRED");
        assertThat(expiredNotices(els.participantId())).hasSize(3);

        drain(dispatcher("listing-expiry"), 20);
        assertThat(smtp.receivedBy(els.email())).extracting(MimeMessage::getSubject)
                .contains("Request expired: Boodschappen vorige week", "Request expired: Tuin vorige week");
    }

    @Test
    void someoneWithoutEmailHearsThroughTheirMakelaarAndAnUnsubscribedResidentNotAtAll() {
        Person makelaar = api().staff("MAKELAAR");
        long offline = offlineParticipant("Mevrouw Verlopen", makelaar.accountId());
        Person stand = residentAt("Stand In Verlopen", "nl");
        long hers = api().request(stand, "COMPANY", "Samen naar de markt");
        db.update("UPDATE listing SET participant_id = ? WHERE id = ?", ps -> {
            ps.setLong(1, offline);
            ps.setLong(2, hers);
        });
        Person suspended = residentAt("Geschorste Verlopen", "nl");
        long suspendeds = api().request(suspended, "COMPANY", "Samen fietsen");
        api().post("/api/participants/" + suspended.participantId() + "/suspend", makelaar, Map.of("reason", "Klacht"));
        Person quiet = residentAt("Stille Verlopen", "nl");
        api().put("/api/me/notification-preferences", quiet, Map.of("unsubscribed", List.of("LISTING_EXPIRED")));
        long quiets = api().request(quiet, "COMPANY", "Wandelen");
        endedDaysAgo(hers, 10);
        endedDaysAgo(quiets, 10);
        endedDaysAgo(suspendeds, 10);

        expiry.run(WEEK);

        assertThat(status(hers)).isEqualTo("EXPIRED");
        Row notice = expiredNotices(offline).stream().findFirst().orElseThrow();
        assertThat(notice.status()).isEqualTo("QUEUED_FOR_MAKELAAR");
        assertThat(notice.text()).contains("Beste Mevrouw Verlopen", "‘Samen naar de markt’", "bel uw sociaal makelaar");
        assertThat(db.one("SELECT makelaar_id FROM makelaar_task WHERE notification_id = ?", ps -> ps.setLong(1, notice.id()),
                rs -> rs.getLong(1)).orElseThrow()).isEqualTo(makelaar.accountId());
        assertThat(status(quiets)).isEqualTo("EXPIRED");
        assertThat(expiredNotices(quiet.participantId())).isEmpty();
        assertThat(api().get("/api/me/notification-preferences", quiet).get("kinds").toString()).contains("LISTING_EXPIRED");

        // Someone suspended is not told to post again while they cannot: theirs expires once they are back.
        assertThat(status(suspendeds)).isEqualTo("OPEN");
        assertThat(expiredNotices(suspended.participantId())).isEmpty();
        api().post("/api/participants/" + suspended.participantId() + "/reinstate", makelaar, Map.of());
        expiry.run(WEEK);
        assertThat(status(suspendeds)).isEqualTo("EXPIRED");
        assertThat(expiredNotices(suspended.participantId())).hasSize(1);
    }
}
