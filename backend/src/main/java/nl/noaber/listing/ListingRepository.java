package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import org.locationtech.jts.geom.Point;
import nl.noaber.participant.Blocks;
import nl.noaber.web.TimeCursor;

@Singleton
public class ListingRepository {
    public static final String SCHEDULE_COLUMNS = """
            schedule_type, starts_at, ends_at, recurrence_frequency, recurrence_days, recurrence_parts,
            recurrence_starts_on, recurrence_ends_on""";
    private static final String COLUMNS = "id, kind, participant_id, category_code, title, description, place, public_place, "
            + "neighbourhood_id, " + SCHEDULE_COLUMNS + ", status, created_at, updated_at, search_radius_m";

    private final Db db;

    public ListingRepository(Db db) {
        this.db = db;
    }

    /**
     * The owner's row held FOR KEY SHARE until the transaction ends; false when they were erased.
     * Erasing holds the row FOR UPDATE, so this waits for an erasure under way and then sees it:
     * nothing is posted in the name of someone erased at that moment.
     */
    public boolean holdOwner(long participantId) {
        return db.one("SELECT 1 FROM participant WHERE id = ? AND erased_at IS NULL FOR KEY SHARE",
                ps -> ps.setLong(1, participantId), rs -> true).isPresent();
    }

