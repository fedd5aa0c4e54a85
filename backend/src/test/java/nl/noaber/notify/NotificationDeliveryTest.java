package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/** News of a match reaches the right person, in their language, by mail or through their makelaar. */
@MicronautTest(environments = "test", transactional = false)
class NotificationDeliveryTest extends NotificationTestSupport {

    @jakarta.inject.Inject
    FollowUps followUps;

    @Test
    void aMatchRunningForTwoWeeksGetsOneFollowUpPerPartyThroughTheirOwnChannel() throws Exception {
        Person makelaar = api().staff("MAKELAAR");
        Person els = residentAt("Els Opvolging", "en");
        long offline = offlineParticipant("Meneer Opvolging", makelaar.accountId());
        long request = api().request(els, "COMPANY", "Samen wandelen");
        long match = id(propose(makelaar, request, offline));
        act(match, "accept", makelaar); // on the offline helper's behalf
        Person young = residentAt("Jonge Match", "nl");
        Person helper = residentAt("Jonge Helper", "nl");
        long recent = id(propose(helper, api().request(young, "GARDEN", "Snoeien"), null));
        act(recent, "accept", young);
        db.update("UPDATE match SET decided_at = now() - interval '15 days' WHERE id = ?", ps -> ps.setLong(1, match));

        followUps.run(java.time.Duration.ofDays(14));
        followUps.run(java.time.Duration.ofDays(14)); // a second run, or a second instance, writes nothing more

        assertThat(rowsFor(els.participantId())).filteredOn(r -> r.kind().equals("FOLLOW_UP")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo("PENDING");
                    assertThat(r.subject()).isEqualTo("How is it going? Samen wandelen");
                    assertThat(r.text()).contains("Meneer Opvolging is helping you with");
                });
        Row toOffline = rowsFor(offline).stream().filter(r -> r.kind().equals("FOLLOW_UP")).findFirst().orElseThrow();
        assertThat(toOffline.status()).isEqualTo("QUEUED_FOR_MAKELAAR");
        assertThat(toOffline.text()).contains("U helpt Els Opvolging met");
        assertThat(db.one("SELECT makelaar_id FROM makelaar_task WHERE notification_id = ?", ps -> ps.setLong(1, toOffline.id()),
                rs -> rs.getLong(1)).orElseThrow()).isEqualTo(makelaar.accountId());
        assertThat(rowsFor(young.participantId())).noneSatisfy(r -> assertThat(r.kind()).isEqualTo("FOLLOW_UP"));
        assertThat(rowsFor(helper.participantId())).noneSatisfy(r -> assertThat(r.kind()).isEqualTo("FOLLOW_UP"));

