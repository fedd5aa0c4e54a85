package nl.noaber.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Point;

class PlacesTest {
    @ParameterizedTest(name = "{2} m at bearing {3} from latitude {0}")
    @CsvSource({
            "52.3831, 4.6367, 420, 0", "52.3831, 4.6367, 420, 90", "52.3831, 4.6367, 3000, 225",
            "0.0, 4.6, 1500, 45", "-33.87, 151.21, 800, 300", "70.0, 19.0, 5000, 135", "52.3831, 4.6367, 0, 0"})
    void anOffsetLiesAtItsDistanceAndBearing(double lat, double lon, double metres, double bearingDegrees) {
        double bearing = Math.toRadians(bearingDegrees);
        double north = metres * Math.cos(bearing);
        double east = metres * Math.sin(bearing);
        Point from = Places.point(lat, lon);
        Point to = Places.offset(lat, lon, north, east);

        // At a city's scale the flat map is good to a few parts in a thousand of the great circle.
        assertThat(Places.sphereDistance(from, to)).isCloseTo(metres, within(0.005 * metres + 1e-6));
        assertThat(Places.lat(to) - lat).as("north is up").isCloseTo(north / Places.METRES_PER_DEGREE, within(1e-12));
        if (metres > 0) {
            double eastOfFrom = Places.sphereDistance(Places.point(lat, Places.lon(to)), from) * Math.signum(Places.lon(to) - lon);
            assertThat(eastOfFrom).as("east is east").isCloseTo(east, within(0.005 * metres));
        }
        assertThat(Places.offset(from, north, east)).isEqualTo(to);
    }
}
