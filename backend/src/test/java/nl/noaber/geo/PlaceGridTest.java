package nl.noaber.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Point;

class PlaceGridTest {
    /** Mean earth radius (IUGG), for great-circle distances independent of the grid's own arithmetic. */
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;
    private static final int GRID_METRES = 400;

    private final PlaceGrid grid = new PlaceGrid(new PrivacyProperties(GRID_METRES, 100, java.time.Duration.ofDays(30)));
    // Fixed seed: a failure names a place that can be looked at again.
    private final Random random = new Random(20_260_101L);

    @Test
    void aPlaceMapsToACentreWithinHalfACellDiagonal() {
        double halfDiagonal = GRID_METRES * Math.sqrt(2) / 2;
        for (int i = 0; i < 20_000; i++) {
            // Anywhere but the poles and the antimeridian, half of the places in and around Haarlem.
            Point exact = i % 2 == 0
                    ? Places.point(-80 + random.nextDouble() * 160, -179 + random.nextDouble() * 358)
                    : Places.point(52.30 + random.nextDouble() * 0.15, 4.55 + random.nextDouble() * 0.2);
            assertThat(metres(exact, grid.coarsen(exact))).as("%s", exact).isLessThanOrEqualTo(halfDiagonal * 1.001);
        }
    }

    @Test
    void theSamePlaceAlwaysGivesTheSameCentre() {
        Point exact = Places.point(52.38312, 4.63671);
        Point centre = grid.coarsen(exact);
        for (int i = 0; i < 100; i++) {
            assertSamePlace(grid.coarsen(Places.point(52.38312, 4.63671)), centre);
        }
        // A centre is its own centre, so coarsening twice changes nothing.
        assertSamePlace(grid.coarsen(centre), centre);
        assertSamePlace(new PlaceGrid(new PrivacyProperties(GRID_METRES, 100, java.time.Duration.ofDays(30))).coarsen(exact), centre);
    }

    @ParameterizedTest
    @CsvSource({"0.0, 4.6", "52.3831, 4.6367", "-33.87, 151.21", "70.0, 19.0"})
    void placesInOneCellShareACentre(double lat, double lon) {
        Point centre = grid.coarsen(Places.point(lat, lon));
        // 40% of a cell from the centre in every direction is still the same cell.
        double dLat = 0.4 * GRID_METRES / metresPerDegreeLat();
        double dLon = 0.4 * GRID_METRES / metresPerDegreeLon(Places.lat(centre));
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                Point neighbour = Places.point(Places.lat(centre) + dy * dLat, Places.lon(centre) + dx * dLon);
                assertSamePlace(grid.coarsen(neighbour), centre);
            }
        }
    }

    @ParameterizedTest(name = "{2} m cells at latitude {0}")
    @CsvSource({"0.0, 4.6, 400", "52.3831, 4.6367, 400", "70.0, 19.0, 400", "52.3831, 4.6367, 250", "70.0, 19.0, 1000"})
    void cellsAreAboutGridMetresWideAndHighAtAnyLatitude(double lat, double lon, int gridMetres) {
        PlaceGrid grid = new PlaceGrid(new PrivacyProperties(gridMetres, 100, java.time.Duration.ofDays(30)));
        Point centre = grid.coarsen(Places.point(lat, lon));
        double centreLat = Places.lat(centre);
        // One cell east of a centre is the next centre of the row, one cell north the next row.
        Point east = grid.coarsen(Places.point(centreLat, Places.lon(centre) + gridMetres / metresPerDegreeLon(centreLat)));
        Point north = grid.coarsen(Places.point(centreLat + gridMetres / metresPerDegreeLat(), Places.lon(centre)));

        assertThat(Places.lat(east)).isEqualTo(centreLat);
        assertThat(metres(centre, east)).as("width").isCloseTo(gridMetres, within(gridMetres * 0.01));
        assertThat(metres(centre, Places.point(Places.lat(north), Places.lon(centre))))
                .as("height").isCloseTo(gridMetres, within(gridMetres * 0.01));
    }

    @Test
    void thePublicPlaceStaysNearTheCentreAndInItsCell() {
        double maxOffset = PlaceGrid.DITHER_METRES * Math.sqrt(2) * 1.01;
        for (int i = 0; i < 5_000; i++) {
            Point exact = Places.point(-70 + random.nextDouble() * 140, -179 + random.nextDouble() * 358);
            Point publicPlace = grid.publicPlace(exact);
            assertThat(metres(publicPlace, grid.coarsen(exact))).as("%s", exact).isLessThan(maxOffset);
            assertSamePlace(grid.coarsen(publicPlace), grid.coarsen(exact));
        }
    }

    @Test
    void twoListingsInOneCellGetDistinctPublicPlaces() {
        Point exact = Places.point(52.3831, 4.6367);
        assertThat(grid.publicPlace(exact).getCoordinate()).isNotEqualTo(grid.publicPlace(exact).getCoordinate());
    }

    @ParameterizedTest
    @CsvSource({"0, 100", "1, 100", "49.9, 100", "149.9, 100", "150, 200", "1249, 1200", "1250, 1300", "49999, 50000"})
    void distancesAreRoundedToTheStepAndNeverLessThanOneStep(double metres, int shown) {
        assertThat(grid.roundDistance(metres)).isEqualTo(shown);
    }

    @Test
    void theDistanceStepIsConfigurable() {
        PlaceGrid fine = new PlaceGrid(new PrivacyProperties(GRID_METRES, 25, java.time.Duration.ofDays(30)));
        assertThat(fine.roundDistance(0)).isEqualTo(25);
        assertThat(fine.roundDistance(112)).isEqualTo(100);
        assertThat(fine.roundDistance(113)).isEqualTo(125);
    }

    private static void assertSamePlace(Point actual, Point expected) {
        assertThat(actual.getCoordinate()).as("%s is %s", actual, expected).isEqualTo(expected.getCoordinate());
    }

    private static double metresPerDegreeLat() {
        return Math.toRadians(1) * EARTH_RADIUS_METRES;
    }

    private static double metresPerDegreeLon(double lat) {
        return metresPerDegreeLat() * Math.cos(Math.toRadians(lat));
    }

    /** Great-circle distance (haversine). */
    private static double metres(Point a, Point b) {
        double lat1 = Math.toRadians(Places.lat(a));
        double lat2 = Math.toRadians(Places.lat(b));
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(Places.lon(b) - Places.lon(a));
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    @org.junit.jupiter.api.Test
    void theGridWrapsAtTheAntimeridian() {
        PlaceGrid grid = new PlaceGrid(new PrivacyProperties(400, 100, java.time.Duration.ofDays(30)));
        for (double lon : new double[] {-180.0, -179.9999, 179.9999, 180.0}) {
            org.locationtech.jts.geom.Point centre = grid.coarsen(Places.point(10.0, lon));
            assertThat(Places.lon(centre)).isBetween(-180.0, 180.0);
            // A centre is a fixed point: coarsening it again gives itself.
            assertThat(grid.coarsen(centre).equalsExact(centre, 1e-9)).isTrue();
        }
        assertThat(grid.coarsen(Places.point(10.0, -180.0)).equalsExact(grid.coarsen(Places.point(10.0, 180.0)), 1e-9)).isTrue();
    }
}