        drain(dispatcher("follow-up"), 20);
        assertThat(smtp.receivedBy(els.email())).extracting(MimeMessage::getSubject).contains("How is it going? Samen wandelen");
    }

    @Test
    void aProposalWaitingThreeDaysRemindsTheSideThatAnswersItOnce() throws Exception {
        Person makelaar = api().staff("MAKELAAR");
        // Els invited Henk: Henk answers. Piet offered himself for Ans's request: Ans answers. A makelaar
        // proposed Meneer Wacht, who has no email: his makelaar passes it on. Kees's invitation is a
        // day old, Joop's was answered, and Riet has switched these reminders off.
        Person els = residentAt("Els Wacht", "nl");
        Person henk = residentAt("Henk Wacht", "en");
        long invited = id(propose(els, api().request(els, "SHOPPING", "Boodschappen op vrijdag"), henk.participantId()));
        Person ans = residentAt("Ans Wacht", "nl");
        Person piet = residentAt("Piet Wacht", "nl");
        long offered = id(propose(piet, api().request(ans, "GARDEN", "Heg knippen"), null));
        long offline = offlineParticipant("Meneer Wacht", makelaar.accountId());
        long brokered = id(propose(makelaar, api().request(els, "COMPANY", "Samen koffie"), offline));
        Person kees = residentAt("Kees Wacht", "nl");
        long young = id(propose(els, api().request(els, "LIFT", "Naar de markt"), kees.participantId()));
        Person joop = residentAt("Joop Wacht", "nl");
        long answered = id(propose(els, api().request(els, "ODD_JOBS", "Lamp ophangen"), joop.participantId()));
        act(answered, "accept", joop);
        Person riet = residentAt("Riet Wacht", "nl");
        api().put("/api/me/notification-preferences", riet, java.util.Map.of("unsubscribed", List.of("PROPOSAL_REMINDER")));
        long quiet = id(propose(els, api().request(els, "DOG_WALKING", "Hond uitlaten"), riet.participantId()));
        for (long m : List.of(invited, offered, brokered, answered, quiet)) {
            db.update("UPDATE match SET proposed_at = now() - interval '4 days' WHERE id = ?", ps -> ps.setLong(1, m));
        }

        // Henk, Ans and Meneer Wacht (the database may hold other tests' proposals, none of them this old).
        assertThat(followUps.runProposalReminders(java.time.Duration.ofDays(3))).isGreaterThanOrEqualTo(3);
        assertThat(followUps.runProposalReminders(java.time.Duration.ofDays(3))).as("a second run, or a second instance")
                .isZero();

        assertThat(rowsFor(henk.participantId())).filteredOn(r -> r.kind().equals("PROPOSAL_REMINDER")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo("PENDING");
                    assertThat(r.subject()).isEqualTo("Waiting for your answer: Boodschappen op vrijdag");
                    assertThat(r.text()).contains("You have been proposed to help Els Wacht with",
                            "The proposal is still waiting for your answer", "Saying no is fine too");
                });
        assertThat(rowsFor(ans.participantId())).filteredOn(r -> r.kind().equals("PROPOSAL_REMINDER")).singleElement()
                .satisfies(r -> assertThat(r.text()).contains("Piet Wacht wil u helpen met", "wacht nog op uw antwoord"));
        Row toOffline = rowsFor(offline).stream().filter(r -> r.kind().equals("PROPOSAL_REMINDER")).findFirst().orElseThrow();
        assertThat(toOffline.status()).isEqualTo("QUEUED_FOR_MAKELAAR");
        assertThat(db.one("SELECT makelaar_id FROM makelaar_task WHERE notification_id = ?", ps -> ps.setLong(1, toOffline.id()),
                rs -> rs.getLong(1)).orElseThrow()).isEqualTo(makelaar.accountId());
        // Not the proposers, not a day-old invitation, not an answered one, not someone who switched them off.
        for (Person nobody : List.of(els, piet, kees, joop, riet)) {
            assertThat(rowsFor(nobody.participantId())).as(nobody.email())
                    .noneSatisfy(r -> assertThat(r.kind()).isEqualTo("PROPOSAL_REMINDER"));
        }
        assertThat(db.one("SELECT count(*) FROM notification WHERE match_id = ? AND kind = 'PROPOSAL_REMINDER'",
                ps -> ps.setLong(1, young), rs -> rs.getLong(1)).orElseThrow()).isZero();

        drain(dispatcher("proposal-reminder"), 20);
        assertThat(smtp.receivedBy(henk.email())).extracting(MimeMessage::getSubject)
                .contains("Waiting for your answer: Boodschappen op vrijdag");
    }

    /**
     * A reminder round that meets an answer (or an end) given at the same moment writes nothing for it:
     * the reminder waits for the answer and then finds the match no longer waiting (or running).
     */
    @Test
    void aReminderDueAtTheMomentOfAnAnswerOrAnEndIsNotWritten() throws Exception {
        Person els = residentAt("Els Gelijktijdig", "nl");
        Person henk = residentAt("Henk Gelijktijdig", "nl");
        long proposal = id(propose(els, api().request(els, "SHOPPING", "Boodschappen op maandag"), henk.participantId()));
        Person ans = residentAt("Ans Gelijktijdig", "nl");
        Person piet = residentAt("Piet Gelijktijdig", "nl");
        long running = id(propose(piet, api().request(ans, "GARDEN", "Gras maaien"), null));
        act(running, "accept", ans);
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (long[] due : List.of(new long[] {proposal, henk.participantId()}, new long[] {running, ans.participantId()})) {
                boolean answering = due[0] == proposal;
                try (java.sql.Connection other = nl.noaber.support.TestDatabase.connect()) {
                    other.setAutoCommit(false);
                    // As a decline, or the end of the match, does: the row first, then its new state.
                    nl.noaber.support.TestDatabase.query(other, "SELECT id FROM match WHERE id = ? FOR NO KEY UPDATE", due[0]);
                    nl.noaber.support.TestDatabase.query(other, (answering
                            ? "UPDATE match SET status = 'DECLINED', decided_at = now(), ended_at = now()"
                            : "UPDATE match SET status = 'COMPLETED', ended_at = now()") + " WHERE id = ? RETURNING id", due[0]);
                    var reminded = pool.submit(() -> answering
                            ? followUps.remindToAnswer(due[0], due[1])
                            : followUps.remind(due[0], ans.participantId(), piet.participantId()));
                    nl.noaber.support.TestDatabase.awaitSomeoneBlockedBehind(other);
                    other.commit();
                    assertThat(reminded.get(30, java.util.concurrent.TimeUnit.SECONDS)).as(answering ? "answered" : "ended").isFalse();
                }
                assertThat(db.one("SELECT count(*) FROM notification WHERE match_id = ? AND kind IN ('PROPOSAL_REMINDER', 'FOLLOW_UP')",
                        ps -> ps.setLong(1, due[0]), rs -> rs.getLong(1)).orElseThrow()).isZero();
            }
            // Still waiting, or still running: written.
            long waiting = id(propose(els, api().request(els, "LIFT", "Naar de huisarts"), henk.participantId()));
            assertThat(followUps.remindToAnswer(waiting, henk.participantId())).isTrue();
            long helping = id(propose(piet, api().request(ans, "ODD_JOBS", "Kastje ophangen"), null));
            act(helping, "accept", ans);
            assertThat(followUps.remind(helping, ans.participantId(), piet.participantId())).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aProposalAndItsAcceptanceArriveEachInTheRecipientsLanguage() throws Exception {
        Person els = residentAt("Els de Haas", "nl");
        Person henk = residentAt("Henk Jansen", "en");
        long request = api().request(els, "SHOPPING", "Boodschappen op dinsdag");

        long match = id(propose(henk, request, null));
        assertThat(rowsFor(henk.participantId())).as("the proposer hears nothing of his own act").isEmpty();
        Row toEls = rowsFor(els.participantId()).get(0);
        assertThat(toEls.kind()).isEqualTo("MATCH_PROPOSED");
        assertThat(toEls.status()).isEqualTo("PENDING");

        drain(dispatcher("delivery"), 20);

        List<MimeMessage> mails = smtp.receivedBy(els.email());
        assertThat(mails).hasSize(1);
        MimeMessage m = mails.get(0);
        assertThat(m.getMessageID()).isEqualTo("<outbox-" + toEls.id() + "@test.noaber.nl>");
        assertThat(m.getSubject()).isEqualTo("Voorstel: Boodschappen op dinsdag");
        assertThat(m.getHeader("Content-Language", null)).isEqualTo("nl");
        assertThat(text(m)).startsWith("Beste Els de Haas,")
                .contains("Henk Jansen is voorgesteld om u te helpen met \u201cBoodschappen op dinsdag\u201d.")
                .contains("/matches/" + match);
        assertThat(html(m)).contains("<html lang=\"nl\">").contains("Henk Jansen");
        String unsubscribeUrl = m.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribeUrl).startsWith("<http://localhost:8080/api/unsubscribe?token=");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(row(toEls.id()).status()).isEqualTo("SENT");

        act(match, "accept", els);
        drain(dispatcher("delivery"), 20);
        MimeMessage accepted = smtp.receivedBy(henk.email()).get(0);
        assertThat(accepted.getSubject()).isEqualTo("It's a match: Boodschappen op dinsdag");
        assertThat(accepted.getHeader("Content-Language", null)).isEqualTo("en");
        assertThat(text(accepted)).startsWith("Dear Henk Jansen,").contains("Els de Haas and you");
        assertThat(smtp.receivedBy(els.email())).as("Els accepted herself: one mail, the proposal").hasSize(1);
    }

    @Test
    void noMailEverHoldsAnAddressPhoneOrEmailOfAnyone() throws Exception {
        Person els = residentAt("Els Adres", "nl");
        Person henk = residentAt("Henk Adres", "nl");
        db.update("UPDATE participant SET home_postcode = '2031AB', home_house_number = '17', phone = '023 555 1234' "
                + "WHERE id IN (?, ?)", ps -> {
                    ps.setLong(1, els.participantId());
                    ps.setLong(2, henk.participantId());
                });
        long request = api().request(els, "GARDEN", "Heg snoeien");
        long match = id(propose(henk, request, null));
        act(match, "accept", els);
        drain(dispatcher("privacy"), 20);

        List<MimeMessage> mails = new java.util.ArrayList<>(smtp.receivedBy(els.email()));
        mails.addAll(smtp.receivedBy(henk.email()));
        assertThat(mails).hasSize(2);
        for (MimeMessage m : mails) {
            // Links carry only ids and a token; without them the words hold no number at all.
            String words = (m.getSubject() + "\n" + text(m)).replaceAll("https?://\\S+", "");
            assertThat(words).doesNotContainPattern("[0-9]").doesNotContain("@");
            assertThat(html(m)).doesNotContain("2031", "023 555", els.email(), henk.email());
        }
    }

    @Test
    void newsForSomeoneWithoutEmailGoesToTheirMakelaarAndNeverToSmtp() {
        Person makelaar = api().staff("MAKELAAR");
        Person requester = residentAt("Mevrouw Post", "nl");
        long offline = offlineParticipant("Meneer Offline", makelaar.accountId());
        long request = api().request(requester, "COMPANY", "Samen koffie drinken");
        int before = smtp.received().size();

        long match = id(propose(makelaar, request, offline));

        Row toOffline = rowsFor(offline).get(0);
        assertThat(toOffline.kind()).isEqualTo("MATCH_PROPOSED");
        assertThat(toOffline.status()).isEqualTo("QUEUED_FOR_MAKELAAR");
        assertThat(toOffline.subject()).isEqualTo("Voorstel: Samen koffie drinken");
        Long taskMakelaar = db.one("SELECT makelaar_id FROM makelaar_task WHERE notification_id = ?",
                ps -> ps.setLong(1, toOffline.id()), rs -> rs.getObject(1, Long.class)).orElseThrow();
        assertThat(taskMakelaar).isEqualTo(makelaar.accountId());

        drain(dispatcher("offline"), 20);
        assertThat(row(toOffline.id()).status()).isEqualTo("QUEUED_FOR_MAKELAAR");
        // The requester has email: the makelaar's proposal reaches her by mail.
        assertThat(smtp.receivedBy(requester.email())).hasSize(1);
        assertThat(smtp.received().size() - before).as("only the requester's mail went to SMTP").isEqualTo(1);
        assertThat(match).isPositive();
    }
}
