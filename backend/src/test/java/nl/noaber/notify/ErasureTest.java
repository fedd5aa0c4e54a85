package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/**
 * Erasing a participant (POST /api/me/erase, or a coordinator's POST /api/participants/{id}/erase):
 * everything that says who they were goes in one transaction, their running matches end and the
 * other person is told without their name, and what stays is anonymous.
 */
@MicronautTest(environments = "test", transactional = false)
class ErasureTest extends NotificationTestSupport {

    private long count(String sql, long id) {
        return db.one(sql, ps -> ps.setLong(1, id), rs -> rs.getLong(1)).orElseThrow();
    }

    private String string(String sql, long id) {
        return db.one(sql, ps -> ps.setLong(1, id), rs -> rs.getString(1)).orElse(null);
    }

    @Test
    void aResidentErasesThemselfEverythingPersonalGoesAndTheOtherPersonIsToldWithoutTheirName() throws Exception {
        Person els = residentAt("Els Verdwijnt", "nl");
        Person henk = residentAt("Henk Blijft", "nl");
        Person piet = residentAt("Piet Buur", "en");
        api().put("/api/me/profile", els, Map.of("displayName", "Els Verdwijnt", "skills", List.of("SHOPPING", "GARDEN"),
                "languages", List.of("nl"), "availability", List.of("MON_MORNING"), "travelRadiusMetres", 3000,
                "phone", "06 1234 5678", "contactChannels", List.of("EMAIL", "PHONE"), "preferredLanguage", "nl"));
        api().put("/api/me/notification-preferences", els, Map.of("unsubscribed", List.of("FOLLOW_UP"), "nearbyDigest", true));
        long open = api().request(els, "SHOPPING", "Boodschappen bij Els thuis, Kerkstraat 5");
        long offer = api().offer(els, "GARDEN", "Els helpt in de tuin");
        long helped = api().request(els, "LIFT", "Els naar de tandarts");
        long running = id(propose(els, helped, henk.participantId()));
        act(running, "accept", henk);
        api().post("/api/matches/" + running + "/feedback", els, Map.of("text", "Henk was erg vriendelijk, Els"));
        long henksRequest = api().request(henk, "GARDEN", "Heg van Henk");
        long offered = id(api().post("/api/matches", els, new HashMap<>(Map.of("requestId", henksRequest, "offerId", offer))));
        long pietsRequest = api().request(piet, "GARDEN", "Tuin van Piet");
        long blocked = id(propose(els, pietsRequest, null));
        api().post("/api/matches/" + blocked + "/block", piet, Map.of());
        drain(dispatcher("erase-before"), 50);
        int henksMailBefore = smtp.receivedBy(henk.email()).size();
        assertThat(string("SELECT string_agg(category_code || ':' || has_skill || ':' || (offer_id IS NOT NULL), ',' ORDER BY category_code)"
                + " FROM helper_lane WHERE participant_id = ?", els.participantId())).isEqualTo("GARDEN:true:true,SHOPPING:true:false");

        // The password again, or nothing happens.
        api().fails(() -> api().post("/api/me/erase", els, Map.of("password", "Niet-Het-Wachtwoord-1"))).isProblem(403)
                .names("password", "CurrentPassword");
        api().fails(() -> api().post("/api/me/erase", els, Map.of())).isProblem(400).names("password", "NotBlank");
        assertThat(api().get("/api/me/profile", els).get("displayName")).isEqualTo("Els Verdwijnt");

        var response = http.toBlocking().exchange(HttpRequest.POST("/api/me/erase", Map.of("password", Fixtures.PASSWORD))
                .bearerAuth(els.accessToken()));
        assertThat(response.getStatus().getCode()).isEqualTo(204);

        // Her sessions are over and her address, password and second factor gone: nobody logs in as her again.
        api().fails(() -> api().get("/api/me/profile", els)).isProblem(401);
        api().fails(() -> api().post("/api/auth/refresh", null, Map.of("refreshToken", els.refreshToken()))).isProblem(401);
        api().fails(() -> api().post("/api/auth/login", null, Map.of("email", els.email(), "password", Fixtures.PASSWORD)))
                .isProblem(401);
        assertThat(string("SELECT email || ' ' || email_normalized || ' ' || enabled || ' ' || password_hash FROM account WHERE id = ?",
                els.accountId())).isEqualTo("erased-%1$d@erased.invalid erased-%1$d@erased.invalid false !erased".formatted(els.accountId()));
        // Her profile is anonymous, inactive, and out of every helper lane.
        assertThat(string("""
                SELECT display_name || '|' || coalesce(phone, '-') || '|' || coalesce(home_postcode, '-') || '|' || (home_place IS NULL)
                       || '|' || cardinality(skills) || '|' || cardinality(contact_channels) || '|' || status || '|' || (erased_at IS NOT NULL)
                       || '|' || (erased_by = account_id)
                  FROM participant WHERE id = ?""", els.participantId())).isEqualTo("Oud-deelnemer|-|-|true|0|0|INACTIVE|true|true");
        assertThat(count("SELECT count(*) FROM helper_lane WHERE participant_id = ?", els.participantId())).isZero();
        // Her listings are withdrawn and say only their kind of help, at their public place.
        assertThat(string("SELECT string_agg(status || ':' || title || ':' || description || ':' || ST_Equals(place::geometry, public_place::geometry), ',' ORDER BY id) "
                + "FROM listing WHERE participant_id = ?", els.participantId()))
                .isEqualTo("WITHDRAWN:Boodschappen doen::true,WITHDRAWN:Tuin::true,WITHDRAWN:Vervoer en een lift::true");
        // Every match of hers that was proposed or running ended, on her side, for a reason that names nobody.
        assertThat(string("SELECT status || ' ' || ended_by_side || ' ' || end_reason FROM match WHERE id = ?", running))
                .isEqualTo("CANCELLED REQUESTER left Noaber");
        assertThat(string("SELECT status || ' ' || ended_by_side FROM match WHERE id = ?", offered)).isEqualTo("CANCELLED HELPER");
        assertThat(string("SELECT status FROM listing WHERE id = ?", henksRequest)).isEqualTo("OPEN");
        assertThat(count("SELECT count(*) FROM match WHERE explanation IS NOT NULL AND ? IN (requester_id, helper_id)",
                els.participantId())).isZero();
        assertThat(string("SELECT text FROM match_note WHERE author_id = ?", els.participantId())).isEqualTo("\u2014");
        assertThat(count("SELECT count(*) FROM participant_block WHERE blocked_id = ?", els.participantId())).isZero();
        assertThat(count("SELECT count(*) FROM notification_opt_in WHERE participant_id = ?", els.participantId())
                + count("SELECT count(*) FROM notification_opt_out WHERE participant_id = ?", els.participantId())).isZero();
        // Her news is erased, and no news goes to her any more.
        assertThat(count("SELECT count(*) FROM notification WHERE participant_id = ? AND (subject IS NOT NULL OR erased_at IS NULL)",
                els.participantId())).isZero();
        assertThat(count("SELECT count(*) FROM notification WHERE participant_id = ? AND status IN ('PENDING', 'QUEUED_FOR_MAKELAAR')",
                els.participantId())).isZero();

        // Henk hears that both ended, without her name or her words.
        List<Row> toHenk = rowsFor(henk.participantId()).stream()
                .filter(r -> r.kind().equals("MATCH_CANCELLED") && r.status().equals("PENDING")).toList();
        assertThat(toHenk).hasSize(2).allSatisfy(r -> assertThat(r.text()).contains("iemand die Noaber heeft verlaten")
                .doesNotContain("Els", "Kerkstraat", "tandarts"));
        drain(dispatcher("erase-after"), 50);
        List<MimeMessage> henksMail = smtp.receivedBy(henk.email());
        assertThat(henksMail).hasSize(henksMailBefore + 2);
        assertThat(text(henksMail.get(henksMail.size() - 1))).doesNotContain("Els");

        // What stays is anonymous: Henk still sees that the match took place.
        Map<String, Object> seenByHenk = api().get("/api/matches/" + running, henk);
        assertThat(seenByHenk.get("status")).isEqualTo("CANCELLED");
        assertThat(((Map<?, ?>) seenByHenk.get("requester")).get("displayName")).isEqualTo("Oud-deelnemer");
        assertThat(((Map<?, ?>) seenByHenk.get("requester")).get("contact")).isNull();
        // Browsing no longer shows her listings.
        assertThat(api().fails(() -> api().get("/api/requests/" + open, henk)).status()).isEqualTo(404);
    }

