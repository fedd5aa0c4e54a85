package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.noaber.db.Db;
import nl.noaber.geo.Places;
import nl.noaber.listing.Status;
import org.locationtech.jts.geom.Point;
import nl.noaber.participant.Blocks;
import nl.noaber.web.TimeCursor;

/** Plain SQL for matches, their events, occurrences, notes and blocks. Callers own the transaction. */
@Singleton
public class MatchRepository {
    private static final String COLUMNS = """
            m.id, m.request_id, m.offer_id, m.requester_id, m.helper_id, m.channel, m.one_off, m.status, m.proposed_at,
            m.proposed_by, m.decided_at, m.decided_by, m.ended_at, m.ended_by, m.ended_by_side, m.ended_for_side, m.end_reason,
            m.end_cause, m.explanation
            """;

    private final Db db;

    public MatchRepository(Db db) {
        this.db = db;
    }

    /** A participant as a match needs them: state and capacity, and the contact details shown after acceptance. */
    record Person(long id, @Nullable Long accountId, String displayName, String kind, String status, int capacity,
                  @Nullable String phone, List<String> contactChannels, @Nullable String postcode,
                  @Nullable String houseNumber, @Nullable Point home, @Nullable String email, List<String> availability,
                  boolean accountEnabled) {
        /** ACTIVE, and their account (if they have one) enabled: the only people a match may go ahead with. */
        boolean matchable() {
            return "ACTIVE".equals(status) && accountEnabled;
        }
    }

    // --- matches --------------------------------------------------------------------------

