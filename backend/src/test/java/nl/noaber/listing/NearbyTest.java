package nl.noaber.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import nl.noaber.geo.PlaceGrid;
import nl.noaber.geo.Places;
import nl.noaber.support.Fixtures;
import nl.noaber.support.Fixtures.Person;
import nl.noaber.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

@MicronautTest(environments = "test", transactional = false)
class NearbyTest extends IntegrationTest {
    /** PostGIS measures geography distances on this sphere for {@code <->}. */
    static final double EARTH_RADIUS = 6_371_008.7714;

    @Inject
    PlaceGrid grid;

    @Inject
    NearbyRepository nearby;

    final Random random = new Random();
    double baseLat;
    double baseLon;

    /**
     * A quiet area of its own for every test, anywhere on earth, far from other tests' listings
     * (the test database is kept between runs). Borders do not block, so no neighbourhood is needed.
     */
    @BeforeEach
    void freshArea() {
        baseLat = -50 + random.nextDouble() * 100;
        baseLon = -170 + random.nextDouble() * 340;
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1), p2 = Math.toRadians(lat2);
        double dp = p2 - p1, dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS * Math.asin(Math.sqrt(a));
    }

    String nearbyUrl(String kind, double lat, double lon, int radius, String extra) {
        return "/api/" + kind + "/nearby?lat=" + lat + "&lon=" + lon + "&radius=" + radius + extra;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<?, ?> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void openRequestsComeNearestFirstWithinTheRadiusAndPagesJoinUp() {
        Person browser = api().resident("Browser");
        List<Long> ids = new ArrayList<>();
        // Twelve requesters at 0.5 km steps north of the base, one of them far outside the radius.
        for (int i = 0; i < 12; i++) {
            double lat = baseLat + i * 0.0045;
            Person p = api().residentAt("Vrager " + i, lat, baseLon);
            ids.add(api().request(p, i % 2 == 0 ? "SHOPPING" : "GARDEN", "Hulp " + i));
        }
        Person far = api().residentAt("Ver weg", baseLat + 0.2, baseLon);
        long farId = api().request(far, "SHOPPING", "Te ver");

        // Page through 4 at a time: every id once, in order of distance.
        List<Long> seen = new ArrayList<>();
        List<Integer> distances = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String url = nearbyUrl("requests", baseLat, baseLon, 6000, "&limit=4" + (cursor == null ? "" : "&cursor=" + cursor));
            Map<?, ?> page = api().get(url, browser);
            for (Map<String, Object> item : items(page)) {
                seen.add(((Number) item.get("id")).longValue());
                distances.add(((Number) item.get("distanceMetres")).intValue());
            }
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        // Other runs may have left listings nearby; ours must all be there, once, and the far one not.
        assertThat(seen).doesNotHaveDuplicates().containsAll(ids).doesNotContain(farId);
        assertThat(distances).isSorted();
        assertThat(pages).isGreaterThanOrEqualTo(3);

        // The category filter.
        List<Long> gardens = items(api().get(nearbyUrl("requests", baseLat, baseLon, 6000, "&category=GARDEN&limit=100"), browser))
                .stream().map(m -> ((Number) m.get("id")).longValue()).toList();
        assertThat(gardens).containsAll(ids.stream().filter(id -> ids.indexOf(id) % 2 == 1).toList())
                .doesNotContainAnyElementsOf(ids.stream().filter(id -> ids.indexOf(id) % 2 == 0).toList());

        // Requests are not offers.
        assertThat(idSet(items(api().get(nearbyUrl("offers", baseLat, baseLon, 6000, "&limit=100"), browser))))
                .doesNotContainAnyElementsOf(ids);
    }

    @Test
    void nearHomeWorksWithoutCoordinatesAndOwnListingsAreLeftOut() {
        Person me = api().residentAt("Ikzelf", baseLat, baseLon);
        Person neighbour = api().residentAt("Buur", baseLat + 0.002, baseLon);
        long mine = api().offer(me, "COMPANY", "Ik kom graag op bezoek");
        long theirs = api().offer(neighbour, "COMPANY", "Samen koffie");
        List<Long> ids = items(api().get("/api/offers/nearby?radius=1000", me)).stream()
                .map(m -> ((Number) m.get("id")).longValue()).toList();
        assertThat(ids).contains(theirs).doesNotContain(mine);

        Person homeless = api().resident("Zonder adres");
        api().fails(() -> api().get("/api/offers/nearby", homeless)).isProblem(400).names("lat", "NotNull");
    }

    @Test
    void listingsOfSomeoneSuspendedDisabledOrBlockedEitherWayAreNotShownToNeighbours() {
        double lat = baseLat + 0.05;
        Person browser = api().residentAt("Kijker", lat, baseLon);
        Person ordinary = api().residentAt("Gewone buur", lat + 0.001, baseLon);
        Person suspended = api().residentAt("Geschorst", lat + 0.002, baseLon);
        Person disabled = api().residentAt("Uitgezet", lat + 0.003, baseLon);
        Person blocker = api().residentAt("Blokkeert de kijker", lat + 0.004, baseLon);
        Person blocked = api().residentAt("Door de kijker geblokkeerd", lat + 0.005, baseLon);
        long kept = api().request(ordinary, "GARDEN", "Heg knippen");
        long bySuspended = api().request(suspended, "GARDEN", "Gras maaien");
        long offerBySuspended = api().offer(suspended, "GARDEN", "Ik maai gras");
        long byDisabled = api().request(disabled, "GARDEN", "Bladeren ruimen");
        long byBlocker = api().request(blocker, "GARDEN", "Onkruid wieden");
        long byBlocked = api().request(blocked, "GARDEN", "Tegels leggen");
        List<Long> all = List.of(kept, bySuspended, byDisabled, byBlocker, byBlocked);
        String url = nearbyUrl("requests", lat, baseLon, 2000, "&limit=100");
        String byCategory = nearbyUrl("requests", lat, baseLon, 2000, "&limit=100&category=GARDEN");
        assertThat(idSet(items(api().get(url, browser)))).containsAll(all);
        assertThat(idSet(items(api().get(nearbyUrl("offers", lat, baseLon, 2000, "&limit=100"), browser)))).contains(offerBySuspended);

        // A makelaar suspends one, a coordinator disables another's account; the blocker blocks the
        // browser on a match, and the browser blocks the last one on another.
        Person makelaar = api().staff("MAKELAAR");
        api().post("/api/participants/" + suspended.participantId() + "/suspend", makelaar, Map.of("reason", "Klacht"));
        api().post("/api/accounts/" + disabled.accountId() + "/disable", api().coordinator(), Map.of());
        long onBlocker = Number.class.cast(api().post("/api/matches", blocker, Map.of("requestId",
                api().request(blocker, "SHOPPING", "Boodschappen"), "helperId", browser.participantId())).get("id")).longValue();
        api().post("/api/matches/" + onBlocker + "/block", blocker, Map.of());
        long onBrowser = Number.class.cast(api().post("/api/matches", browser, Map.of("requestId",
                api().request(browser, "SHOPPING", "Mijn boodschappen"), "helperId", blocked.participantId())).get("id")).longValue();
        api().post("/api/matches/" + onBrowser + "/block", browser, Map.of());

        assertThat(idSet(items(api().get(url, browser)))).contains(kept)
                .doesNotContain(bySuspended, byDisabled, byBlocker, byBlocked);
        assertThat(idSet(items(api().get(byCategory, browser)))).contains(kept)
                .doesNotContain(bySuspended, byDisabled, byBlocker, byBlocked);
        assertThat(idSet(items(api().get(nearbyUrl("offers", lat, baseLon, 2000, "&limit=100"), browser))))
                .doesNotContain(offerBySuspended);
        // Blocking hides both ways: the blocked one no longer sees the browser's either.
        long byBrowser = api().request(browser, "GARDEN", "Nog een klus");
        assertThat(idSet(items(api().get(url, blocked)))).contains(kept).doesNotContain(byBrowser);
        assertThat(idSet(items(api().get(url, ordinary)))).contains(byBrowser);
        // Nor one by one: the same 404 as for one that does not exist.
        for (long id : List.of(bySuspended, byDisabled, byBlocker, byBlocked)) {
            api().fails(() -> api().get("/api/requests/" + id, browser)).isProblem(404);
        }
        assertThat(api().get("/api/requests/" + kept, browser)).containsEntry("title", "Heg knippen");
        // A third neighbour, part of neither block, still sees the blocker's and the blocked one's.
        Person other = api().residentAt("Andere buur", lat, baseLon + 0.001);
        assertThat(idSet(items(api().get(url, other)))).contains(kept, byBlocker, byBlocked)
                .doesNotContain(bySuspended, byDisabled);
        // Their owners and staff still see them in full.
        assertThat(api().get("/api/requests/" + bySuspended, suspended)).containsEntry("status", "OPEN");
        assertThat(api().get("/api/requests/" + bySuspended, makelaar)).containsEntry("status", "OPEN");

        // Reinstated and enabled again, they come back, with what they posted meanwhile.
        long meanwhile = api().request(suspended, "GARDEN", "Nog meer gras");
        assertThat(idSet(items(api().get(url, browser)))).doesNotContain(meanwhile);
        api().post("/api/participants/" + suspended.participantId() + "/reinstate", makelaar, Map.of());
        api().post("/api/accounts/" + disabled.accountId() + "/enable", api().coordinator(), Map.of());
        assertThat(idSet(items(api().get(url, browser)))).contains(kept, bySuspended, meanwhile, byDisabled)
                .doesNotContain(byBlocker, byBlocked);
        assertThat(api().get("/api/requests/" + bySuspended, browser)).containsEntry("title", "Gras maaien");
    }

    /**
     * A request posted at the moment a makelaar suspends its owner (played by a second connection
     * holding the owner's row, changed and not yet committed): the insert waits for the owner's row
     * and then hides the request; a first version (an unlocked read per row) read the owner as they were, the
     * suspension could not see the new row, and the request stayed on the map for good.
     */
    @Test
    void aRequestPostedAtTheMomentItsOwnerIsSuspendedIsHidden() throws Exception {
        double lat = baseLat + 0.02;
        Person browser = api().residentAt("Kijker", lat, baseLon);
        Person owner = api().residentAt("Bijna geschorst", lat + 0.001, baseLon);
        try (Connection other = nl.noaber.support.TestDatabase.connect()) {
            other.setAutoCommit(false);
            nl.noaber.support.TestDatabase.query(other,
                    "UPDATE participant SET status = 'SUSPENDED' WHERE id = ? RETURNING id", owner.participantId());
            var posted = java.util.concurrent.Executors.newSingleThreadExecutor()
                    .submit(() -> api().request(owner, "GARDEN", "Gras maaien"));
            nl.noaber.support.TestDatabase.awaitSomeoneBlockedBehind(other); // the insert, at the owner's row
            other.commit();
            long id = posted.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(idSet(items(api().get(nearbyUrl("requests", lat, baseLon, 2000, "&limit=100"), browser))))
                    .doesNotContain(id);
            api().fails(() -> api().get("/api/requests/" + id, browser)).isProblem(404);
        }
    }

    @Test
    void noExactPlaceOrContactDetailEverLeavesInABrowse() {
        Person gerda = api().resident("Gerda Verborgen");
        api().put("/api/me/profile", gerda, Map.of("displayName", "Gerda Verborgen", "travelRadiusMetres", 1000,
                "phone", "+31 6 1234 5678", "preferredLanguage", "nl"));
        // Her home lies well off the centre of its grid cell.
        double lat = baseLat + 0.00123, lon = baseLon + 0.00234;
        api().put("/api/me/home", gerda, Map.of("lat", lat, "lon", lon));
        long id = api().request(gerda, "LIFT_MEDICAL", "Lift naar het ziekenhuis");
        Point exact = Places.point(lat, lon);
        Point cell = grid.coarsen(exact);

        Person browser = api().resident("Nieuwsgierig");
        String raw = api().getRaw(nearbyUrl("requests", baseLat, baseLon, 3000, "&limit=100"), browser);
        assertThat(raw).contains("\"id\":" + id)
                .doesNotContain(Double.toString(lat)).doesNotContain(Double.toString(lon))
                .doesNotContain(String.format(java.util.Locale.ROOT, "%.6f", lat)).doesNotContain(String.format(java.util.Locale.ROOT, "%.6f", lon))
                .doesNotContain("Gerda").doesNotContain(gerda.email()).doesNotContain("1234 5678")
                .doesNotContain("\"place\"").doesNotContain("participant").doesNotContain("account");

        Map<String, Object> item = items(Fixtures.parse(raw)).stream()
                .filter(m -> ((Number) m.get("id")).longValue() == id).findFirst().orElseThrow();
        Map<?, ?> shown = (Map<?, ?>) item.get("publicPlace");
        // The place shown lies in her cell, near its centre, and much farther from her home than that.
        Point shownPlace = Places.point(((Number) shown.get("lat")).doubleValue(), ((Number) shown.get("lon")).doubleValue());
        assertThat(grid.coarsen(shownPlace).equalsExact(cell, 1e-9)).isTrue();
        assertThat(metres(Places.lat(shownPlace), Places.lon(shownPlace), Places.lat(cell), Places.lon(cell)))
                .isLessThan(PlaceGrid.DITHER_METRES * Math.sqrt(2) * 1.01);
        assertThat(item.get("placePrecisionMetres")).isEqualTo(400);
    }

    @Test
    void distancesComeFromThePublicPlaceSoTrilaterationFindsOnlyTheCell() {
        Person hidden = api().resident("Verstopt");
        // About 145 m north and 135 m east of a cell centre: inside the cell, far from its centre.
        Point centre = grid.coarsen(Places.point(baseLat, baseLon));
        double lat = Places.lat(centre) + 0.0013, lon = Places.lon(centre) + 0.002;
        api().put("/api/me/home", hidden, Map.of("lat", lat, "lon", lon));
        long id = api().request(hidden, "COMPANY", "Gezelschap");
        Point cell = grid.coarsen(Places.point(lat, lon));
        double cellLat = Places.lat(cell), cellLon = Places.lon(cell);
        assertThat(metres(lat, lon, cellLat, cellLon)).as("the test needs a home away from its cell centre").isGreaterThan(60);

        Person spy = api().resident("Spion");
        int informative = 0;
        // Query from many points around: every distance shown fits the cell centre, none the home.
        for (int i = 0; i < 16; i++) {
            double angle = 2 * Math.PI * i / 16;
            double qLat = lat + 0.006 * Math.sin(angle), qLon = lon + 0.009 * Math.cos(angle);
            Map<String, Object> item = items(api().get(nearbyUrl("requests", qLat, qLon, 5000, "&limit=100"), spy)).stream()
                    .filter(m -> ((Number) m.get("id")).longValue() == id).findFirst().orElseThrow();
            int shown = ((Number) item.get("distanceMetres")).intValue();
            Map<?, ?> publicPlace = (Map<?, ?>) item.get("publicPlace");
            double pLat = ((Number) publicPlace.get("lat")).doubleValue(), pLon = ((Number) publicPlace.get("lon")).doubleValue();
            assertThat(grid.coarsen(Places.point(pLat, pLon)).equalsExact(cell, 1e-9)).as("the public place is in the cell").isTrue();
            double fromPublic = metres(qLat, qLon, pLat, pLon);
            double fromHome = metres(qLat, qLon, lat, lon);
            // Rounded to 100 m from the public place shown.
            assertThat((double) shown).isCloseTo(fromPublic, org.assertj.core.data.Offset.offset(51.0));
            if (Math.abs(shown - fromHome) > 51) {
                informative++;
            }
        }
        // Had distances come from the home, some of them would have shown it.
        assertThat(informative).isPositive();
    }

    @Test
    void badParametersAreRefusedByName() {
        Person p = api().resident("Foutje");
        api().fails(() -> api().get("/api/requests/nearby?lat=91&lon=4.6", p)).isProblem(400).names("lat", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=-90.5&lon=4.6", p)).isProblem(400).names("lat", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=181", p)).isProblem(400).names("lon", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=-180.1", p)).isProblem(400).names("lon", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=52", p)).isProblem(400).names("lon", "NotNull");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=4.6&radius=0", p)).isProblem(400).names("radius", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=4.6&radius=-5", p)).isProblem(400).names("radius", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=4.6&radius=50001", p)).isProblem(400).names("radius", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=4.6&limit=0", p)).isProblem(400).names("limit", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=4.6&limit=101", p)).isProblem(400).names("limit", "Range");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=4.6&cursor=bm9wZQ", p)).isProblem(400).names("cursor", "Cursor");
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=4.6&category=NOPE", p)).isProblem(400)
                .names("category", "KnownCategory");
        api().fails(() -> api().get("/api/requests/nearby?lat=abc&lon=4.6", p)).isProblem(400);
        api().fails(() -> api().get("/api/requests/nearby?lat=52&lon=4.6", null)).isProblem(401);
        // At the limit is fine.
        assertThat(api().get("/api/requests/nearby?lat=52&lon=4.6&radius=50000&limit=100", p)).containsKey("items");
    }

    @Test
    void theDatabaseAndJavaPutAPlaceAtTheSameWebMercatorPointInItsCategorysLane() throws Exception {
        Person p = api().residentAt("Mercator", baseLat, baseLon);
        long id = api().request(p, "GARDEN", "Heg snoeien");
        try (Connection c = nl.noaber.support.TestDatabase.connect();
             var ps = c.prepareStatement("""
                     SELECT ST_Y(CAST(l.public_place AS geometry)), ST_X(CAST(l.public_place AS geometry)),
                            l.browse_point[0], l.browse_point[1], l.browse_lane_point[0], l.browse_lane_point[1], c.lane
                       FROM listing l JOIN category c ON c.code = l.category_code WHERE l.id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Point place = Places.point(rs.getDouble(1), rs.getDouble(2));
                assertThat(rs.getDouble(3)).isCloseTo(Places.mercatorX(place), org.assertj.core.api.Assertions.within(1e-6));
                assertThat(rs.getDouble(4)).isCloseTo(Places.mercatorY(place), org.assertj.core.api.Assertions.within(1e-6));
                assertThat(rs.getDouble(5)).isCloseTo(Places.mercatorX(place) + rs.getInt(7) * 1.0e8,
                        org.assertj.core.api.Assertions.within(1e-5));
                assertThat(rs.getDouble(6)).isEqualTo(rs.getDouble(4));
            }
            // Moving the listing to another category moves it to that category's lane.
            try (var move = c.prepareStatement("""
                    UPDATE listing SET category_code = 'SHOPPING' WHERE id = ?
                    RETURNING browse_lane_point[0] - browse_point[0], (SELECT lane FROM category WHERE code = 'SHOPPING')""")) {
                move.setLong(1, id);
                try (ResultSet rs = move.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getDouble(1)).isCloseTo(rs.getInt(2) * 1.0e8, org.assertj.core.api.Assertions.within(1e-3));
                }
            }
        }
    }

    @Test
    void theQueryUsesTheKnnIndexScan() throws Exception {
        try (Connection c = nl.noaber.support.TestDatabase.connect()) {
            c.setAutoCommit(false);
            try {
                long participant;
                try (var st = c.createStatement(); var rs = st.executeQuery(
                        "INSERT INTO participant (display_name) VALUES ('Planner') RETURNING id")) {
                    rs.next();
                    participant = rs.getLong(1);
                }
                // A dense city, as Haarlem will be: many open listings within the radius, so that the
                // planner must choose between sorting them all and walking the index nearest first.
                // Inside a transaction that is rolled back.
                try (var st = c.createStatement()) {
                    st.execute("""
                            INSERT INTO listing (kind, participant_id, category_code, title, place, public_place, schedule_type, recurrence_frequency, recurrence_days, status)
                            SELECT CASE WHEN g % 2 = 0 THEN 'REQUEST' ELSE 'OFFER' END, PARTICIPANT,
                                   (ARRAY['SHOPPING','GARDEN','COMPANY','LIFT'])[1 + g % 4], 'x',
                                   p, p, 'RECURRING', 'WEEKLY', '{MON}', CASE WHEN g % 5 = 0 THEN 'CLOSED' ELSE 'OPEN' END
                              FROM generate_series(1, 30000) g,
                                   LATERAL (SELECT CAST(ST_SetSRID(ST_MakePoint(4.55 + random() * 0.2 + g * 0, 52.30 + random() * 0.15), 4326) AS geography) AS p) pt
                            """.replace("PARTICIPANT", Long.toString(participant)));
                    st.execute("ANALYZE listing");
                }
                for (boolean category : new boolean[] {false, true}) {
                    String plan = explain(c, nearby.sqlFor(Kind.REQUEST, category, true, false), category);
                    // Unfiltered, the SP-GiST index of open requests walks browse_point nearest first;
                    // filtered, the lane index walks the category's lane (V3).
                    assertThat(plan).as(plan)
                            .contains(category ? "Index Scan using listing_open_request_lane_idx"
                                    : "Index Scan using listing_open_request_browse_idx")
                            .contains(category ? "Order By: (browse_lane_point <-> " : "Order By: (browse_point <-> ")
                            .doesNotContain("Seq Scan on listing").doesNotContain("Sort Key: (l.browse");
                }
            } finally {
                c.rollback();
            }
        }
    }

    private String explain(Connection c, String sql, boolean category) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            var place = Places.point(52.38, 4.64);
            double x = Places.mercatorX(place) + (category ? 5 * 1.0e8 : 0);
            double y = Places.mercatorY(place);
            int i = 1;
            ps.setDouble(i++, x);
            ps.setDouble(i++, y);
            if (category) {
                ps.setString(i++, "SHOPPING");
            }
            ps.setLong(i++, -1);
            ps.setLong(i++, -1);
            ps.setLong(i++, -1);
            ps.setDouble(i++, x);
            ps.setDouble(i++, y);
            ps.setInt(i, 21);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    static Set<Long> idSet(List<Map<String, Object>> items) {
        Set<Long> out = new HashSet<>();
        items.forEach(m -> out.add(((Number) m.get("id")).longValue()));
        return out;
    }
}
