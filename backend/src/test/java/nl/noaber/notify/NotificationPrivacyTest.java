package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/** Erasing a participant erases the content of their news and of news that names them; the export shows their news. */
@MicronautTest(environments = "test", transactional = false)
class NotificationPrivacyTest extends NotificationTestSupport {

    @Inject
    NotificationService service;

    @Test
    void erasingAParticipantErasesTheirNewsAndNewsThatNamesThemAndStopsWhatHadNotGoneOut() {
        Person els = residentAt("Els Wissen", "nl");
        Person henk = residentAt("Henk Blijft", "nl");
        Person piet = residentAt("Piet Blijft", "nl");
        long request = api().request(els, "SHOPPING", "Boodschappen wissen");
        long match = id(propose(henk, request, null));
        drain(dispatcher("erase"), 50);                       // Els's proposal mail: SENT
        act(match, "accept", els);                            // Henk's acceptance mail, naming Els: PENDING
        long other = api().request(piet, "GARDEN", "Tuin van Piet");
        propose(henk, other, null);                           // news for Piet, nothing to do with Els

        int erased = service.erase(els.participantId());

        assertThat(erased).isEqualTo(2);
        Row sentToEls = rowsFor(els.participantId()).get(0);
        assertThat(sentToEls.status()).isEqualTo("SENT");
        assertThat(sentToEls.subject()).isNull();
        assertThat(sentToEls.text()).isNull();
        Row toHenk = rowsFor(henk.participantId()).get(0);
        assertThat(toHenk.status()).as("news naming her does not go out").isEqualTo("SUPPRESSED");
        assertThat(toHenk.text()).isNull();
        assertThat(db.one("SELECT count(*) FROM notification WHERE participant_id = ? AND body_html IS NULL AND erased_at IS NOT NULL",
                ps -> ps.setLong(1, els.participantId()), rs -> rs.getLong(1)).orElseThrow()).isEqualTo(1);
        assertThat(rowsFor(piet.participantId())).singleElement()
                .satisfies(r -> assertThat(r.text()).contains("Henk Blijft"));

        int henksMail = smtp.receivedBy(henk.email()).size();
        drain(dispatcher("erase"), 50);
        assertThat(smtp.receivedBy(henk.email())).hasSize(henksMail);
        assertThat(smtp.receivedBy(piet.email())).hasSize(1);
    }

    @Test
    void theDataExportHoldsTheParticipantsNewsAndUnsubscribedKinds() {
        Person els = residentAt("Els Export", "nl");
        Person henk = residentAt("Henk Export", "nl");
        long request = api().request(els, "SHOPPING", "Boodschappen export");
        propose(henk, request, null);
        db.update("INSERT INTO notification_opt_out (participant_id, kind) VALUES (?, 'MATCH_COMPLETED')",
                ps -> ps.setLong(1, els.participantId()));

        Map<String, Object> export = api().get("/api/me/export", els);
        Map<?, ?> section = (Map<?, ?>) export.get("notifications");
        List<?> news = (List<?>) section.get("notifications");
        assertThat(news).singleElement().satisfies(n -> {
            assertThat(((Map<?, ?>) n).get("kind")).isEqualTo("MATCH_PROPOSED");
            assertThat(((Map<?, ?>) n).get("subject")).isEqualTo("Voorstel: Boodschappen export");
        });
        assertThat(section.get("unsubscribed")).isEqualTo(List.of("MATCH_COMPLETED"));
    }
}