    long insert(long requestId, @Nullable Long offerId, long requesterId, long helperId, Side channel, boolean oneOff,
                long proposedBy, @Nullable String explanation, boolean helperFree) {
        return db.one("""
                INSERT INTO match (request_id, offer_id, requester_id, helper_id, channel, one_off, proposed_by, explanation,
                                   helper_free)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, ps -> {
                    ps.setLong(1, requestId);
                    ps.setObject(2, offerId, Types.BIGINT);
                    ps.setLong(3, requesterId);
                    ps.setLong(4, helperId);
                    ps.setString(5, channel.name());
                    ps.setBoolean(6, oneOff);
                    ps.setLong(7, proposedBy);
                    ps.setString(8, explanation);
                    ps.setBoolean(9, helperFree);
                }, rs -> rs.getLong(1)).orElseThrow();
    }

    Optional<Match> byId(long id) {
        return db.one("SELECT " + COLUMNS + " FROM match m WHERE m.id = ?", ps -> ps.setLong(1, id), MatchRepository::map);
    }

    /** Locks the match row for the rest of the transaction (take the request's lock first). */
    Optional<Match> byIdForUpdate(long id) {
        return db.one("SELECT " + COLUMNS + " FROM match m WHERE m.id = ? FOR UPDATE", ps -> ps.setLong(1, id),
                MatchRepository::map);
    }

    /**
     * Accepted: ACTIVE, with the decision's time and actor, and one-off or recurring as the request is
     * now (its schedule may have changed since the proposal), so that the unique index on accepted
     * one-off matches holds for it.
     */
    void accept(long id, long actor, boolean oneOff) {
        db.update("UPDATE match SET status = 'ACTIVE', decided_at = now(), decided_by = ?, one_off = ? WHERE id = ? AND status = 'PROPOSED'",
                ps -> {
                    ps.setLong(1, actor);
                    ps.setBoolean(2, oneOff);
                    ps.setLong(3, id);
                });
    }

    /** Declined: a decision (decided_*) that also ends the proposal (ended_*). */
    void decline(long id, long actor, Side side, @Nullable String reason) {
        db.update("""
                UPDATE match SET status = 'DECLINED', decided_at = now(), decided_by = ?, ended_at = now(), ended_by = ?,
                       ended_by_side = ?, end_reason = ?
                 WHERE id = ? AND status = 'PROPOSED'
                """, ps -> {
                    ps.setLong(1, actor);
                    ps.setLong(2, actor);
                    ps.setString(3, side.name());
                    ps.setString(4, reason);
                    ps.setLong(5, id);
                });
    }

    /** COMPLETED or CANCELLED, with when, by whom, which side and why. */
    void end(long id, MatchStatus from, MatchStatus to, long actor, Side side, @Nullable String reason) {
        end(id, from, to, actor, side, null, null, reason);
    }

    /**
     * Ended, by {@code side}; a makelaar may end it for a party ({@code forSide}, V15); {@code cause}
     * when the service ended it for a reason of its own (V16), null for a party's or makelaar's own act.
     */
    void end(long id, MatchStatus from, MatchStatus to, long actor, Side side, @Nullable Side forSide,
             @Nullable EndCause cause, @Nullable String reason) {
        db.update("""
                UPDATE match SET status = ?, ended_at = now(), ended_by = ?, ended_by_side = ?, ended_for_side = ?,
                       end_cause = ?, end_reason = ?
                 WHERE id = ? AND status = ?
                """, ps -> {
                    ps.setString(1, to.name());
                    ps.setLong(2, actor);
                    ps.setString(3, side.name());
                    ps.setString(4, forSide == null ? null : forSide.name());
                    ps.setString(5, cause == null ? null : cause.name());
                    ps.setString(6, reason);
                    ps.setLong(7, id);
                    ps.setString(8, from.name());
                });
    }

    void event(long matchId, long actor, Side side, @Nullable MatchStatus from, MatchStatus to, @Nullable String reason) {
        db.update("""
                INSERT INTO match_event (match_id, actor_id, actor_side, from_status, to_status, reason)
                VALUES (?, ?, ?, ?, ?, ?)
                """, ps -> {
                    ps.setLong(1, matchId);
                    ps.setLong(2, actor);
                    ps.setString(3, side.name());
                    ps.setString(4, from == null ? null : from.name());
                    ps.setString(5, to.name());
                    ps.setString(6, reason);
                });
    }

    List<MatchView.Event> events(long matchId, boolean withActor) {
        return db.list("""
                SELECT at, actor_id, actor_side, from_status, to_status, reason FROM match_event
                 WHERE match_id = ? ORDER BY at, id
                """, ps -> ps.setLong(1, matchId), rs -> new MatchView.Event(
                        instant(rs, "at"), Side.valueOf(rs.getString("actor_side")),
                        withActor ? rs.getLong("actor_id") : null,
                        rs.getString("from_status") == null ? null : MatchStatus.valueOf(rs.getString("from_status")),
                        MatchStatus.valueOf(rs.getString("to_status")), rs.getString("reason")));
    }

    /**
     * Another match of this request was accepted as a one-off (ACTIVE or COMPLETED): the matches of
     * its recurring past, should its owner have made it one-off since, do not count (as in
     * {@code match_one_off_accepted_idx}).
     */
    boolean otherAccepted(long requestId, long exceptMatchId) {
        return exists("SELECT 1 FROM match WHERE request_id = ? AND id <> ? AND one_off AND status IN ('ACTIVE', 'COMPLETED')",
                requestId, exceptMatchId);
    }

    /** Another match of this request is still running. */
    boolean otherActive(long requestId, long exceptMatchId) {
        return exists("SELECT 1 FROM match WHERE request_id = ? AND id <> ? AND status = 'ACTIVE'", requestId, exceptMatchId);
    }

    /** A proposal for this request waits for an answer. */
    boolean anyProposed(long requestId) {
        return exists("SELECT 1 FROM match WHERE request_id = ? AND status = 'PROPOSED'", requestId);
    }

    /** This helper and this request had a proposal that was declined (by either side). */
    boolean declinedBefore(long requestId, long helperId) {
        return exists("SELECT 1 FROM match WHERE request_id = ? AND helper_id = ? AND status = 'DECLINED'", requestId, helperId);
    }

    int activeAsHelper(long helperId) {
        return db.one("SELECT count(*) FROM match WHERE helper_id = ? AND status = 'ACTIVE'", ps -> ps.setLong(1, helperId),
                rs -> rs.getInt(1)).orElse(0);
    }

    /** Matches between two participants (either way round) in these states, in lock order. */
    List<Match> between(long a, long b, List<MatchStatus> statuses) {
        return db.list("SELECT " + COLUMNS + """
                 FROM match m
                WHERE ((m.requester_id = ? AND m.helper_id = ?) OR (m.requester_id = ? AND m.helper_id = ?))
                  AND m.status = ANY (?)
                ORDER BY m.request_id, m.id
                """, ps -> {
                    ps.setLong(1, a);
                    ps.setLong(2, b);
                    ps.setLong(3, b);
                    ps.setLong(4, a);
                    ps.setArray(5, db.textArray(ps, statuses.stream().map(Enum::name).toList()));
                }, MatchRepository::map);
    }

    /** Matches of a request (or, with {@code offer}, made with an offer) in these states, by id. */
    List<Match> ofListing(long listingId, boolean offer, List<MatchStatus> statuses) {
        return db.list("SELECT " + COLUMNS + " FROM match m WHERE " + (offer ? "m.offer_id" : "m.request_id")
                + " = ? AND m.status = ANY (?) ORDER BY m.id", ps -> {
                    ps.setLong(1, listingId);
                    ps.setArray(2, db.textArray(ps, statuses.stream().map(Enum::name).toList()));
                }, MatchRepository::map);
    }

    /**
     * Erasing a participant: the words they wrote about matches (notes, occurrence notes, reasons)
     * and the explanations of their matches (distances from their home, their history) are gone;
     * blocks by or of them are lifted, as nobody can be matched with them any more.
     */
    void erase(long participantId, @Nullable Long accountId) {
        // Every match of theirs first: its row stays locked to the end, so a note or an occurrence
        // being written on one of them at this moment (which locks the match) waits, and then finds
        // its author erased, instead of slipping in after the words below were cleared.
        db.update("UPDATE match SET explanation = NULL WHERE requester_id = ? OR helper_id = ?", ps -> {
            ps.setLong(1, participantId);
            ps.setLong(2, participantId);
        });
        db.update("UPDATE match_note SET text = '—' WHERE author_id = ?", ps -> ps.setLong(1, participantId));
        db.update("DELETE FROM participant_block WHERE blocker_id = ? OR blocked_id = ?", ps -> {
            ps.setLong(1, participantId);
            ps.setLong(2, participantId);
        });
        if (accountId != null) {
            db.update("UPDATE match SET end_reason = NULL WHERE ended_by = ?", ps -> ps.setLong(1, accountId));
            db.update("UPDATE match_event SET reason = NULL WHERE actor_id = ?", ps -> ps.setLong(1, accountId));
            db.update("UPDATE match_occurrence SET note = NULL WHERE logged_by = ?", ps -> ps.setLong(1, accountId));
        }
    }

    List<Match> ofParticipant(long participantId) {
        return db.list("SELECT " + COLUMNS + " FROM match m WHERE m.requester_id = ? OR m.helper_id = ? ORDER BY m.id",
                ps -> {
                    ps.setLong(1, participantId);
                    ps.setLong(2, participantId);
                }, MatchRepository::map);
    }

    /** "My matches": as requester, as helper or both, optionally only in some states; newest first. */
    List<MatchSummary> summaries(long participantId, boolean asRequester, boolean asHelper, List<MatchStatus> statuses,
                                 @Nullable TimeCursor after, int limit) {
        return db.list("""
                SELECT m.id, m.channel, m.status, m.one_off, m.request_id, l.title, l.category_code, l.status AS request_status,
                       m.requester_id, m.helper_id, r.display_name AS requester_name, h.display_name AS helper_name,
                       m.proposed_at, m.decided_at, m.ended_at
                  FROM match m
                  JOIN listing l ON l.id = m.request_id
                  JOIN participant r ON r.id = m.requester_id
                  JOIN participant h ON h.id = m.helper_id
                 WHERE ((m.requester_id = ? AND ?) OR (m.helper_id = ? AND ?))
                   AND (cardinality(?::text[]) = 0 OR m.status = ANY (?))
                   AND %s
                 ORDER BY m.proposed_at DESC, m.id DESC
                 LIMIT ?
                """.formatted(TimeCursor.after("m.proposed_at", "m.id", true)), ps -> {
                    ps.setLong(1, participantId);
                    ps.setBoolean(2, asRequester);
                    ps.setLong(3, participantId);
                    ps.setBoolean(4, asHelper);
                    var array = db.textArray(ps, statuses.stream().map(Enum::name).toList());
                    ps.setArray(5, array);
                    ps.setArray(6, array);
                    TimeCursor.bind(ps, 7, after);
                    ps.setInt(10, limit + 1);
                }, rs -> {
                    boolean requester = rs.getLong("requester_id") == participantId;
                    Side channel = Side.valueOf(rs.getString("channel"));
                    MatchStatus status = MatchStatus.valueOf(rs.getString("status"));
                    Side mine = requester ? Side.REQUESTER : Side.HELPER;
                    return new MatchSummary(rs.getLong("id"), channel, status, rs.getBoolean("one_off"), mine,
                            rs.getLong("request_id"), rs.getString("title"), rs.getString("category_code"),
                            Status.valueOf(rs.getString("request_status")),
                            requester ? rs.getLong("helper_id") : rs.getLong("requester_id"),
                            requester ? rs.getString("helper_name") : rs.getString("requester_name"),
                            instant(rs, "proposed_at"), instant(rs, "decided_at"), instant(rs, "ended_at"),
                            status == MatchStatus.PROPOSED && channel.decider() == mine);
                });
    }

    // --- participants ---------------------------------------------------------------------

    Optional<Person> person(long participantId) {
        return db.one("""
                SELECT p.id, p.account_id, p.display_name, p.kind, p.status, p.capacity, p.phone, p.contact_channels,
                       p.home_postcode, p.home_house_number, p.home_place, a.email, p.availability,
                       (a.id IS NULL OR a.enabled) AS account_enabled
                  FROM participant p LEFT JOIN account a ON a.id = p.account_id
                 WHERE p.id = ?
                """, ps -> ps.setLong(1, participantId), rs -> new Person(
                        rs.getLong("id"), rs.getObject("account_id", Long.class), rs.getString("display_name"),
                        rs.getString("kind"), rs.getString("status"), rs.getInt("capacity"), rs.getString("phone"),
                        Db.strings(rs, "contact_channels"), rs.getString("home_postcode"), rs.getString("home_house_number"),
                        Places.fromDatabase(rs.getObject("home_place")), rs.getString("email"), Db.strings(rs, "availability"),
                        rs.getBoolean("account_enabled")));
    }

    /**
     * Locks a participant's row (FOR NO KEY UPDATE, which foreign-key checks do not wait for, and
     * which suspending, disabling and erasing them take, through the helper lanes' trigger or
     * directly) and then reads them anew, in a statement of its own: after waiting for such a
     * change, what it made of them (a row lock taken after a wait does not refresh a joined
     * account). Two acceptances for one helper so count their running matches one after the other.
     * Empty when there is no such participant.
     */
    Optional<Person> lockAndRead(long participantId) {
        boolean exists = db.one("SELECT 1 FROM participant WHERE id = ? FOR NO KEY UPDATE",
                ps -> ps.setLong(1, participantId), rs -> 1).isPresent();
        return exists ? person(participantId) : Optional.empty();
    }

    /** Takes a participant's row FOR KEY SHARE: waits for one who is being erased (FOR UPDATE), not for other changes. */
    void lockForKeyShare(long participantId) {
        db.one("SELECT 1 FROM participant WHERE id = ? FOR KEY SHARE", ps -> ps.setLong(1, participantId), rs -> 1);
    }

    /** The participant whose account this is, if any (staff accounts have none). */
    Optional<Long> participantOfAccount(long accountId) {
        return db.one("SELECT id FROM participant WHERE account_id = ?", ps -> ps.setLong(1, accountId), rs -> rs.getLong(1));
    }

    // --- blocks ---------------------------------------------------------------------------

    /** Proposals and blocks between two people take turns (a transaction-scoped lock on the pair). */
    void lockPair(long a, long b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        db.list("SELECT pg_advisory_xact_lock(hashtextextended('noaber.match-pair:' || ? || ':' || ?, 0))", ps -> {
            ps.setLong(1, lo);
            ps.setLong(2, hi);
        }, rs -> 1);
    }

    boolean blockedEitherWay(long a, long b) {
        return exists("SELECT 1 WHERE " + Blocks.eitherWay("?", "?"), a, b, b, a);
    }

    /** Records a block once; blocking again changes nothing. */
    void block(long blocker, long blocked, long matchId) {
        db.update("INSERT INTO participant_block (blocker_id, blocked_id, match_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setLong(1, blocker);
                    ps.setLong(2, blocked);
                    ps.setLong(3, matchId);
                });
    }

    /** Removes the blocker's own block of the other (not the other's of them). */
    void unblock(long blocker, long blocked) {
        db.update("DELETE FROM participant_block WHERE blocker_id = ? AND blocked_id = ?", ps -> {
            ps.setLong(1, blocker);
            ps.setLong(2, blocked);
        });
    }

    List<MatchNotes.Block> blocksBy(long participantId) {
        return db.list("""
                SELECT p.display_name, b.match_id, b.created_at FROM participant_block b
                  JOIN participant p ON p.id = b.blocked_id
                 WHERE b.blocker_id = ? ORDER BY b.created_at
                """, ps -> ps.setLong(1, participantId),
                rs -> new MatchNotes.Block(rs.getString(1), rs.getObject(2, Long.class), instant(rs, "created_at")));
    }

    // --- occurrences ----------------------------------------------------------------------

    MatchNotes.Occurrence insertOccurrence(long matchId, LocalDate date, @Nullable String note, long loggedBy) {
        return db.one("""
                INSERT INTO match_occurrence (match_id, occurred_on, note, logged_by) VALUES (?, ?, ?, ?)
                RETURNING id, match_id, occurred_on, note, logged_at
                """, ps -> {
                    ps.setLong(1, matchId);
                    ps.setObject(2, date, Types.DATE);
                    ps.setString(3, note);
                    ps.setLong(4, loggedBy);
                }, MatchRepository::occurrence).orElseThrow();
    }

    List<MatchNotes.Occurrence> occurrences(long matchId) {
        return db.list("SELECT id, match_id, occurred_on, note, logged_at FROM match_occurrence WHERE match_id = ? "
                + "ORDER BY occurred_on, id", ps -> ps.setLong(1, matchId), MatchRepository::occurrence);
    }

    int occurrenceCount(long matchId) {
        return db.one("SELECT count(*) FROM match_occurrence WHERE match_id = ?", ps -> ps.setLong(1, matchId),
                rs -> rs.getInt(1)).orElse(0);
    }

    private static MatchNotes.Occurrence occurrence(ResultSet rs) throws SQLException {
        return new MatchNotes.Occurrence(rs.getLong("id"), rs.getLong("match_id"), rs.getDate("occurred_on").toLocalDate(),
                rs.getString("note"), instant(rs, "logged_at"));
    }

    // --- notes ----------------------------------------------------------------------------

    MatchNotes.Written insertNote(long matchId, MatchNotes.Kind kind, long authorId, String text) {
        return db.one("INSERT INTO match_note (match_id, kind, author_id, text) VALUES (?, ?, ?, ?) "
                        + "RETURNING id, match_id, kind, text, created_at",
                ps -> {
                    ps.setLong(1, matchId);
                    ps.setString(2, kind.name());
                    ps.setLong(3, authorId);
                    ps.setString(4, text);
                }, MatchRepository::written).orElseThrow();
    }

    /** Whether the same author wrote the same note of this kind on this match in the last ten minutes. */
    boolean sameNoteJustWritten(long matchId, MatchNotes.Kind kind, long authorId, String text) {
        return db.one("""
                SELECT EXISTS (SELECT 1 FROM match_note WHERE match_id = ? AND kind = ? AND author_id = ? AND text = ?
                                  AND created_at > now() - interval '10 minutes')""", ps -> {
            ps.setLong(1, matchId);
            ps.setString(2, kind.name());
            ps.setLong(3, authorId);
            ps.setString(4, text);
        }, rs -> rs.getBoolean(1)).orElse(false);
    }

    List<MatchView.ThanksNote> thanks(long matchId) {
        return db.list("SELECT id, text, created_at FROM match_note WHERE match_id = ? AND kind = 'THANKS' ORDER BY created_at, id",
                ps -> ps.setLong(1, matchId), rs -> new MatchView.ThanksNote(rs.getLong("id"), rs.getString("text"),
                        instant(rs, "created_at")));
    }

    List<MatchNotes.Written> writtenBy(long participantId) {
        return db.list("SELECT id, match_id, kind, text, created_at FROM match_note WHERE author_id = ? ORDER BY created_at, id",
                ps -> ps.setLong(1, participantId), MatchRepository::written);
    }

    /** Every note on a match, for makelaars. */
    List<MatchNotes.Note> notes(long matchId) {
        return db.list("""
                SELECT n.id, n.match_id, n.kind, n.author_id, p.display_name, m.requester_id, n.text, n.created_at,
                       n.handled_at, n.handled_by
                  FROM match_note n JOIN match m ON m.id = n.match_id JOIN participant p ON p.id = n.author_id
                 WHERE n.match_id = ? ORDER BY n.created_at, n.id
                """, ps -> ps.setLong(1, matchId), rs -> new MatchNotes.Note(rs.getLong("id"), rs.getLong("match_id"),
                        MatchNotes.Kind.valueOf(rs.getString("kind")), rs.getLong("author_id"), rs.getString("display_name"),
                        rs.getLong("author_id") == rs.getLong("requester_id") ? Side.REQUESTER : Side.HELPER,
                        rs.getString("text"), instant(rs, "created_at"), instant(rs, "handled_at"),
                        rs.getObject("handled_by", Long.class)));
    }

    private static final String REPORT_SELECT = """
            SELECT n.id, n.match_id, m.request_id, l.title, m.status AS match_status, n.author_id, p.display_name,
                   m.requester_id, n.text, n.created_at, n.handled_at, n.handled_by
              FROM match_note n
              JOIN match m ON m.id = n.match_id
              JOIN listing l ON l.id = m.request_id
              JOIN participant p ON p.id = n.author_id
             WHERE n.kind = 'REPORT'
            """;

    /**
     * Problem reports: open (not handled), handled, or all when {@code open} is null; oldest first,
     * after {@code after}, at most {@code limit} + 1 (one more tells that a next page exists).
     */
    List<MatchNotes.Report> reports(@Nullable Boolean open, @Nullable TimeCursor after, int limit) {
        return db.list(REPORT_SELECT + """
                 AND (? OR (n.handled_at IS NULL) = ?)
                 AND %s
                ORDER BY n.created_at, n.id
                LIMIT ?""".formatted(TimeCursor.after("n.created_at", "n.id", false)), ps -> {
            ps.setBoolean(1, open == null);
            ps.setBoolean(2, open != null && open);
            TimeCursor.bind(ps, 3, after);
            ps.setInt(6, limit + 1);
        }, MatchRepository::report);
    }

    Optional<MatchNotes.Report> report(long id) {
        return db.one(REPORT_SELECT + " AND n.id = ?", ps -> ps.setLong(1, id), MatchRepository::report);
    }

    /** Marks an open report handled; false when there is no such report or it was handled already. */
    boolean markHandled(long id, long accountId) {
        return db.update("UPDATE match_note SET handled_at = now(), handled_by = ? WHERE id = ? AND kind = 'REPORT' "
                + "AND handled_at IS NULL", ps -> {
                    ps.setLong(1, accountId);
                    ps.setLong(2, id);
                }) == 1;
    }

    /** Thanks addressed to this helper, newest first, after {@code after}, at most {@code limit} + 1. */
    List<MatchNotes.Received> thanksReceived(long helperId, @Nullable TimeCursor after, int limit) {
        return db.list("""
                SELECT n.id, n.match_id, m.request_id, l.title, p.display_name, n.text, n.created_at
                  FROM match_note n
                  JOIN match m ON m.id = n.match_id
                  JOIN listing l ON l.id = m.request_id
                  JOIN participant p ON p.id = n.author_id
                 WHERE n.kind = 'THANKS' AND m.helper_id = ?
                   AND %s
                 ORDER BY n.created_at DESC, n.id DESC
                 LIMIT ?
                """.formatted(TimeCursor.after("n.created_at", "n.id", true)), ps -> {
                    ps.setLong(1, helperId);
                    TimeCursor.bind(ps, 2, after);
                    ps.setInt(5, limit + 1);
                }, rs -> new MatchNotes.Received(rs.getLong("id"), rs.getLong("match_id"),
                        rs.getLong("request_id"), rs.getString("title"), rs.getString("display_name"), rs.getString("text"),
                        instant(rs, "created_at")));
    }

    private static MatchNotes.Written written(ResultSet rs) throws SQLException {
        return new MatchNotes.Written(rs.getLong("id"), rs.getLong("match_id"), MatchNotes.Kind.valueOf(rs.getString("kind")),
                rs.getString("text"), instant(rs, "created_at"));
    }

    private static MatchNotes.Report report(ResultSet rs) throws SQLException {
        return new MatchNotes.Report(rs.getLong("id"), rs.getLong("match_id"), rs.getLong("request_id"), rs.getString("title"),
                MatchStatus.valueOf(rs.getString("match_status")), rs.getLong("author_id"), rs.getString("display_name"),
                rs.getLong("author_id") == rs.getLong("requester_id") ? Side.REQUESTER : Side.HELPER, rs.getString("text"),
                instant(rs, "created_at"), instant(rs, "handled_at"), rs.getObject("handled_by", Long.class));
    }

    // --- helpers --------------------------------------------------------------------------

    /** A unique index or constraint refused the row. */
    static boolean violates(Db.DataAccess e, String constraint) {
        return Db.uniqueViolation(e, constraint);
    }

    private boolean exists(String sql, long... values) {
        return db.one("SELECT EXISTS (" + sql + ")", ps -> {
            for (int i = 0; i < values.length; i++) {
                ps.setLong(i + 1, values[i]);
            }
        }, rs -> rs.getBoolean(1)).orElse(false);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Match map(ResultSet rs) throws SQLException {
        String endedBySide = rs.getString("ended_by_side");
        String endedForSide = rs.getString("ended_for_side");
        return new Match(
                rs.getLong("id"),
                rs.getLong("request_id"),
                rs.getObject("offer_id", Long.class),
                rs.getLong("requester_id"),
                rs.getLong("helper_id"),
                Side.valueOf(rs.getString("channel")),
                rs.getBoolean("one_off"),
                MatchStatus.valueOf(rs.getString("status")),
                instant(rs, "proposed_at"),
                rs.getLong("proposed_by"),
                instant(rs, "decided_at"),
                rs.getObject("decided_by", Long.class),
                instant(rs, "ended_at"),
                rs.getObject("ended_by", Long.class),
                endedBySide == null ? null : Side.valueOf(endedBySide),
                endedForSide == null ? null : Side.valueOf(endedForSide),
                rs.getString("end_reason"),
                rs.getString("end_cause") == null ? null : EndCause.valueOf(rs.getString("end_cause")),
                rs.getString("explanation"));
    }
}
