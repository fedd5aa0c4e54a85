package nl.noaber.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import nl.noaber.db.Db;
import nl.noaber.geo.PlaceGrid;
import nl.noaber.geo.Places;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

/** The demo city the README's run command shows: real wijken, people in the pilot areas, usable logins. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "noaber.demo.enabled", value = "true")
class DemoDataTest extends IntegrationTest {

    @Inject
    Db db;

    @Inject
    PlaceGrid grid;

    @Test
    void theDemoCityHasResidentsOfflineParticipantsAndListingsInThePilotAreas() {
        long residents = count("SELECT count(*) FROM account WHERE email_normalized LIKE '%@demo.noaber.nl' AND role = 'RESIDENT'");
        long offline = count("SELECT count(*) FROM participant WHERE account_id IS NULL AND display_name NOT LIKE 'Bench %'");
        long pilot = count("""
                SELECT count(*) FROM participant p JOIN neighbourhood n ON n.id = p.neighbourhood_id
                 WHERE n.name IN ('Slachthuiswijk', 'Parkwijk', 'Oude Stad', 'Boerhaavewijk')""");
        assertThat(residents).isGreaterThanOrEqualTo(250);
        assertThat(offline).isGreaterThanOrEqualTo(150);
        // Their news goes to the demo makelaar's work queue.
        assertThat(count("SELECT count(*) FROM participant p JOIN account a ON a.id = p.makelaar_id "
                + "WHERE a.email = 'demo.makelaar@noaber.nl' AND p.account_id IS NULL")).isGreaterThanOrEqualTo(150);
        assertThat(pilot).isGreaterThanOrEqualTo(200);
        assertThat(count("SELECT count(*) FROM listing l JOIN participant p ON p.id = l.participant_id "
                + "JOIN account a ON a.id = p.account_id WHERE a.email_normalized = 'demo.bewoner@noaber.nl'")).isPositive();
    }

    @Test
    void demoListingsHaveDitheredPublicPlacesInTheCellOfTheirPlace() {
        List<Point[]> places = db.list("""
                SELECT l.place, l.public_place FROM listing l
                  JOIN participant p ON p.id = l.participant_id
                  LEFT JOIN account a ON a.id = p.account_id
                 WHERE (a.email_normalized LIKE '%@demo.noaber.nl' OR a.email_normalized = 'demo.bewoner@noaber.nl'
                        OR (p.account_id IS NULL AND p.display_name NOT LIKE 'Bench %'))
                 ORDER BY l.id LIMIT 200""", ps -> {},
                rs -> new Point[] {Places.fromDatabase(rs.getObject(1)), Places.fromDatabase(rs.getObject(2))});
        assertThat(places).isNotEmpty();
        for (Point[] p : places) {
            Point centre = grid.coarsen(p[0]);
            assertThat(grid.coarsen(p[1]).equalsExact(centre, 1e-9)).as("public place in the cell of the place").isTrue();
            assertThat(p[1].equalsExact(centre, 1e-12)).as("public place dithered, not the bare centre").isFalse();
        }
    }

    @Test
    void theDemoLoginsInTheReadmeWork() {
        Map<String, Object> resident = api().post("/api/auth/login", null,
                Map.of("email", "demo.bewoner@noaber.nl", "password", "Buurtkracht-2026"));
        assertThat(resident.get("status")).isEqualTo("AUTHENTICATED");
        Map<String, Object> makelaar = api().post("/api/auth/login", null,
                Map.of("email", "demo.makelaar@noaber.nl", "password", "Buurtkracht-2026"));
        assertThat(makelaar.get("status")).isIn("TOTP_ENROLMENT_REQUIRED", "TOTP_REQUIRED");
    }

    private long count(String sql) {
        return db.one(sql, ps -> {}, rs -> rs.getLong(1)).orElseThrow();
    }
}
