package nl.noaber.bench;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import nl.noaber.db.Db;
import nl.noaber.geo.PlaceGrid;
import nl.noaber.geo.Places;
import nl.noaber.listing.ListingRepository;
import nl.noaber.listing.Schedule;
import org.locationtech.jts.geom.Point;

/**
 * The synthetic city of the matching evaluation: participants living around Haarlem's real
 * four-digit postcode areas (2011–2037) in its real neighbourhoods, their skills, languages and
 * availability, a few organisations, open offers, and twelve weeks of requests. Drawn from one
 * seed, so the same seed gives the same city; {@link #store} writes it with plain SQL.
 *
 * <p>The mix follows the brief and the demo city (nl.noaber.demo): about 40% of participants have
 * no account (a makelaar acts for them), about a third help, people of Dutch, Moroccan, Turkish,
 * Surinamese, Polish, Somali and expat households with their languages, helpers free on 2–6
 * day-parts a week, within 1–5 km (offline helpers 1–3 km), for 1–3 running matches. Requests
 * follow the demo's category weights (more shopping, lifts to the doctor and computer help than
 * anything else); regular housekeeping is left out, because a makelaar refers it outward instead of
 * matching it.
 */
final class SyntheticHaarlem {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** The Monday the replay starts. */
    static final LocalDate FIRST_MONDAY = LocalDate.of(2025, 9, 1);

    /** What people ask for, relative (as the demo city: DemoTexts.REQUEST_WEIGHTS, without housekeeping). */
    static final Map<String, Integer> REQUEST_WEIGHTS = weights("""
            ODD_JOBS 10 SMALL_REPAIRS 6 GARDEN 7 SHOPPING 12 SHOPPING_TOGETHER 5 LIFT 6 LIFT_MEDICAL 10 COMPANY 10
            DOG_WALKING 4 PET_MINDING 2 CHILD_MINDING 3 COMPUTER_HELP 10 PAPERWORK 8 LANGUAGE_PRACTICE 4
            LANGUAGE_LESSONS 2 COOKING 2 MEAL_PREPARATION 3 LAUNDRY 3 MOVING_THINGS 5 CARER_RESPITE 3 BUDDY 3 OTHER 2""");
    /** What neighbours say they can do (as DemoTexts.SKILL_WEIGHTS, without housekeeping). */
    static final Map<String, Integer> SKILL_WEIGHTS = weights("""
            ODD_JOBS 10 SMALL_REPAIRS 6 GARDEN 7 SHOPPING 9 SHOPPING_TOGETHER 4 LIFT 5 LIFT_MEDICAL 3 COMPANY 9
            DOG_WALKING 8 PET_MINDING 5 CHILD_MINDING 4 COMPUTER_HELP 10 PAPERWORK 4 LANGUAGE_PRACTICE 5
            LANGUAGE_LESSONS 2 COOKING 5 MEAL_PREPARATION 3 LAUNDRY 2 MOVING_THINGS 6 CARER_RESPITE 2 BUDDY 4 OTHER 3""");
    /** The chance that a request in the category is recurring (company and buddies mostly are). */
    static final Map<String, Double> RECURRING = Map.ofEntries(
            Map.entry("COMPANY", 0.6), Map.entry("BUDDY", 0.8), Map.entry("LANGUAGE_PRACTICE", 0.6),
            Map.entry("LANGUAGE_LESSONS", 0.7), Map.entry("DOG_WALKING", 0.5), Map.entry("CARER_RESPITE", 0.5),
            Map.entry("SHOPPING", 0.3), Map.entry("SHOPPING_TOGETHER", 0.3), Map.entry("MEAL_PREPARATION", 0.3),
            Map.entry("LAUNDRY", 0.3));

    /** Origins of households, relative, and the languages each brings. */
    private enum Origin { DUTCH, MOROCCAN, TURKISH, SURINAMESE, POLISH, SOMALI, EXPAT }
    private static final double[] ORIGIN_WEIGHTS = {68, 8, 7, 6, 4, 3, 4};

    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final List<String> PARTS = List.of("MORNING", "AFTERNOON", "EVENING");

