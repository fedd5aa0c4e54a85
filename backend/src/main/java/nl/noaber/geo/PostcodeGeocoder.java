package nl.noaber.geo;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Optional;
import nl.noaber.db.Db;

/**
 * The finer table of address points when it holds the address, otherwise the centroid of the
 * four-digit postcode area (good to a few hundred metres: the right neighbourhood, not the door).
 */
@Singleton
public class PostcodeGeocoder implements Geocoder {
    private final Db db;

    public PostcodeGeocoder(Db db) {
        this.db = db;
    }

    @Override
    public Optional<GeocodedPlace> locate(Postcode postcode, @Nullable HouseNumber houseNumber) {
        Optional<String> placeName = db.one("SELECT place_name FROM postcode_area WHERE pc4 = ?",
                ps -> ps.setString(1, postcode.pc4()), rs -> rs.getString(1));
        if (postcode.hasLetters() && houseNumber != null) {
            Optional<GeocodedPlace> exact = db.one("""
                    SELECT place FROM address_point
                     WHERE postcode = ? AND house_number = ? AND addition IN (?, '')
                     ORDER BY addition DESC LIMIT 1
                    """, ps -> {
                        ps.setString(1, postcode.value());
                        ps.setInt(2, houseNumber.number());
                        ps.setString(3, houseNumber.addition());
                    }, rs -> new GeocodedPlace(Places.fromDatabase(rs.getObject(1)), GeocodedPlace.Precision.ADDRESS,
                            postcode.value(), placeName.orElse("")));
            if (exact.isPresent()) {
                return exact;
            }
        }
        return db.one("SELECT centroid, place_name FROM postcode_area WHERE pc4 = ?",
                ps -> ps.setString(1, postcode.pc4()),
                rs -> new GeocodedPlace(Places.fromDatabase(rs.getObject(1)), GeocodedPlace.Precision.POSTCODE_AREA,
                        postcode.value(), rs.getString(2)));
    }
}
