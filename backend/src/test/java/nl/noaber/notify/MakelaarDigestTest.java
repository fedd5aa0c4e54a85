package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.List;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.Test;

/** The makelaar's morning digest of their work for people without email. */
@MicronautTest(environments = "test", transactional = false)
class MakelaarDigestTest extends NotificationTestSupport {

    @Inject
    MakelaarDigest digest;

    private record Digest(long id, String status, String subject, String text) {}

    private List<Digest> digests(Person makelaar) {
        return db.list("SELECT id, status, subject, body_text FROM notification WHERE account_id = ? AND kind = 'MAKELAAR_DIGEST' "
                + "ORDER BY id", ps -> ps.setLong(1, makelaar.accountId()),
                rs -> new Digest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    @Test
    void aMakelaarGetsOneDigestADayWithoutNamesAndUnsubscribesFromItWithOneClick() throws Exception {
        Person makelaar = api().staff("MAKELAAR");
        Person requester = residentAt("Vrager Digest", "nl");
        long first = offlineParticipant("Mevrouw Digest Een", makelaar.accountId());
        long second = offlineParticipant("Meneer Digest Twee", makelaar.accountId());
        long request = api().request(requester, "SHOPPING", "Boodschappen digest");
        propose(makelaar, request, first);
        propose(makelaar, request, second);
        LocalDate today = LocalDate.now(MakelaarDigest.ZONE);

        digest.write(today);
        digest.write(today); // a second instance, or a second run, on the same day

        Digest d = digests(makelaar).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(digests(makelaar)).hasSize(1);
        assertThat(d.status()).isEqualTo("PENDING");
        assertThat(d.text()).contains("Op uw werklijst staan 2 berichten voor uw eigen deelnemers")
                .doesNotContain("Digest Een", "Digest Twee", "Vrager Digest", "Boodschappen");

        for (int i = 0; i < 100 && smtp.receivedBy(makelaar.email()).isEmpty(); i++) {
            dispatcher("digest").dispatchOnce();
        }
        MimeMessage mail = smtp.receivedBy(makelaar.email()).get(0);
        assertThat(mail.getSubject()).startsWith("Uw werklijst: ");
        assertThat(mail.getMessageID()).isEqualTo("<outbox-" + d.id() + "@test.noaber.nl>");
        String header = mail.getHeader("List-Unsubscribe", null);
        String path = header.substring(header.indexOf("/api/unsubscribe"), header.length() - 1);
        http.toBlocking().retrieve(HttpRequest.POST(path, "List-Unsubscribe=One-Click")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);

        digest.write(today.plusDays(1));
        assertThat(digests(makelaar)).as("unsubscribed: no digest the next day").hasSize(1);
    }

    @Test
    void aMakelaarChoosesTheLanguageOfTheirOwnMail() {
        Person makelaar = api().staff("MAKELAAR");
        Person resident = residentAt("Bewoner Taal", "nl");
        api().fails(() -> api().get("/api/me/language", null)).isProblem(401);
        api().fails(() -> api().put("/api/me/language", resident, java.util.Map.of("language", "en"))).isProblem(403);
        api().fails(() -> api().put("/api/me/language", makelaar, java.util.Map.of("language", "de"))).isProblem(400)
                .names("language", "Pattern");
        assertThat(api().get("/api/me/language", makelaar)).containsEntry("language", "nl");
        assertThat(api().put("/api/me/language", makelaar, java.util.Map.of("language", "en"))).containsEntry("language", "en");
        assertThat(api().get("/api/me/language", makelaar)).containsEntry("language", "en");
        long someone = offlineParticipant("Meneer Taal", makelaar.accountId());
        propose(makelaar, api().request(resident, "SHOPPING", "Boodschappen taal"), someone);

        digest.write(LocalDate.now(MakelaarDigest.ZONE));

        Digest d = digests(makelaar).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(d.subject()).startsWith("Your work queue: ");
        assertThat(d.text()).startsWith("Good morning,").contains("Your work queue holds 1 message for your own participants")
                .doesNotContain("Meneer Taal", "Boodschappen");
        assertThat(db.one("SELECT language FROM notification WHERE id = ?", ps -> ps.setLong(1, d.id()), rs -> rs.getString(1)))
                .contains("en");
    }

    @Test
    void aDisabledMakelaarGetsNoDigest() {
        Person makelaar = api().staff("MAKELAAR");
        offlineParticipant("Mevrouw Uitgeschakeld", makelaar.accountId());
        Person requester = residentAt("Vrager Uit", "nl");
        long request = api().request(requester, "COMPANY", "Koffie uit");
        propose(makelaar, request, offlineParticipant("Meneer Uitgeschakeld", makelaar.accountId()));
        api().post("/api/accounts/" + makelaar.accountId() + "/disable", api().coordinator(), java.util.Map.of());

        digest.write(LocalDate.now(MakelaarDigest.ZONE));

        assertThat(digests(makelaar)).isEmpty();
    }
}