    /** A participant to be. {@code id} is set by {@link #store}. */
    static final class Person {
        final int index;
        final boolean organisation;
        final boolean online;
        final String name;
        final Point home;
        final String pc4;
        Long neighbourhood;
        final List<String> skills;
        final List<String> languages;
        final List<String> availability;
        final int travelRadius;
        final int capacity;
        long id;
        int requests;

        Person(int index, boolean organisation, boolean online, String name, Point home, String pc4, List<String> skills,
               List<String> languages, List<String> availability, int travelRadius, int capacity) {
            this.index = index;
            this.organisation = organisation;
            this.online = online;
            this.name = name;
            this.home = home;
            this.pc4 = pc4;
            this.skills = skills;
            this.languages = languages;
            this.availability = availability;
            this.travelRadius = travelRadius;
            this.capacity = capacity;
        }

        boolean helps() {
            return !skills.isEmpty();
        }
    }

    /** An open offer of a helper, in one of their skills. */
    record Offer(Person owner, String category, Schedule schedule) {}

    /** A request that arrives in {@code week} (0-based). {@code id} is set by {@link #store}. */
    static final class Request {
        final int week;
        final Person owner;
        final String category;
        final Schedule schedule;
        final OffsetDateTime createdAt;
        long id;

        Request(int week, Person owner, String category, Schedule schedule, OffsetDateTime createdAt) {
            this.week = week;
            this.owner = owner;
            this.category = category;
            this.schedule = schedule;
            this.createdAt = createdAt;
        }

        boolean oneOff() {
            return schedule.type() == Schedule.Type.ONE_OFF;
        }
    }

    /** A four-digit postcode area: its code and centroid. */
    record Pc4(String code, Point centroid) {}

    final long seed;
    final int weeks;
    final List<Pc4> areas;
    final List<Person> people = new ArrayList<>();
    final List<Offer> offers = new ArrayList<>();
    final List<Request> requests = new ArrayList<>();
    long makelaarAccount;

    /** Whether a point lies inside the city (its neighbourhoods' polygons). */
    private final java.util.function.Predicate<Point> inCity;

    private SyntheticHaarlem(long seed, int weeks, List<Pc4> areas, java.util.function.Predicate<Point> inCity) {
        this.seed = seed;
        this.weeks = weeks;
        this.areas = areas;
        this.inCity = inCity;
    }

    /**
     * Draws the city: {@code participants} in all, five of them organisations, living in the given
     * postcode areas (each person in one area's territory: the points inside the city nearer its
     * centroid than any other's); {@code weeks} of requests, about {@code requestsPerWeek} in the
     * first week and 3 more each week after.
     */
    static SyntheticHaarlem generate(long seed, int participants, int weeks, int requestsPerWeek, List<Pc4> areas,
                                     java.util.function.Predicate<Point> inCity) {
        if (areas.isEmpty()) {
            throw new IllegalStateException("no Haarlem postcode areas (2011–2037) in the database");
        }
        SyntheticHaarlem city = new SyntheticHaarlem(seed, weeks, areas, inCity);
        SplittableRandom rnd = new SplittableRandom(seed);
        city.drawOrganisations();
        for (int i = city.people.size(); i < participants; i++) {
            city.people.add(city.drawPerson(rnd, i));
        }
        for (Person p : city.people) {
            if (p.helps() && rnd.nextDouble() < (p.organisation ? 1.0 : p.online ? 0.30 : 0.15)) {
                String category = p.skills.get(rnd.nextInt(p.skills.size()));
                city.offers.add(new Offer(p, category, weekly(p.availability, FIRST_MONDAY)));
            }
        }
        for (int w = 0; w < weeks; w++) {
            int count = Math.max(1, (int) Math.round(requestsPerWeek + 3 * w + 8 * rnd.nextGaussian()));
            for (int k = 0; k < count; k++) {
                city.requests.add(city.drawRequest(rnd, w));
            }
        }
        // Arrival order: by creation time (ties cannot change the outcome, the database orders by id next).
        city.requests.sort(java.util.Comparator.comparing((Request r) -> r.createdAt));
        return city;
    }

