package nl.noaber.place;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.noaber.db.Db;
import nl.noaber.neighbourhood.NeighbourhoodImporter;
import nl.noaber.neighbourhood.NeighbourhoodRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the reference data the product needs on an empty database: the Dutch four-digit postcode
 * areas and the configured municipality's neighbourhoods. Several instances may start at once;
 * an advisory lock lets one of them do it.
 */
@Singleton
@Requires(property = "noaber.reference.enabled", notEquals = "false")
public class ReferenceDataLoader implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataLoader.class);
    private static final long LOCK_KEY = 0x6e6f616265720001L;

    private final Db db;
    private final ResourceResolver resources;
    private final NeighbourhoodRepository neighbourhoods;
    private final NeighbourhoodImporter importer;
    private final String postcodeAreas;
    private final String municipalityCode;
    private final String municipalityName;
    private final String neighbourhoodsResource;

    public ReferenceDataLoader(Db db, ResourceResolver resources, NeighbourhoodRepository neighbourhoods,
                               NeighbourhoodImporter importer,
                               @Value("${noaber.reference.postcode-areas:`classpath:data/nl-pc4-centroids.csv`}") String postcodeAreas,
                               @Value("${noaber.reference.municipality-code:GM0392}") String municipalityCode,
                               @Value("${noaber.reference.municipality-name:Haarlem}") String municipalityName,
                               @Value("${noaber.reference.neighbourhoods:`classpath:data/haarlem-wijken-2023.geojson`}") String neighbourhoodsResource) {
        this.db = db;
        this.resources = resources;
        this.neighbourhoods = neighbourhoods;
        this.importer = importer;
        this.postcodeAreas = postcodeAreas;
        this.municipalityCode = municipalityCode;
        this.municipalityName = municipalityName;
        this.neighbourhoodsResource = neighbourhoodsResource;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        load();
    }

    @Transactional
    public void load() {
        db.advisoryLock(LOCK_KEY);
        loadPostcodeAreas();
        if (!neighbourhoodsResource.isBlank()
                && neighbourhoods.municipality(municipalityCode).map(m -> m.neighbourhoods() == 0).orElse(true)) {
            try (InputStream in = open(neighbourhoodsResource)) {
                var result = importer.importGeoJson(municipalityCode, municipalityName,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                LOG.info("Imported {} neighbourhoods of {} from {}", result.imported(), municipalityName, neighbourhoodsResource);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + neighbourhoodsResource, e);
            }
        }
    }

    private record Area(String pc4, String place, double lat, double lon) {}

    private void loadPostcodeAreas() {
        boolean empty = db.one("SELECT NOT EXISTS (SELECT 1 FROM postcode_area)", ps -> {}, rs -> rs.getBoolean(1))
                .orElse(true);
        if (!empty || postcodeAreas.isBlank()) {
            return;
        }
        List<Area> areas = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(open(postcodeAreas), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("pc4,place,lat,lon")) {
                throw new IllegalStateException(postcodeAreas + ": expected the header pc4,place,lat,lon");
            }
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                // pc4,"Place name",lat,lon: the place name is quoted and may hold commas.
                int firstComma = line.indexOf(',');
                int lastComma = line.lastIndexOf(',');
                int latComma = line.lastIndexOf(',', lastComma - 1);
                String place = line.substring(firstComma + 1, latComma).replaceAll("^\"|\"$", "").replace("\"\"", "\"");
                areas.add(new Area(line.substring(0, firstComma), place,
                        Double.parseDouble(line.substring(latComma + 1, lastComma)),
                        Double.parseDouble(line.substring(lastComma + 1))));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot load postcode areas from " + postcodeAreas, e);
        }
        db.batch("""
                INSERT INTO postcode_area (pc4, place_name, centroid)
                VALUES (?, ?, CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography))
                ON CONFLICT DO NOTHING
                """, areas, (ps, a) -> {
                    ps.setString(1, a.pc4());
                    ps.setString(2, a.place());
                    ps.setDouble(3, a.lon());
                    ps.setDouble(4, a.lat());
                });
        LOG.info("Loaded {} postcode areas", areas.size());
    }

    private InputStream open(String location) throws IOException {
        return resources.getResourceAsStream(location)
                .orElseThrow(() -> new IOException("no resource at " + location));
    }
}
