package nl.noaber.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Types;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import nl.noaber.account.Account;
import nl.noaber.account.AccountRepository;
import nl.noaber.account.AuthService;
import nl.noaber.account.PasswordHasher;
import nl.noaber.account.Role;
import nl.noaber.db.Db;
import nl.noaber.demo.DemoTexts.Names;
import nl.noaber.demo.DemoTexts.Origin;
import nl.noaber.demo.DemoTexts.Template;
import nl.noaber.geo.PlaceGrid;
import nl.noaber.geo.Places;
import nl.noaber.place.ReferenceDataLoader;
import nl.noaber.listing.Kind;
import nl.noaber.listing.ListingRepository;
import nl.noaber.listing.Schedule;
import nl.noaber.listing.Status;
import nl.noaber.neighbourhood.NeighbourhoodRepository;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty database with a demo city, so that Noaber can be shown as it would look in use:
 * Haarlem as seed 000 describes BUUV there. About 300 residents with an account and 200 "offline"
 * participants (40%, the share without computer or email) who exist only through the sociaal
 * makelaar; 60% of them live in the pilot neighbourhoods (Slachthuisbuurt, Parkwijk, Centrum =
 * Oude Stad, and Boerhaavewijk next), the rest across the city. They post requests and offers in
 * every category, mostly open; Mr de Haas and Mrs de Lange from seed 001 are among them.
 *
 * <p>Only with {@code noaber.demo.enabled=true}; once per database (the demo makelaar marks it);
 * deterministic, so that every demo shows the same city. Runs after the reference data is loaded.
 */