    private void drawOrganisations() {
        record Org(String name, String pc4, String skills, int capacity, int radius) {}
        List<Org> orgs = List.of(
                new Org("Vrijwilligerscentrale (evaluatie)", "2011", "SHOPPING COMPANY LIFT_MEDICAL PAPERWORK BUDDY", 20, 8000),
                new Org("Wijkservice Schalkwijk (evaluatie)", "2035", "ODD_JOBS SMALL_REPAIRS GARDEN MOVING_THINGS", 15, 5000),
                new Org("Buurtbus Haarlem-Noord (evaluatie)", "2024", "LIFT LIFT_MEDICAL SHOPPING_TOGETHER", 15, 6000),
                new Org("Taalhuis (evaluatie)", "2012", "LANGUAGE_PRACTICE LANGUAGE_LESSONS PAPERWORK", 12, 6000),
                new Org("Digicafé (evaluatie)", "2032", "COMPUTER_HELP", 10, 5000));
        List<String> office = new ArrayList<>();
        for (String d : DAYS.subList(0, 5)) {
            office.add(d + "_MORNING");
            office.add(d + "_AFTERNOON");
        }
        for (Org o : orgs) {
            Pc4 area = areas.stream().filter(a -> a.code().equals(o.pc4())).findFirst().orElse(areas.get(0));
            people.add(new Person(people.size(), true, false, o.name(), area.centroid(), area.code(),
                    List.of(o.skills().split(" ")), List.of("nl", "en"), List.copyOf(office), o.radius(), o.capacity()));
        }
    }

    private Person drawPerson(SplittableRandom rnd, int index) {
        boolean online = rnd.nextDouble() < 0.6;
        Pc4 area = areas.get(rnd.nextInt(areas.size()));
        Point home = inTerritory(rnd, area);
        Origin origin = Origin.values()[weightedIndex(rnd, ORIGIN_WEIGHTS)];
        List<String> languages = languages(rnd, origin, online);
        boolean helper = rnd.nextDouble() < (online ? 0.38 : 0.26);
        List<String> skills = new ArrayList<>();
        List<String> availability = List.of();
        if (helper) {
            int count = 1 + (online ? weightedIndex(rnd, new double[] {30, 35, 20, 15}) : weightedIndex(rnd, new double[] {55, 35, 10}));
            for (int attempt = 0; skills.size() < count && attempt < 40; attempt++) {
                String code = weighted(rnd, SKILL_WEIGHTS);
                boolean fits = !skills.contains(code)
                        && (online || !code.equals("COMPUTER_HELP"))
                        && (!code.startsWith("LANGUAGE_") || languages.contains("nl"));
                if (fits) {
                    skills.add(code);
                }
            }
            TreeSet<Integer> slots = new TreeSet<>();
            int wanted = 2 + rnd.nextInt(5);
            while (slots.size() < wanted) {
                int part = online ? rnd.nextInt(3) : weightedIndex(rnd, new double[] {50, 40, 10});
                slots.add(rnd.nextInt(7) * 3 + part);
            }
            availability = slots.stream().map(s -> DAYS.get(s / 3) + "_" + PARTS.get(s % 3)).toList();
        }
        int radius = online ? 1000 + 500 * rnd.nextInt(9) : 1000 + 500 * rnd.nextInt(5);
        int capacity = 1 + weightedIndex(rnd, new double[] {30, 45, 25});
        return new Person(index, false, online, String.format("Bewoner %04d", index), home, area.code(),
                List.copyOf(skills), languages, availability, radius, capacity);
    }

    private static List<String> languages(SplittableRandom rnd, Origin origin, boolean online) {
        List<String> out = new ArrayList<>();
        switch (origin) {
            case DUTCH -> {
                out.add("nl");
                addIf(rnd, out, 0.45, "en");
                addIf(rnd, out, 0.10, "de");
            }
            case MOROCCAN -> {
                addIf(rnd, out, online ? 1.0 : 0.6, "nl");
                out.add("ar");
                addIf(rnd, out, 0.35, "ber");
                addIf(rnd, out, 0.25, "fr");
            }
            case TURKISH -> {
                addIf(rnd, out, online ? 1.0 : 0.6, "nl");
                out.add("tr");
                addIf(rnd, out, 0.2, "en");
            }
            case SURINAMESE -> {
                out.add("nl");
                addIf(rnd, out, 0.5, "srn");
            }
            case POLISH -> {
                out.add("pl");
                addIf(rnd, out, 0.55, "nl");
                addIf(rnd, out, 0.6, "en");
            }
            case SOMALI -> {
                out.add("so");
                addIf(rnd, out, 0.5, "nl");
                addIf(rnd, out, 0.3, "en");
                addIf(rnd, out, 0.2, "ar");
            }
            case EXPAT -> {
                out.add("en");
                addIf(rnd, out, 0.35, "nl");
            }
        }
        return List.copyOf(out);
    }

