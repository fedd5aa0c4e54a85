package nl.noaber.place;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;

/** Fills the geocoder's table of address points; an address imported again gets its new place. */
@Singleton
public class AddressPointImporter {
    private final Db db;

    public AddressPointImporter(Db db) {
        this.db = db;
    }

    /** Rows a batch holds in the driver at once; the transaction spans them all. */
    private static final int BATCH_SIZE = 10_000;

    /** All points or none: one transaction, batched statements. */
    @Transactional
    public int upsert(List<AddressPoint> points) {
        int count = 0;
        for (int from = 0; from < points.size(); from += BATCH_SIZE) {
            count += upsertBatch(points.subList(from, Math.min(from + BATCH_SIZE, points.size())));
        }
        return count;
    }

    private int upsertBatch(List<AddressPoint> points) {
        return db.batch("""
                INSERT INTO address_point (postcode, house_number, addition, place)
                VALUES (?, ?, ?, CAST(? AS geography))
                ON CONFLICT (postcode, house_number, addition) DO UPDATE SET place = EXCLUDED.place
                """, points, (ps, p) -> {
                    ps.setString(1, p.postcode().value());
                    ps.setInt(2, p.houseNumber());
                    ps.setString(3, p.addition());
                    ps.setObject(4, Places.toGeography(p.place().toPoint()));
                });
    }
}