@Singleton
@Requires(property = "noaber.demo.enabled", value = "true")
public class DemoDataLoader implements ApplicationEventListener<StartupEvent>, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final long LOCK_KEY = 0x6e6f616265720003L;
    private static final long SEED = 2012;

    static final String PASSWORD = "Buurtkracht-2026";
    static final String MAKELAAR_EMAIL = "demo.makelaar@noaber.nl";
    static final String MAKELAAR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final String RESIDENT_EMAIL = "demo.bewoner@noaber.nl";
    static final String EMAIL_DOMAIN = "demo.noaber.nl";

    static final int RESIDENTS = 300;
    static final int OFFLINE = 200;
    static final int REQUESTS = 250;
    static final int OFFERS = 200;

    static final List<String> PILOT_NEIGHBOURHOODS = List.of("Slachthuiswijk", "Parkwijk", "Oude Stad", "Boerhaavewijk");
    private static final double PILOT_SHARE = 0.6;
    /** Haarlem's own four-digit postcodes (2000-2003 are post-office boxes). */
    private static final String HAARLEM_PC4 = "pc4 BETWEEN '2011' AND '2037'";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final Db db;
    private final AccountRepository accounts;
    private final AuthService auth;
    private final PasswordHasher hasher;
    private final ListingRepository listings;
    private final NeighbourhoodRepository neighbourhoods;
    private final PlaceGrid grid;
    private final Clock clock;
    private final ReferenceDataLoader reference;

    public DemoDataLoader(Db db, AccountRepository accounts, AuthService auth, PasswordHasher hasher,
                          ListingRepository listings, NeighbourhoodRepository neighbourhoods, PlaceGrid grid,
                          Clock clock, @Nullable ReferenceDataLoader reference) {
        this.db = db;
        this.accounts = accounts;
        this.auth = auth;
        this.hasher = hasher;
        this.listings = listings;
        this.neighbourhoods = neighbourhoods;
        this.grid = grid;
        this.clock = clock;
        this.reference = reference;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (reference != null) {
            reference.load(); // idempotent; the demo needs postcode areas and neighbourhoods
        }
        load();
    }

    @Transactional
    public void load() {
        db.advisoryLock(LOCK_KEY);
        if (accounts.existsByEmailNormalized(Account.normalise(MAKELAAR_EMAIL))) {
            return;
        }
        long started = System.nanoTime();
        List<Area> areas = db.list("""
                SELECT n.id, n.name FROM neighbourhood n JOIN municipality m ON m.id = n.municipality_id
                 WHERE m.code = 'GM0392' ORDER BY n.code
                """, ps -> {}, rs -> new Area(rs.getLong(1), rs.getString(2)));
        List<Pc4> postcodes = db.list("SELECT pc4, centroid FROM postcode_area WHERE " + HAARLEM_PC4 + " ORDER BY pc4",
                ps -> {}, rs -> new Pc4(rs.getString(1), Places.fromDatabase(rs.getObject(2))));
        if (areas.isEmpty() && postcodes.isEmpty()) {
            LOG.warn("No Haarlem neighbourhoods or postcode areas in the database; the demo city is not created");
            return;
        }

        Random rnd = new Random(SEED);
        LocalDate today = LocalDate.now(clock.withZone(AMSTERDAM));

        Long coordinator = db.one("SELECT id FROM account WHERE role = 'COORDINATOR' ORDER BY id LIMIT 1",
                ps -> {}, rs -> rs.getLong(1)).orElse(null);
        var makelaar = auth.createAccount(MAKELAAR_EMAIL, PASSWORD, Role.MAKELAAR, coordinator);
        accounts.startTotpEnrolment(makelaar.id(), MAKELAAR_TOTP_SECRET);

        // 1. Draw the people, then give each a home.
        Set<String> emails = new HashSet<>();
        var els = new DemoResident("Els de Haas", Origin.DUTCH, RESIDENT_EMAIL, List.of("nl", "en"), "nl",
                List.of("COOKING", "COMPANY", "DOG_WALKING"), List.of("TUE_EVENING", "THU_EVENING", "SAT_MORNING"),
                2000, null, List.of("EMAIL"), 400, true);
        var deHaas = new DemoResident("Henk de Haas", Origin.DUTCH, "henk.dehaas@" + EMAIL_DOMAIN, List.of("nl", "en"),
                "nl", List.of("COMPUTER_HELP", "PAPERWORK"),
                List.of("MON_AFTERNOON", "TUE_AFTERNOON", "THU_AFTERNOON"), 1000, "023 531 27 84",
                List.of("EMAIL", "PHONE"), 600, true);
        var deLange = new DemoResident("Marieke de Lange", Origin.DUTCH, "marieke.delange@" + EMAIL_DOMAIN,
                List.of("nl", "en", "de"), "nl", List.of("ODD_JOBS", "SHOPPING", "LAUNDRY", "COMPANY"),
                List.of("MON_EVENING", "WED_AFTERNOON", "SAT_MORNING", "SAT_AFTERNOON", "SUN_AFTERNOON"), 1500,
                "06 2817 4093", List.of("EMAIL", "SMS"), 45, true);
        List<DemoResident> people = new ArrayList<>(List.of(els, deHaas, deLange));
        people.forEach(p -> emails.add(p.email));
        for (int i = people.size(); i < RESIDENTS; i++) {
            people.add(draw(rnd, true, emails));
        }
        for (int i = 0; i < OFFLINE; i++) {
            people.add(draw(rnd, false, emails));
        }
        els.targetNeighbourhood = areaNamed(areas, "Parkwijk");
        deHaas.targetNeighbourhood = areaNamed(areas, "Oude Stad");
        placeHomes(rnd, people, areas, postcodes, deLange);
        // Mrs de Lange lives a few houses from Mr de Haas.
        deLange.home = offset(deHaas.home, 28, 35);
        for (DemoResident p : people) {
            locate(rnd, p, postcodes);
        }
        if ("ADDRESS".equals(deHaas.homePrecision) && deLange.homePostcode != null
                && deLange.homePostcode.startsWith(deHaas.homePostcode.substring(0, 4))) {
            deLange.homePostcode = deHaas.homePostcode;
            deLange.homeHouseNumber = Integer.toString(Integer.parseInt(deHaas.homeHouseNumber.split("-")[0]) + 6);
        }

        // 2. Accounts (one password hash for all: Argon2 takes ~50 ms each) and participants.
        storeAccounts(people);
        for (DemoResident p : people) {
            p.id = insertParticipant(p);
        }
        // The demo makelaar looks after every offline participant: their news goes on her work queue.
        List<Long> offlineIds = people.stream().filter(p -> !p.online()).map(p -> p.id).toList();
        db.update("UPDATE participant SET makelaar_id = ? WHERE id = ANY (?)", ps -> {
            ps.setLong(1, makelaar.id());
            ps.setArray(2, ps.getConnection().createArrayOf("bigint", offlineIds.toArray()));
        });

        int organisations = storeOrganisations(postcodes);

        // 3. Requests and offers.
        List<Planned> planned = new ArrayList<>();
        planned.add(new Planned(deHaas, DemoTexts.DE_HAAS_ERRANDS, Status.OPEN,
                new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.WEEKLY,
                        List.of(Schedule.Day.MON, Schedule.Day.TUE, Schedule.Day.WED, Schedule.Day.THU,
                                Schedule.Day.FRI, Schedule.Day.SAT),
                        List.of(Schedule.PartOfDay.MORNING, Schedule.PartOfDay.AFTERNOON), today, null)));
        planned.add(new Planned(deHaas, DemoTexts.DE_HAAS_LAUNDRY, Status.OPEN, null));
        planned.add(new Planned(deHaas, DemoTexts.DE_HAAS_COMPUTER, Status.OPEN, null));
        planned.add(new Planned(deLange, DemoTexts.DE_LANGE_JOBS, Status.OPEN, null));
        planned.add(new Planned(els, DemoTexts.ELS_GARDEN, Status.OPEN, null));
        planned.add(new Planned(els, DemoTexts.ELS_COOKING, Status.OPEN, null));
        deHaas.requests = 2;
        deHaas.offers = 1;
        deLange.offers = 1;
        els.requests = 1;
        els.offers = 1;
        planRequests(rnd, people, planned);
        planOffers(rnd, people, planned);
        int[] counts = storeListings(rnd, today, planned);

        LOG.info("Demo city created: {} residents with an account, {} offline participants, {} organisations, {} requests, "
                        + "{} offers (makelaar {}, resident {}) in {} ms", people.stream().filter(DemoResident::online).count(),
                people.stream().filter(p -> !p.online()).count(), organisations, counts[0], counts[1], MAKELAAR_EMAIL,
                RESIDENT_EMAIL, (System.nanoTime() - started) / 1_000_000);
    }

    // --- People

    private record Area(long id, String name) {}

    private record Pc4(String pc4, Point centroid) {}

    private DemoResident draw(Random rnd, boolean online, Set<String> emails) {
        Names names = weighted(rnd, DemoTexts.NAMES, n -> (double) n.weight());
        boolean female = rnd.nextBoolean();
        String first = pick(rnd, female ? names.women() : names.men());
        String last = pick(rnd, names.surnames());
        if (names.origin() == Origin.POLISH && female) {
            last = last.replaceAll("ski$", "ska").replaceAll("cki$", "cka");
        }
        String email = null;
        if (online) {
            String local = slug(first) + "." + slug(last);
            email = local + "@" + EMAIL_DOMAIN;
            for (int n = 2; emails.contains(email); n++) {
                email = local + n + "@" + EMAIL_DOMAIN;
            }
            emails.add(email);
        }

        List<String> languages = languages(rnd, names.origin(), online);
        String preferred = names.origin() == Origin.EXPAT || !languages.contains("nl") && languages.contains("en")
                ? "en" : "nl";

        int skillCount = online
                ? weightedIndex(rnd, new double[] {15, 30, 30, 15, 10})
                : weightedIndex(rnd, new double[] {45, 40, 15});
        List<String> skills = new ArrayList<>();
        for (int attempt = 0; skills.size() < skillCount && attempt < 40; attempt++) {
            String code = weighted(rnd, sorted(DemoTexts.SKILL_WEIGHTS), Map.Entry::getValue).getKey();
            boolean fits = !skills.contains(code)
                    && (online || !code.equals("COMPUTER_HELP"))
                    && (!code.startsWith("LANGUAGE_") || languages.contains("nl") || languages.contains("en"));
            if (fits) {
                skills.add(code);
            }
        }

        int slots = 2 + rnd.nextInt(5);
        var availability = new TreeMap<Integer, String>();
        for (int i = 0; i < slots; i++) {
            int day = rnd.nextInt(7);
            int part = online ? rnd.nextInt(3) : weightedIndex(rnd, new double[] {50, 40, 10});
            availability.put(day * 3 + part, Schedule.Day.values()[day] + "_" + Schedule.PartOfDay.values()[part]);
        }

        int radius = online ? 500 + 250 * rnd.nextInt(19) : 500 + 250 * rnd.nextInt(5);
        String phone = null;
        List<String> channels;
        if (online) {
            if (rnd.nextDouble() < 0.3) {
                phone = mobile(rnd);
                channels = rnd.nextBoolean() ? List.of("EMAIL", "PHONE") : List.of("EMAIL", "SMS");
            } else {
                channels = List.of("EMAIL");
            }
        } else if (rnd.nextDouble() < 0.85) {
            phone = rnd.nextDouble() < 0.6 ? landline(rnd) : mobile(rnd);
            double c = rnd.nextDouble();
            channels = c < 0.5 ? List.of("PHONE") : c < 0.75 ? List.of("PHONE", "VIA_MAKELAAR") : List.of("VIA_MAKELAAR");
        } else {
            channels = rnd.nextBoolean() ? List.of("VIA_MAKELAAR") : List.of("POST", "VIA_MAKELAAR");
        }
        int joined = 20 + rnd.nextInt(680);
        boolean exact = online ? rnd.nextDouble() < 0.65 : rnd.nextDouble() < 0.9;
        return new DemoResident(first + " " + last, names.origin(), email, languages, preferred, List.copyOf(skills),
                List.copyOf(availability.values()), radius, phone, channels, joined, exact);
    }

    private static List<String> languages(Random rnd, Origin origin, boolean online) {
        List<String> out = new ArrayList<>();
        switch (origin) {
            case DUTCH -> {
                out.add("nl");
                addIf(rnd, out, 0.45, "en");
                addIf(rnd, out, 0.10, "de");
                addIf(rnd, out, 0.05, "fr");
            }
            case TURKISH -> {
                addIf(rnd, out, online ? 1.0 : 0.6, "nl");
                out.add("tr");
                addIf(rnd, out, 0.2, "en");
            }
            case MOROCCAN -> {
                addIf(rnd, out, online ? 1.0 : 0.6, "nl");
                out.add("ar");
                addIf(rnd, out, 0.35, "ber");
                addIf(rnd, out, 0.25, "fr");
            }
            case SURINAMESE -> {
                out.add("nl");
                addIf(rnd, out, 0.5, "srn");
                addIf(rnd, out, 0.2, "en");
            }
            case POLISH -> {
                out.add("pl");
                addIf(rnd, out, 0.55, "nl");
                addIf(rnd, out, 0.6, "en");
            }
            case EXPAT -> {
                out.add("en");
                addIf(rnd, out, 0.35, "nl");
            }
        }
        return List.copyOf(out);
    }

    private static void addIf(Random rnd, List<String> out, double chance, String language) {
        if (rnd.nextDouble() < chance) {
            out.add(language);
        }
    }

    private static String mobile(Random rnd) {
        return String.format("06 %04d %04d", 1000 + rnd.nextInt(9000), rnd.nextInt(10000));
    }

    private static String landline(Random rnd) {
        return String.format("023 5%02d %02d %02d", rnd.nextInt(100), rnd.nextInt(100), rnd.nextInt(100));
    }

    /** "Çelik" becomes "celik", "van der Meer" "vandermeer", "O'Brien" "obrien". */
    static String slug(String name) {
        String plain = Normalizer.normalize(name.replace("ı", "i").replace("ł", "l").replace("Ł", "L"),
                Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    // --- Places

    private static Long areaNamed(List<Area> areas, String name) {
        return areas.stream().filter(a -> a.name().equals(name)).map(Area::id).findFirst().orElse(null);
    }

    /**
     * Picks each home inside a neighbourhood drawn by weight (60% in the pilot areas), uniformly over
     * its polygon; without neighbourhoods, near a Haarlem postcode centre.
     */
    private void placeHomes(Random rnd, List<DemoResident> people, List<Area> areas, List<Pc4> postcodes,
                            DemoResident skip) {
        if (areas.isEmpty()) {
            for (DemoResident p : people) {
                if (p != skip) {
                    p.home = offset(pick(rnd, postcodes).centroid(), 300 * Math.sqrt(rnd.nextDouble()),
                            360 * rnd.nextDouble());
                }
            }
            return;
        }
        long pilots = areas.stream().filter(a -> PILOT_NEIGHBOURHOODS.contains(a.name())).count();
        long others = areas.size() - pilots;
        double pilotWeight = pilots == 0 ? 0 : (others == 0 ? 1.0 : PILOT_SHARE) / pilots;
        double otherWeight = others == 0 ? 0 : (pilots == 0 ? 1.0 : 1 - PILOT_SHARE) / others;
        Map<Long, List<DemoResident>> byArea = new LinkedHashMap<>();
        for (DemoResident p : people) {
            if (p == skip) {
                continue;
            }
            if (p.targetNeighbourhood == null) {
                p.targetNeighbourhood = weighted(rnd, areas,
                        a -> PILOT_NEIGHBOURHOODS.contains(a.name()) ? pilotWeight : otherWeight).id();
            }
            byArea.computeIfAbsent(p.targetNeighbourhood, id -> new ArrayList<>()).add(p);
        }
        for (var entry : byArea.entrySet()) {
            List<DemoResident> residents = entry.getValue();
            int seed = 1 + rnd.nextInt(1_000_000);
            List<Point> points = db.list("""
                    SELECT CAST((ST_Dump(ST_GeneratePoints(area, ?, ?))).geom AS geography) FROM neighbourhood WHERE id = ?
                    """, ps -> {
                        ps.setInt(1, residents.size());
                        ps.setInt(2, seed);
                        ps.setLong(3, entry.getKey());
                    }, rs -> Places.fromDatabase(rs.getObject(1)));
            if (points.size() < residents.size()) {
                throw new IllegalStateException("Neighbourhood " + entry.getKey() + " has no area to put homes in");
            }
            for (int i = 0; i < residents.size(); i++) {
                residents.get(i).home = points.get(i);
            }
        }
    }

    /** The home's neighbourhood, postcode (area) and, for exact addresses, a house number. */
    private void locate(Random rnd, DemoResident p, List<Pc4> postcodes) {
        var found = neighbourhoods.containing(p.home);
        p.neighbourhoodId = found.map(n -> n.id()).orElse(p.targetNeighbourhood);
        p.neighbourhoodName = found.map(n -> n.name()).orElse(null);
        String pc4 = postcodes.stream()
                .min(Comparator.comparingDouble(c -> metres(c.centroid(), p.home)))
                .map(Pc4::pc4).orElse(null);
        if (pc4 == null) {
            p.homePrecision = "POINT";
        } else if (p.exactAddress) {
            p.homePrecision = "ADDRESS";
            p.homePostcode = pc4 + postcodeLetters(rnd);
            int number = 1 + rnd.nextInt(160);
            double addition = rnd.nextDouble();
            p.homeHouseNumber = addition < 0.1 ? number + "-A" : addition < 0.15 ? number + "-2" : Integer.toString(number);
        } else {
            p.homePrecision = "POSTCODE_AREA";
            p.homePostcode = pc4;
        }
    }

    private static String postcodeLetters(Random rnd) {
        String letters = "ABCDEGHJKLMNPRSTVWXZ";
        while (true) {
            String pair = "" + letters.charAt(rnd.nextInt(letters.length())) + letters.charAt(rnd.nextInt(letters.length()));
            if (!Set.of("SA", "SD", "SS").contains(pair)) {
                return pair;
            }
        }
    }

    /** A point a distance away in a compass direction (degrees); plenty exact at a city's scale. */
    private static Point offset(Point from, double metres, double bearingDegrees) {
        double bearing = Math.toRadians(bearingDegrees);
        return Places.offset(from, metres * Math.cos(bearing), metres * Math.sin(bearing));
    }

    private static double metres(Point a, Point b) {
        double dLat = (Places.lat(a) - Places.lat(b)) * Places.METRES_PER_DEGREE;
        double dLon = (Places.lon(a) - Places.lon(b)) * Places.METRES_PER_DEGREE * Math.cos(Math.toRadians(Places.lat(a)));
        return Math.hypot(dLat, dLon);
    }

    // --- Storing people

    private void storeAccounts(List<DemoResident> people) {
        String hash = hasher.hash(PASSWORD);
        List<DemoResident> online = people.stream().filter(DemoResident::online).toList();
        db.batch("""
                INSERT INTO account (email, email_normalized, password_hash, role, created_at)
                VALUES (?, ?, ?, 'RESIDENT', now() - make_interval(days => ?))
                """, online, (ps, p) -> {
                    ps.setString(1, p.email);
                    ps.setString(2, Account.normalise(p.email));
                    ps.setString(3, hash);
                    ps.setInt(4, p.joinedDaysAgo);
                });
        Map<String, Long> ids = new LinkedHashMap<>();
        db.list("SELECT email_normalized, id FROM account WHERE email_normalized = ANY (?)",
                ps -> ps.setArray(1, db.textArray(ps, online.stream().map(p -> Account.normalise(p.email)).toList())),
                rs -> ids.put(rs.getString(1), rs.getLong(2)));
        for (DemoResident p : online) {
            p.accountId = ids.get(Account.normalise(p.email));
        }
    }

    /**
     * Organisations help too (seed 000): a volunteer centre and two neighbourhood services, each at
     * the centre of its postcode area, with the kinds of help they give and room for many matches.
     */
    private int storeOrganisations(List<Pc4> postcodes) {
        record Org(String name, String pc4, List<String> skills, int capacity, int travelRadius, String phone) {}
        List<Org> orgs = List.of(
                new Org("Vrijwilligerscentrale Haarlem", "2011",
                        List.of("SHOPPING", "COMPANY", "LIFT_MEDICAL", "PAPERWORK", "BUDDY"), 25, 8000, "023 532 80 00"),
                new Org("Wijkservice Schalkwijk", "2035",
                        List.of("ODD_JOBS", "SMALL_REPAIRS", "GARDEN", "MOVING_THINGS"), 15, 5000, "023 543 10 10"),
                new Org("Buurtbus Haarlem-Noord", "2024", List.of("LIFT", "LIFT_MEDICAL", "SHOPPING_TOGETHER"), 20, 6000,
                        "023 525 25 25"));
        int stored = 0;
        for (Org org : orgs) {
            Point place = postcodes.stream().filter(p -> p.pc4().equals(org.pc4())).map(Pc4::centroid).findFirst().orElse(null);
            if (place == null) {
                continue;
            }
            db.update("""
                    INSERT INTO participant (kind, display_name, home_place, home_precision, home_postcode, neighbourhood_id,
                           skills, languages, travel_radius_m, phone, contact_channels, capacity)
                    VALUES ('ORGANISATION', ?, ?, 'POSTCODE_AREA', ?, ?, ?, ?, ?, ?, ?, ?)
                    """, ps -> {
                        ps.setString(1, org.name());
                        ps.setObject(2, Places.toGeography(place));
                        ps.setString(3, org.pc4());
                        ps.setObject(4, neighbourhoods.containing(place).map(n -> n.id()).orElse(null), Types.BIGINT);
                        ps.setArray(5, db.textArray(ps, org.skills()));
                        ps.setArray(6, db.textArray(ps, List.of("nl", "en")));
                        ps.setInt(7, org.travelRadius());
                        ps.setString(8, org.phone());
                        ps.setArray(9, db.textArray(ps, List.of("PHONE")));
                        ps.setInt(10, org.capacity());
                    });
            stored++;
        }
        return stored;
    }

    private long insertParticipant(DemoResident p) {
        return db.one("""
                INSERT INTO participant (account_id, display_name, home_place, home_precision, home_postcode,
                       home_house_number, neighbourhood_id, skills, languages, availability, travel_radius_m, phone,
                       contact_channels, preferred_language, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() - make_interval(days => ?),
                        now() - make_interval(days => ?))
                RETURNING id
                """, ps -> {
                    ps.setObject(1, p.accountId, Types.BIGINT);
                    ps.setString(2, p.displayName);
                    ps.setObject(3, Places.toGeography(p.home));
                    ps.setString(4, p.homePrecision);
                    ps.setString(5, p.homePostcode);
                    ps.setString(6, p.homeHouseNumber);
                    ps.setObject(7, p.neighbourhoodId, Types.BIGINT);
                    ps.setArray(8, db.textArray(ps, p.skills));
                    ps.setArray(9, db.textArray(ps, p.languages));
                    ps.setArray(10, db.textArray(ps, p.availability));
                    ps.setInt(11, p.travelRadiusMetres);
                    ps.setString(12, p.phone);
                    ps.setArray(13, db.textArray(ps, p.contactChannels));
                    ps.setString(14, p.preferredLanguage);
                    ps.setInt(15, p.joinedDaysAgo);
                    ps.setInt(16, Math.max(0, p.joinedDaysAgo - 10));
                }, rs -> rs.getLong(1)).orElseThrow();
    }

    // --- Listings

    /** A listing to create; a null schedule is drawn from the template's hint. */
    private record Planned(DemoResident owner, Template template, Status status, Schedule schedule) {}

    /** Requesters: offline participants ask more often (the makelaar enters it for them); three at most each. */
    private static void planRequests(Random rnd, List<DemoResident> people, List<Planned> planned) {
        var weights = sorted(DemoTexts.REQUEST_WEIGHTS);
        int wanted = REQUESTS - count(planned, Kind.REQUEST);
        for (int attempt = 0; wanted > 0 && attempt < REQUESTS * 50; attempt++) {
            DemoResident owner = weighted(rnd, people, p -> p.requests >= 3 ? 0 : p.online() ? 1.0 : 2.0);
            if (owner.requests >= 3) {
                continue;
            }
            String category = owner.newcomer() && rnd.nextDouble() < 0.3
                    ? pick(rnd, List.of("LANGUAGE_PRACTICE", "LANGUAGE_LESSONS", "PAPERWORK"))
                    : weighted(rnd, weights, Map.Entry::getValue).getKey();
            Template template = template(rnd, Kind.REQUEST, category, owner);
            if (template != null) {
                planned.add(new Planned(owner, template, status(rnd), null));
                owner.requests++;
                wanted--;
            }
        }
    }

    /** Offerers: people with skills, offering one of them; two offers at most each. */
    private static void planOffers(Random rnd, List<DemoResident> people, List<Planned> planned) {
        int wanted = OFFERS - count(planned, Kind.OFFER);
        for (int attempt = 0; wanted > 0 && attempt < OFFERS * 50; attempt++) {
            DemoResident owner = weighted(rnd, people,
                    p -> p.skills.isEmpty() || p.offers >= 2 ? 0 : p.online() ? 1.5 : 0.7);
            if (owner.skills.isEmpty() || owner.offers >= 2) {
                continue;
            }
            Template template = template(rnd, Kind.OFFER, pick(rnd, owner.skills), owner);
            if (template != null) {
                planned.add(new Planned(owner, template, status(rnd), null));
                owner.offers++;
                wanted--;
            }
        }
    }

    private static int count(List<Planned> planned, Kind kind) {
        return (int) planned.stream().filter(p -> p.template().kind() == kind).count();
    }

    /** A text in the owner's language that fits them; null when the category has none. */
    private static Template template(Random rnd, Kind kind, String category, DemoResident owner) {
        List<Template> fitting = DemoTexts.TEMPLATES.stream()
                .filter(t -> t.kind() == kind && t.category().equals(category))
                .filter(t -> !t.newcomer() || owner.newcomer())
                // Offering Dutch lessons takes Dutch.
                .filter(t -> kind != Kind.OFFER || !t.category().startsWith("LANGUAGE_") || t.lang().equals("en")
                        || owner.speaksDutch())
                .toList();
        List<Template> own = fitting.stream().filter(t -> t.lang().equals(owner.preferredLanguage)).toList();
        if (!own.isEmpty() && (owner.preferredLanguage.equals("en") || rnd.nextDouble() < 0.97)) {
            return pick(rnd, own);
        }
        List<Template> dutch = fitting.stream().filter(t -> t.lang().equals("nl")).toList();
        return dutch.isEmpty() ? null : pick(rnd, dutch);
    }

    private static Status status(Random rnd) {
        double r = rnd.nextDouble();
        return r < 0.74 ? Status.OPEN : r < 0.86 ? Status.MATCHED : r < 0.95 ? Status.CLOSED : Status.WITHDRAWN;
    }

    private int[] storeListings(Random rnd, LocalDate today, List<Planned> planned) {
        record Stored(long id, int createdDaysAgo, int createdMinuteOfDayUtc, int updatedDaysLater) {}
        List<Stored> stored = new ArrayList<>();
        int requests = 0;
        int offers = 0;
        for (Planned plan : planned) {
            DemoResident owner = plan.owner();
            Template t = plan.template();
            boolean past = plan.status() == Status.CLOSED || plan.status() == Status.WITHDRAWN;
            // Posted in the daytime over the past weeks (finished ones longer ago), after the owner joined.
            int createdDays = Math.min(owner.joinedDaysAgo - 1, past
                    ? 45 + rnd.nextInt(46)
                    : 1 + (int) (60 * rnd.nextDouble() * rnd.nextDouble()));
            Schedule schedule = plan.schedule() != null ? plan.schedule()
                    : schedule(rnd, today, t, past ? createdDays : 0, owner);
            String description = t.description();
            if (!owner.online()) {
                description += " " + pick(rnd, DemoTexts.VIA_MAKELAAR);
            } else if (t.lang().equals("nl") && owner.neighbourhoodName != null && rnd.nextDouble() < 0.25) {
                description += " Ik woon in " + owner.neighbourhoodName + ".";
            }
            long id = listings.insert(t.kind(), owner.id, t.category(), t.title(), description, owner.home,
                    grid.publicPlace(owner.home), owner.neighbourhoodId, schedule, null);
            switch (plan.status()) {
                case OPEN -> { }
                case MATCHED -> listings.transition(id, List.of(Status.OPEN), Status.MATCHED);
                case CLOSED -> {
                    listings.transition(id, List.of(Status.OPEN), Status.MATCHED);
                    listings.transition(id, List.of(Status.MATCHED), Status.CLOSED);
                }
                case WITHDRAWN -> listings.transition(id, List.of(Status.OPEN), Status.WITHDRAWN);
            }
            int updatedDays = plan.status() == Status.OPEN ? createdDays
                    : Math.max(1, (int) (createdDays * (0.1 + 0.5 * rnd.nextDouble())));
            stored.add(new Stored(id, createdDays, 7 * 60 + rnd.nextInt(13 * 60), createdDays - updatedDays));
            if (t.kind() == Kind.REQUEST) {
                requests++;
            } else {
                offers++;
            }
        }
        // Listings were posted over the past weeks, not all this second.
        db.batch("""
                UPDATE listing SET created_at = t.created, updated_at = t.created + make_interval(days => ?)
                  FROM (SELECT date_trunc('day', now() - make_interval(days => ?)) + make_interval(mins => ?) AS created) t
                 WHERE id = ?
                """, stored, (ps, s) -> {
                    ps.setInt(1, s.updatedDaysLater());
                    ps.setInt(2, s.createdDaysAgo());
                    ps.setInt(3, s.createdMinuteOfDayUtc());
                    ps.setLong(4, s.id());
                });
        return new int[] {requests, offers};
    }

    /**
     * One-off in the coming four weeks, or recurring from the next two weeks on. Finished listings
     * (postedDaysAgo &gt; 0) had theirs in the past weeks, after they were posted.
     */
    private static Schedule schedule(Random rnd, LocalDate today, Template t, int postedDaysAgo, DemoResident owner) {
        boolean past = postedDaysAgo > 0;
        String when = t.when();
        if (when == null) {
            double oneOffChance = t.kind() == Kind.REQUEST ? 0.5 : 0.2;
            if (rnd.nextDouble() < oneOffChance) {
                when = "ONCE";
            } else {
                String slot = owner.availability.isEmpty()
                        ? Schedule.Day.values()[rnd.nextInt(7)] + "_" + Schedule.PartOfDay.values()[rnd.nextInt(3)]
                        : pick(rnd, owner.availability);
                double f = rnd.nextDouble();
                when = (f < 0.7 ? "W" : f < 0.9 ? "F" : "M") + ":" + slot.replace('_', ':');
            }
        }
        if (when.equals("ONCE")) {
            LocalDate day = past ? today.minusDays(Math.min(3 + rnd.nextInt(38), postedDaysAgo - 1))
                    : today.plusDays(1 + rnd.nextInt(28));
            int hour = List.of(9, 10, 11, 13, 14, 15, 19).get(rnd.nextInt(7));
            OffsetDateTime start = day.atTime(LocalTime.of(hour, 0)).atZone(AMSTERDAM).toOffsetDateTime();
            return new Schedule(Schedule.Type.ONE_OFF, start, start.plusHours(1 + rnd.nextInt(3)),
                    null, null, null, null, null);
        }
        String[] parts = when.split(":");
        Schedule.Frequency frequency = switch (parts[0]) {
            case "F" -> Schedule.Frequency.FORTNIGHTLY;
            case "M" -> Schedule.Frequency.MONTHLY;
            default -> Schedule.Frequency.WEEKLY;
        };
        LocalDate startsOn = past ? today.minusDays(Math.min(20 + rnd.nextInt(41), postedDaysAgo - 1))
                : today.plusDays(rnd.nextInt(15));
        LocalDate endsOn = past ? startsOn.plusWeeks(2 + rnd.nextInt(5))
                : rnd.nextBoolean() ? null : startsOn.plusWeeks(8 + rnd.nextInt(19));
        return new Schedule(Schedule.Type.RECURRING, null, null, frequency,
                List.of(Schedule.Day.valueOf(parts[1])), List.of(Schedule.PartOfDay.valueOf(parts[2])),
                startsOn, endsOn);
    }

    // --- Drawing

    private static <T> T pick(Random rnd, List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    private static <T> T weighted(Random rnd, List<T> items, java.util.function.ToDoubleFunction<T> weight) {
        double total = 0;
        for (T item : items) {
            total += weight.applyAsDouble(item);
        }
        double r = rnd.nextDouble() * total;
        for (T item : items) {
            r -= weight.applyAsDouble(item);
            if (r < 0) {
                return item;
            }
        }
        return items.get(items.size() - 1);
    }

    private static int weightedIndex(Random rnd, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Map.of iterates in an order that changes per JVM; the draw must not. */
    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> weights) {
        return List.copyOf(new TreeMap<>(weights).entrySet());
    }
}