    private static void addIf(SplittableRandom rnd, List<String> out, double chance, String language) {
        if (rnd.nextDouble() < chance) {
            out.add(language);
        }
    }

    /**
     * A request of week {@code w}: its owner (offline participants ask twice as often, helpers a
     * little less; five requests at most each), category, and either a one-off window in the rest
     * of the week (a few hours, or for a fifth "some time in the next days") or a weekly or
     * fortnightly recurrence.
     */
    private Request drawRequest(SplittableRandom rnd, int w) {
        Person owner;
        do {
            owner = people.get(rnd.nextInt(people.size()));
        } while (owner.organisation || owner.requests >= 5
                || rnd.nextDouble() >= (owner.online ? 0.5 : 1.0) * (owner.helps() ? 0.7 : 1.0));
        owner.requests++;
        String category = weighted(rnd, REQUEST_WEIGHTS);
        LocalDate monday = FIRST_MONDAY.plusWeeks(w);
        int arrivalDay = weightedIndex(rnd, new double[] {16, 16, 16, 16, 16, 10, 10});
        OffsetDateTime drawn = monday.plusDays(arrivalDay).atTime(8 + rnd.nextInt(13), rnd.nextInt(60))
                .atZone(AMSTERDAM).toOffsetDateTime();
        // Posted before the week's round (Sunday 20:00), which plans it: a Sunday evening's request
        // drawn after 20:00 is posted a minute before (the same draws, so the city stays the same).
        OffsetDateTime round = roundTime(w);
        OffsetDateTime created = drawn.isBefore(round) ? drawn : round.minusMinutes(1);
        Schedule schedule;
        if (rnd.nextDouble() < RECURRING.getOrDefault(category, 0.05)) {
            List<Schedule.Day> days = new ArrayList<>();
            days.add(Schedule.Day.values()[rnd.nextInt(7)]);
            if (rnd.nextDouble() < 0.3) {
                Schedule.Day second = Schedule.Day.values()[rnd.nextInt(7)];
                if (!days.contains(second)) {
                    days.add(second);
                }
            }
            List<Schedule.PartOfDay> parts = new ArrayList<>();
            parts.add(Schedule.PartOfDay.values()[weightedIndex(rnd, new double[] {45, 40, 15})]);
            if (rnd.nextDouble() < 0.2) {
                Schedule.PartOfDay second = Schedule.PartOfDay.values()[rnd.nextInt(3)];
                if (!parts.contains(second)) {
                    parts.add(second);
                }
            }
            schedule = new Schedule(Schedule.Type.RECURRING, null, null,
                    rnd.nextDouble() < 0.75 ? Schedule.Frequency.WEEKLY : Schedule.Frequency.FORTNIGHTLY,
                    days.stream().sorted().toList(), parts.stream().sorted().toList(), monday.plusWeeks(1), null);
        } else if (rnd.nextDouble() < 0.2) {
            // Some time in the next days, office hours.
            LocalDate first = monday.plusDays(Math.min(6, arrivalDay + 1));
            LocalDate last = first.plusDays(2 + rnd.nextInt(3));
            schedule = oneOff(first.atTime(9, 0), last.atTime(17, 0));
        } else {
            LocalDate day = monday.plusDays(arrivalDay + rnd.nextInt(7 - arrivalDay));
            int part = weightedIndex(rnd, new double[] {45, 40, 15});
            int hour = switch (part) {
                case 0 -> 8 + rnd.nextInt(4);
                case 1 -> 12 + rnd.nextInt(5);
                default -> 18 + rnd.nextInt(3);
            };
            var start = day.atTime(LocalTime.of(hour, 0));
            schedule = oneOff(start, start.plusHours(1 + rnd.nextInt(3)));
        }
        return new Request(w, owner, category, schedule, created);
    }