    public long insert(Kind kind, long participantId, String category, String title, String description,
                       Point place, Point publicPlace, Long neighbourhoodId, Schedule schedule, Integer searchRadius) {
        return db.one("INSERT INTO listing (kind, participant_id, category_code, title, description, place, public_place, "
                        + "neighbourhood_id, " + SCHEDULE_COLUMNS + ", search_radius_m) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                ps -> {
                    ps.setString(1, kind.name());
                    ps.setLong(2, participantId);
                    ps.setString(3, category);
                    ps.setString(4, title);
                    ps.setString(5, description);
                    ps.setObject(6, Places.toGeography(place));
                    ps.setObject(7, Places.toGeography(publicPlace));
                    ps.setObject(8, neighbourhoodId, Types.BIGINT);
                    bindSchedule(ps, 9, schedule);
                    ps.setObject(17, searchRadius, Types.INTEGER);
                }, rs -> rs.getLong(1)).orElseThrow();
    }

    public void update(long id, String category, String title, String description, Point place, Point publicPlace,
                       Long neighbourhoodId, Schedule schedule, Integer searchRadius) {
        db.update("""
                UPDATE listing SET category_code = ?, title = ?, description = ?, place = ?, public_place = ?,
                       neighbourhood_id = ?, schedule_type = ?, starts_at = ?, ends_at = ?, recurrence_frequency = ?,
                       recurrence_days = ?, recurrence_parts = ?, recurrence_starts_on = ?, recurrence_ends_on = ?,
                       search_radius_m = ?, updated_at = now()
                 WHERE id = ?
                """, ps -> {
                    ps.setString(1, category);
                    ps.setString(2, title);
                    ps.setString(3, description);
                    ps.setObject(4, Places.toGeography(place));
                    ps.setObject(5, Places.toGeography(publicPlace));
                    ps.setObject(6, neighbourhoodId, Types.BIGINT);
                    bindSchedule(ps, 7, schedule);
                    ps.setObject(15, searchRadius, Types.INTEGER);
                    ps.setLong(16, id);
                });
    }

    public void setSearchRadius(long id, Integer metres) {
        db.update("UPDATE listing SET search_radius_m = ?, updated_at = now() WHERE id = ? AND kind = 'REQUEST'", ps -> {
            ps.setObject(1, metres, Types.INTEGER);
            ps.setLong(2, id);
        });
    }

    /** Moves a listing from one of the given states to another; false when it was in none of them. */
    public boolean transition(long id, List<Status> from, Status to) {
        return db.update("UPDATE listing SET status = ?, updated_at = now() WHERE id = ? AND status = ANY (?)", ps -> {
            ps.setString(1, to.name());
            ps.setLong(2, id);
            ps.setArray(3, db.textArray(ps, from.stream().map(Enum::name).toList()));
        }) == 1;
    }

    /**
     * Erasing the owner: open and matched listings are WITHDRAWN; every listing of theirs keeps only
     * its category (as its title), its schedule and its public place, which becomes its place too.
     */
    public int eraseOwnedBy(long participantId) {
        return db.update("""
                UPDATE listing l
                   SET status = CASE WHEN l.status IN ('OPEN', 'MATCHED') THEN 'WITHDRAWN' ELSE l.status END,
                       title = c.label_nl, description = '', place = l.public_place, updated_at = now()
                  FROM category c
                 WHERE c.code = l.category_code AND l.participant_id = ?
                """, ps -> ps.setLong(1, participantId));
    }

    /** Locks the row for the rest of the transaction, so that checks and changes see one state. */
    public Optional<Listing> byIdForUpdate(long id) {
        return db.one("SELECT " + COLUMNS + " FROM listing WHERE id = ? FOR UPDATE", ps -> ps.setLong(1, id),
                ListingRepository::map);
    }

    /** Read and kept as it is until the transaction ends: no owner can change, withdraw or close it meanwhile. */
    public Optional<Listing> byIdForShare(long id) {
        return db.one("SELECT " + COLUMNS + " FROM listing WHERE id = ? FOR SHARE", ps -> ps.setLong(1, id),
                ListingRepository::map);
    }

    public Optional<Listing> byId(long id) {
        return db.one("SELECT " + COLUMNS + " FROM listing WHERE id = ?", ps -> ps.setLong(1, id), ListingRepository::map);
    }

    /**
     * Whether a neighbour may see the listing: its owner can be matched now (V17) and neither of
     * the two blocked the other. Browsing applies the same rule ({@link NearbyRepository}).
     */
    public boolean shownTo(long id, long viewer) {
        return db.one("SELECT l.owner_matchable AND NOT " + Blocks.eitherWay("l.participant_id", "?")
                + " FROM listing l WHERE l.id = ?", ps -> {
            ps.setLong(1, viewer);
            ps.setLong(2, viewer);
            ps.setLong(3, id);
        }, rs -> rs.getBoolean(1)).orElse(false);
    }

    public List<Listing> byParticipant(long participantId, Kind kind) {
        return db.list("SELECT " + COLUMNS + " FROM listing WHERE participant_id = ? AND (? IS NULL OR kind = ?) "
                        + "ORDER BY created_at DESC, id DESC",
                ps -> {
                    ps.setLong(1, participantId);
                    ps.setString(2, kind == null ? null : kind.name());
                    ps.setString(3, kind == null ? null : kind.name());
                }, ListingRepository::map);
    }

    /**
     * One page of a participant's listings of one kind, newest first, after {@code after} (null: from
     * the newest), at most {@code limit} + 1 (one more tells that a next page exists).
     */
    public List<Listing> byParticipant(long participantId, Kind kind, @Nullable TimeCursor after, int limit) {
        return db.list("SELECT " + COLUMNS + """
                 FROM listing WHERE participant_id = ? AND kind = ?
                  AND %s
                ORDER BY created_at DESC, id DESC
                LIMIT ?""".formatted(TimeCursor.after("created_at", "id", true)), ps -> {
                    ps.setLong(1, participantId);
                    ps.setString(2, kind.name());
                    TimeCursor.bind(ps, 3, after);
                    ps.setInt(6, limit + 1);
                }, ListingRepository::map);
    }

    /** Binds a schedule to the eight columns of {@link #SCHEDULE_COLUMNS}, from parameter {@code first} on. */
    public static void bindSchedule(PreparedStatement ps, int first, Schedule s) throws SQLException {
        ps.setString(first, s.type().name());
        ps.setTimestamp(first + 1, s.startsAt() == null ? null : Timestamp.from(s.startsAt().toInstant()));
        ps.setTimestamp(first + 2, s.endsAt() == null ? null : Timestamp.from(s.endsAt().toInstant()));
        ps.setString(first + 3, s.frequency() == null ? null : s.frequency().name());
        ps.setArray(first + 4, s.days() == null ? null
                : ps.getConnection().createArrayOf("text", s.days().stream().map(Enum::name).toArray()));
        ps.setArray(first + 5, s.partsOfDay() == null ? null
                : ps.getConnection().createArrayOf("text", s.partsOfDay().stream().map(Enum::name).toArray()));
        ps.setObject(first + 6, s.startsOn(), Types.DATE);
        ps.setObject(first + 7, s.endsOn(), Types.DATE);
    }

    public static Schedule schedule(ResultSet rs) throws SQLException {
        var type = Schedule.Type.valueOf(rs.getString("schedule_type"));
        if (type == Schedule.Type.ONE_OFF) {
            return new Schedule(type, utc(rs.getObject("starts_at", OffsetDateTime.class)),
                    utc(rs.getObject("ends_at", OffsetDateTime.class)), null, null, null, null, null);
        }
        return new Schedule(type, null, null,
                Schedule.Frequency.valueOf(rs.getString("recurrence_frequency")),
                Db.strings(rs, "recurrence_days").stream().map(Schedule.Day::valueOf).toList(),
                Db.strings(rs, "recurrence_parts").stream().map(Schedule.PartOfDay::valueOf).toList(),
                date(rs.getDate("recurrence_starts_on")),
                date(rs.getDate("recurrence_ends_on")));
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    static Listing map(ResultSet rs) throws SQLException {
        return new Listing(
                rs.getLong("id"),
                Kind.valueOf(rs.getString("kind")),
                rs.getLong("participant_id"),
                rs.getString("category_code"),
                rs.getString("title"),
                rs.getString("description"),
                Places.fromDatabase(rs.getObject("place")),
                Places.fromDatabase(rs.getObject("public_place")),
                rs.getObject("neighbourhood_id", Long.class),
                schedule(rs),
                Status.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getObject("search_radius_m", Integer.class));
    }
}
