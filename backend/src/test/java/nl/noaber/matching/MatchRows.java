package nl.noaber.matching;

import nl.noaber.db.Db;
import nl.noaber.support.Fixtures.Person;

/** Match rows written straight into the database, for the histories the matching tests need (no HTTP round trips). */
final class MatchRows {
    private MatchRows() {}

    /**
     * A match in {@code status}, decided {@code daysAgo} days ago; a DECLINED, COMPLETED or CANCELLED
     * one ended then too, a DECLINED or COMPLETED one on the helper's side (a no or the end of help the
     * helper counts for).
     */
    static void insert(Db db, long request, Person requester, Person helper, String status, boolean oneOff, int daysAgo) {
        db.update("""
                INSERT INTO match (request_id, requester_id, helper_id, channel, one_off, status, proposed_by,
                                   decided_at, decided_by, ended_at, ended_by, ended_by_side)
                SELECT ?, ?, ?, 'REQUESTER', ?, s.status, ?, s.at, ?,
                       CASE WHEN s.status IN ('DECLINED', 'COMPLETED', 'CANCELLED') THEN s.at END,
                       CASE WHEN s.status IN ('DECLINED', 'COMPLETED', 'CANCELLED') THEN CAST(? AS bigint) END,
                       CASE WHEN s.status IN ('DECLINED', 'COMPLETED') THEN 'HELPER' END
                  FROM (SELECT CAST(? AS text) AS status, now() - make_interval(days => ?) AS at) s
                """, ps -> {
                    ps.setLong(1, request);
                    ps.setLong(2, requester.participantId());
                    ps.setLong(3, helper.participantId());
                    ps.setBoolean(4, oneOff);
                    ps.setLong(5, requester.accountId());
                    ps.setLong(6, helper.accountId());
                    ps.setLong(7, helper.accountId());
                    ps.setString(8, status);
                    ps.setInt(9, daysAgo);
                });
    }
}