    private static Schedule oneOff(java.time.LocalDateTime from, java.time.LocalDateTime to) {
        return new Schedule(Schedule.Type.ONE_OFF, from.atZone(AMSTERDAM).toOffsetDateTime(),
                to.atZone(AMSTERDAM).toOffsetDateTime(), null, null, null, null, null);
    }

    /** A weekly recurrence on the days and parts of someone's availability. */
    private static Schedule weekly(List<String> availability, LocalDate from) {
        TreeSet<Schedule.Day> days = new TreeSet<>();
        TreeSet<Schedule.PartOfDay> parts = new TreeSet<>();
        for (String slot : availability) {
            int u = slot.indexOf('_');
            days.add(Schedule.Day.valueOf(slot.substring(0, u)));
            parts.add(Schedule.PartOfDay.valueOf(slot.substring(u + 1)));
        }
        if (days.isEmpty()) {
            days.add(Schedule.Day.SAT);
        }
        return new Schedule(Schedule.Type.RECURRING, null, null, Schedule.Frequency.WEEKLY, List.copyOf(days),
                List.copyOf(parts), from, null);
    }

    // --- Storing

    /**
     * Writes the city into an empty set of participants and listings: one makelaar account (who
     * brokers every match of the replay), an account for each online participant, the
     * participants (the database fills helper_lane itself), the open offers, and all requests,
     * CLOSED until their week comes ({@link MatchingEvaluation} opens them week by week).
     */
    void store(Db db, PlaceGrid grid, Function<Point, Long> neighbourhoodOf) {
        makelaarAccount = db.one("""
                INSERT INTO account (email, email_normalized, password_hash, role)
                VALUES ('makelaar@evaluatie.noaber.nl', 'makelaar@evaluatie.noaber.nl', '-', 'MAKELAAR') RETURNING id
                """, ps -> {}, rs -> rs.getLong(1)).orElseThrow();
        for (Person p : people) {
            p.neighbourhood = neighbourhoodOf.apply(p.home);
            Long account = null;
            if (p.online) {
                String email = String.format("bewoner%04d@evaluatie.noaber.nl", p.index);
                account = db.one("INSERT INTO account (email, email_normalized, password_hash, role) VALUES (?, ?, '-', 'RESIDENT') RETURNING id",
                        ps -> {
                            ps.setString(1, email);
                            ps.setString(2, email);
                        }, rs -> rs.getLong(1)).orElseThrow();
            }
            Long accountId = account;
            p.id = db.one("""
                    INSERT INTO participant (account_id, kind, display_name, home_place, home_precision, home_postcode,
                           neighbourhood_id, skills, languages, availability, travel_radius_m, capacity, contact_channels)
                    VALUES (?, ?, ?, ?, 'POINT', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """, ps -> {
                        ps.setObject(1, accountId, Types.BIGINT);
                        ps.setString(2, p.organisation ? "ORGANISATION" : "PERSON");
                        ps.setString(3, p.name);
                        ps.setObject(4, Places.toGeography(p.home));
                        ps.setString(5, p.pc4);
                        ps.setObject(6, p.neighbourhood, Types.BIGINT);
                        ps.setArray(7, db.textArray(ps, p.skills));
                        ps.setArray(8, db.textArray(ps, p.languages));
                        ps.setArray(9, db.textArray(ps, p.availability));
                        ps.setInt(10, p.travelRadius);
                        ps.setInt(11, p.capacity);
                        ps.setArray(12, db.textArray(ps, List.of(p.online ? "EMAIL" : "VIA_MAKELAAR")));
                    }, rs -> rs.getLong(1)).orElseThrow();
        }
        OffsetDateTime before = FIRST_MONDAY.minusWeeks(2).atStartOfDay(AMSTERDAM).toOffsetDateTime();
        for (Offer o : offers) {
            insertListing(db, grid, "OFFER", o.owner(), o.category(), o.schedule(), "OPEN", before);
        }
        for (Request r : requests) {
            r.id = insertListing(db, grid, "REQUEST", r.owner, r.category, r.schedule, "CLOSED", r.createdAt);
        }
    }

