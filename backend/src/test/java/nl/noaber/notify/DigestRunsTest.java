package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.noaber.support.Fixtures.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily digests run once a day from their hour on, whichever instance checks first; one missed
 * at its hour is caught up later that day, and the volunteers' digest then covers the days missed.
 * Runs on days far ahead (2099), which no other test touches, and clears them up.
 */
@MicronautTest(environments = "test", transactional = false)
class DigestRunsTest extends NotificationTestSupport {
    private static final LocalDate DAY = LocalDate.of(2099, 6, 1);

    @Inject
    DigestRuns runs;
    @Inject
    NearbyDigest nearby;

    @BeforeEach
    @AfterEach
    void clearTheFuture() {
        db.update("DELETE FROM notification WHERE digest_on >= '2099-01-01'", ps -> {});
        db.update("DELETE FROM digest_run WHERE day >= '2099-01-01'", ps -> {});
    }

    private static Instant amsterdam(LocalDate day, String time) {
        return java.time.LocalDateTime.parse(day + "T" + time).atZone(MakelaarDigest.ZONE).toInstant();
    }

    private long runsOf(NotificationKind kind) {
        return db.one("SELECT count(*) FROM digest_run WHERE kind = ? AND day >= '2099-01-01'", ps -> ps.setString(1, kind.name()),
                rs -> rs.getLong(1)).orElseThrow();
    }

    @Test
    void eachDigestRunsOnceADayFromItsHourOnAndAMissedHourIsCaughtUpLaterThatDay() {
        Person makelaar = api().staff("MAKELAAR");
        offlineParticipant("Mevrouw Inhalen", makelaar.accountId());
        Person requester = residentAt("Vrager Inhalen", "nl");
        propose(makelaar, api().request(requester, "SHOPPING", "Boodschappen inhalen"),
                offlineParticipant("Meneer Inhalen", makelaar.accountId()));

        assertThat(runs.runIfDue(NotificationKind.MAKELAAR_DIGEST, amsterdam(DAY, "06:59"))).as("before seven").isEqualTo(-1);
        assertThat(runsOf(NotificationKind.MAKELAAR_DIGEST)).isZero();
        // Every instance was down at seven; the first check after it writes the day's digests...
        assertThat(runs.runIfDue(NotificationKind.MAKELAAR_DIGEST, amsterdam(DAY, "11:42"))).isPositive();
        // ...and any later check, on this instance or another, does nothing.
        assertThat(runs.runIfDue(NotificationKind.MAKELAAR_DIGEST, amsterdam(DAY, "11:47"))).isEqualTo(-1);
        assertThat(runs.runIfDue(NotificationKind.MAKELAAR_DIGEST, amsterdam(DAY, "23:59"))).isEqualTo(-1);
        assertThat(db.one("SELECT count(*) FROM notification WHERE account_id = ? AND kind = 'MAKELAAR_DIGEST' AND digest_on = ?",
                ps -> {
                    ps.setLong(1, makelaar.accountId());
                    ps.setObject(2, DAY);
                }, rs -> rs.getLong(1)).orElseThrow()).isEqualTo(1);
        // The volunteers' digest keeps its own hour.
        assertThat(runs.runIfDue(NotificationKind.NEARBY_REQUESTS, amsterdam(DAY, "19:59"))).isEqualTo(-1);
        assertThat(runs.runIfDue(NotificationKind.NEARBY_REQUESTS, amsterdam(DAY, "20:05"))).isNotNegative();
        assertThat(runs.runIfDue(NotificationKind.NEARBY_REQUESTS, amsterdam(DAY, "21:00"))).isEqualTo(-1);
        // The next day is a new day.
        assertThat(runs.runIfDue(NotificationKind.MAKELAAR_DIGEST, amsterdam(DAY.plusDays(1), "07:00"))).isPositive();
        assertThat(runsOf(NotificationKind.MAKELAAR_DIGEST)).isEqualTo(2);
        assertThat(runsOf(NotificationKind.NEARBY_REQUESTS)).isEqualTo(1);
    }

    @Test
    void afterMissedDaysTheVolunteersDigestCoversEverythingSinceTheRunBefore() {
        // Off the other tests' beaten track (their requests stay open in the kept test database).
        Person vera = api().residentAt("Vera Inhaal", 52.3921, 4.6281);
        db.update("UPDATE participant SET skills = '{GARDEN}', travel_radius_m = 300 WHERE id = ?",
                ps -> ps.setLong(1, vera.participantId()));
        api().put("/api/me/notification-preferences", vera, Map.of("unsubscribed", List.of(), "nearbyDigest", true));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Person rita = api().residentAt("Rita Inhaal", 52.3922, 4.6282);
        long old = api().request(rita, "GARDEN", "Heg van drie dagen " + tag);
        long older = api().request(rita, "GARDEN", "Heg van vorige week " + tag);
        api().request(rita, "GARDEN", "Heg van vandaag " + tag);
        db.update("UPDATE listing SET created_at = now() - interval '3 days' WHERE id = ?", ps -> ps.setLong(1, old));
        db.update("UPDATE listing SET created_at = now() - interval '9 days' WHERE id = ?", ps -> ps.setLong(1, older));
        // The last run was four days ago; the days since were missed.
        db.update("INSERT INTO digest_run (kind, day, run_at) VALUES ('NEARBY_REQUESTS', ?, now() - interval '4 days')",
                ps -> ps.setObject(1, DAY));

        nearby.write(DAY.plusDays(4));

        Row d = rowsFor(vera.participantId()).stream().filter(r -> r.kind().equals("NEARBY_REQUESTS")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(d.text()).contains("Heg van vandaag " + tag, "Heg van drie dagen " + tag)
                .doesNotContain("Heg van vorige week " + tag);
    }
}