    @Test
    void aCoordinatorErasesSomeoneWithoutEmailAtTheirRequestAndTheMakelaarsQueueForThemCloses() {
        Person makelaar = api().staff("MAKELAAR");
        Person coordinator = api().coordinator();
        Person requester = residentAt("Vrager Wissen", "nl");
        long mevrouw = offlineParticipant("Mevrouw Zonder Mail", makelaar.accountId());
        long request = api().request(requester, "SHOPPING", "Boodschappen voor de buurt");
        long proposed = id(propose(makelaar, request, mevrouw));
        assertThat(count("SELECT count(*) FROM makelaar_task WHERE participant_id = ? AND done_at IS NULL", mevrouw)).isEqualTo(1);

        api().fails(() -> api().post("/api/participants/" + mevrouw + "/erase", null, Map.of())).isProblem(401);
        api().fails(() -> api().post("/api/participants/" + mevrouw + "/erase", makelaar, Map.of())).isProblem(403);
        api().fails(() -> api().post("/api/participants/" + mevrouw + "/erase", requester, Map.of())).isProblem(403);
        api().fails(() -> api().post("/api/me/erase", makelaar, Map.of("password", Fixtures.PASSWORD))).isProblem(403);
        api().fails(() -> api().post("/api/me/erase", null, Map.of("password", Fixtures.PASSWORD))).isProblem(401);

        var response = http.toBlocking().exchange(HttpRequest.POST("/api/participants/" + mevrouw + "/erase", Map.of())
                .bearerAuth(coordinator.accessToken()));
        assertThat(response.getStatus().getCode()).isEqualTo(204);

        assertThat(string("SELECT display_name || ' ' || (phone IS NULL) || ' ' || (erased_by = ?) FROM participant WHERE id = "
                + mevrouw, coordinator.accountId())).isEqualTo("Oud-deelnemer true true");
        assertThat(count("SELECT count(*) FROM makelaar_task WHERE participant_id = ? AND done_at IS NULL", mevrouw)).isZero();
        assertThat(string("SELECT status || ' ' || ended_by_side || ' ' || end_reason FROM match WHERE id = ?", proposed))
                .isEqualTo("CANCELLED MAKELAAR left Noaber");
        // The requester hears the proposal was withdrawn, without her name; she gets nothing.
        assertThat(rowsFor(requester.participantId()).stream().filter(r -> r.kind().equals("MATCH_CANCELLED")))
                .singleElement().satisfies(r -> assertThat(r.text()).contains("iemand die Noaber heeft verlaten")
                        .doesNotContain("Mevrouw"));
        assertThat(count("SELECT count(*) FROM notification WHERE participant_id = ? AND erased_at IS NULL", mevrouw)).isZero();

        // Gone is gone: a second time, or someone unknown, is a 404.
        api().fails(() -> api().post("/api/participants/" + mevrouw + "/erase", coordinator, Map.of())).isProblem(404);
        api().fails(() -> api().post("/api/participants/999999999/erase", coordinator, Map.of())).isProblem(404);
        // ...and the makelaar can no longer broker a match with her.
        api().fails(() -> propose(makelaar, request, mevrouw)).isProblem(422).names("helperId", "helper-not-active");
    }
}