    /** Columns as ListingRepository.insert writes them, plus the status and the creation time of the replay. */
    private static long insertListing(Db db, PlaceGrid grid, String kind, Person owner, String category, Schedule s,
                                      String status, OffsetDateTime created) {
        return db.one("""
                INSERT INTO listing (kind, participant_id, category_code, title, description, place, public_place,
                       neighbourhood_id, schedule_type, starts_at, ends_at, recurrence_frequency, recurrence_days,
                       recurrence_parts, recurrence_starts_on, recurrence_ends_on, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, ps -> {
                    ps.setString(1, kind);
                    ps.setLong(2, owner.id);
                    ps.setString(3, category);
                    ps.setString(4, (kind.equals("REQUEST") ? "Vraag " : "Aanbod ") + category.toLowerCase().replace('_', ' '));
                    ps.setObject(5, Places.toGeography(owner.home));
                    ps.setObject(6, Places.toGeography(grid.publicPlace(owner.home)));
                    ps.setObject(7, owner.neighbourhood, Types.BIGINT);
                    ListingRepository.bindSchedule(ps, 8, s);
                    ps.setString(16, status);
                    ps.setTimestamp(17, Timestamp.from(created.toInstant()));
                    ps.setTimestamp(18, Timestamp.from(created.toInstant()));
                }, rs -> rs.getLong(1)).orElseThrow();
    }

    // --- Small helpers

    /**
     * A point spread evenly over the area's territory: within 1,500 m of its centroid, nearer to it
     * than to any other area's centroid, and inside the city. People live all over a postcode area,
     * not in a cluster around its middle: that is what makes the next helper only a little further
     * away than the nearest, as in a real city.
     */
    private Point inTerritory(SplittableRandom rnd, Pc4 area) {
        double metresPerLon = Places.METRES_PER_DEGREE * Math.cos(Math.toRadians(Places.lat(area.centroid())));
        for (int attempt = 0; attempt < 500; attempt++) {
            double r = 1500 * Math.sqrt(rnd.nextDouble());
            double a = 2 * Math.PI * rnd.nextDouble();
            Point p = Places.offset(area.centroid(), r * Math.sin(a), r * Math.cos(a));
            if (nearestArea(p, metresPerLon) == area && inCity.test(p)) {
                return p;
            }
        }
        throw new IllegalStateException("postcode area " + area.code() + " has no territory inside the city");
    }

    private Pc4 nearestArea(Point p, double metresPerLon) {
        Pc4 best = null;
        double bestD = Double.MAX_VALUE;
        for (Pc4 a : areas) {
            double dy = (Places.lat(p) - Places.lat(a.centroid())) * Places.METRES_PER_DEGREE;
            double dx = (Places.lon(p) - Places.lon(a.centroid())) * metresPerLon;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return best;
    }

    private static Map<String, Integer> weights(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        String[] t = spec.trim().split("\\s+");
        for (int i = 0; i < t.length; i += 2) {
            out.put(t[i], Integer.parseInt(t[i + 1]));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String weighted(SplittableRandom rnd, Map<String, Integer> weights) {
        int total = 0;
        for (int w : weights.values()) {
            total += w;
        }
        int r = rnd.nextInt(total);
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException();
    }

    private static int weightedIndex(SplittableRandom rnd, double[] weights) {
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

    /** The Monday 00:00 of week {@code w} (0-based), local time. */
    static OffsetDateTime weekStart(int w) {
        return FIRST_MONDAY.plusWeeks(w).atStartOfDay(AMSTERDAM).toOffsetDateTime();
    }

    /** Sunday 20:00 of week {@code w}: when the week's round is made. */
    static OffsetDateTime roundTime(int w) {
        return FIRST_MONDAY.plusWeeks(w).with(DayOfWeek.SUNDAY).atTime(20, 0).atZone(AMSTERDAM).toOffsetDateTime();
    }
}
