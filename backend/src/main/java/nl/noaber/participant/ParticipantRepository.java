package nl.noaber.participant;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import org.locationtech.jts.geom.Point;

@Singleton
public class ParticipantRepository {
    private static final String COLUMNS = """
            id, account_id, display_name, home_place, home_precision, home_postcode, home_house_number,
            neighbourhood_id, skills, languages, availability, travel_radius_m, phone, contact_channels,
            preferred_language, created_at, updated_at, capacity
            """;

    private final Db db;

    public ParticipantRepository(Db db) {
        this.db = db;
    }

    public long createForAccount(long accountId, String displayName, String preferredLanguage) {
        return db.one("INSERT INTO participant (account_id, display_name, preferred_language) VALUES (?, ?, ?) RETURNING id",
                ps -> {
                    ps.setLong(1, accountId);
                    ps.setString(2, displayName);
                    ps.setString(3, preferredLanguage);
                }, rs -> rs.getLong(1)).orElseThrow();
    }

    public Optional<Long> idOfAccount(long accountId) {
        return db.one("SELECT id FROM participant WHERE account_id = ?", ps -> ps.setLong(1, accountId), rs -> rs.getLong(1));
    }

    /** The account's participant; empty when it has none (staff) or it was erased. */
    public Optional<Participant> byAccount(long accountId) {
        return db.one("SELECT " + COLUMNS + " FROM participant WHERE account_id = ? AND erased_at IS NULL",
                ps -> ps.setLong(1, accountId), ParticipantRepository::map);
    }

    /**
     * The same, its row locked for a change of the participant's own words (erasing holds it FOR
     * UPDATE, so this waits for an erasure under way and then finds nothing: nothing of theirs is
     * written back after it).
     */
    public Optional<Participant> byAccountForUpdate(long accountId) {
        return db.one("SELECT " + COLUMNS + " FROM participant WHERE account_id = ? AND erased_at IS NULL FOR NO KEY UPDATE",
                ps -> ps.setLong(1, accountId), ParticipantRepository::map);
    }

    /** Whether the account's participant was erased (the account's tokens may outlive it by the session cache). */
    public boolean erasedByAccount(long accountId) {
        return db.one("SELECT 1 FROM participant WHERE account_id = ? AND erased_at IS NOT NULL",
                ps -> ps.setLong(1, accountId), rs -> true).isPresent();
    }

    public Optional<Participant> byId(long id) {
        return db.one("SELECT " + COLUMNS + " FROM participant WHERE id = ?", ps -> ps.setLong(1, id),
                ParticipantRepository::map);
    }

    /** The participant's id and account, locked for erasing; empty when unknown or erased already. */
    public Optional<Participant> lockForErasure(long id) {
        return db.one("SELECT " + COLUMNS + " FROM participant WHERE id = ? AND erased_at IS NULL FOR UPDATE",
                ps -> ps.setLong(1, id), ParticipantRepository::map);
    }

    /**
     * Erasing: name, home, phone, contact wishes, skills, languages and availability are gone; the
     * participant is INACTIVE (so never matched, and out of helper_lane by its trigger). The
     * neighbourhood, the responsible makelaar and the dates stay, anonymous, for the figures.
     */
    public void erase(long id, long byAccountId) {
        db.update("""
                UPDATE participant SET display_name = 'Oud-deelnemer', home_place = NULL, home_precision = NULL,
                       home_postcode = NULL, home_house_number = NULL, skills = '{}', languages = '{}',
                       availability = '{}', phone = NULL, contact_channels = '{}', status = 'INACTIVE', capacity = 0,
                       status_reason = NULL, erased_at = now(), erased_by = ?, updated_at = now()
                 WHERE id = ?
                """, ps -> {
                    ps.setLong(1, byAccountId);
                    ps.setLong(2, id);
                });
    }

    public void updateProfile(long id, ProfileUpdate u) {
        db.update("""
                UPDATE participant SET display_name = ?, skills = ?, languages = ?, availability = ?,
                       travel_radius_m = ?, phone = ?, contact_channels = ?, preferred_language = ?,
                       capacity = coalesce(?, capacity), updated_at = now()
                 WHERE id = ?
                """, ps -> {
                    ps.setString(1, u.displayName().trim());
                    ps.setArray(2, db.textArray(ps, u.skillsOrEmpty()));
                    ps.setArray(3, db.textArray(ps, u.languagesOrEmpty()));
                    ps.setArray(4, db.textArray(ps, u.availabilityOrEmpty()));
                    ps.setInt(5, u.travelRadiusMetres());
                    ps.setString(6, u.phone() == null || u.phone().isBlank() ? null : u.phone().trim());
                    ps.setArray(7, db.textArray(ps, u.contactChannelsOrEmpty()));
                    ps.setString(8, u.preferredLanguage());
                    ps.setObject(9, u.capacity());
                    ps.setLong(10, id);
                });
    }

    public void updateHome(long id, Point place, String precision, String postcode, String houseNumber, Long neighbourhoodId) {
        db.update("""
                UPDATE participant SET home_place = ?, home_precision = ?, home_postcode = ?, home_house_number = ?,
                       neighbourhood_id = ?, updated_at = now()
                 WHERE id = ?
                """, ps -> {
                    ps.setObject(1, Places.toGeography(place));
                    ps.setString(2, precision);
                    ps.setString(3, postcode);
                    ps.setString(4, houseNumber);
                    ps.setObject(5, neighbourhoodId);
                    ps.setLong(6, id);
                });
    }

    static Participant map(ResultSet rs) throws SQLException {
        return new Participant(
                rs.getLong("id"),
                rs.getObject("account_id", Long.class),
                rs.getString("display_name"),
                Places.fromDatabase(rs.getObject("home_place")),
                rs.getString("home_precision"),
                rs.getString("home_postcode"),
                rs.getString("home_house_number"),
                rs.getObject("neighbourhood_id", Long.class),
                Db.strings(rs, "skills"),
                Db.strings(rs, "languages"),
                Db.strings(rs, "availability"),
                rs.getInt("travel_radius_m"),
                rs.getString("phone"),
                Db.strings(rs, "contact_channels"),
                rs.getString("preferred_language"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("capacity"));
    }
}
