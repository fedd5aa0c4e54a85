package nl.noaber.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import nl.noaber.db.Db;

/**
 * The outbox writer. Features call it inside the transaction of the event that causes the news
 * (propagation MANDATORY: there is no way to call it outside one), so the news is stored if and
 * only if the event is. For each recipient it decides the channel: mail for a participant with an
 * email address who did not opt out of the kind, otherwise (no account, a disabled one, or "via the
 * makelaar" as their only channel) an item on their makelaar's work queue.
 */
@Singleton
public class Notifications {
    private final Db db;
    private final Unsubscribe unsubscribe;
    private final NotificationProperties properties;

    public Notifications(Db db, Unsubscribe unsubscribe, NotificationProperties properties) {
        this.db = db;
        this.unsubscribe = unsubscribe;
        this.properties = properties;
    }

    /** Who news goes to, and how. */
    record Recipient(long participantId, String displayName, String language, @Nullable String email,
                     @Nullable Long makelaarId, boolean erased) {
        boolean byMail() {
            return email != null;
        }
    }

    /** The reason a proposal ends with when its one-off request was matched with another helper. */
    public static final String MATCHED_ELSEWHERE = "matched with another helper";

    /** How a proposal's reason begins when its request or offer changed ({@link nl.noaber.listing.ListingChanged#reason}). */
    private static final java.util.regex.Pattern CHANGED = java.util.regex.Pattern.compile("^(?:request|offer) changed: (.+)$");

    private record MatchRow(long requesterId, long helperId, String requesterName, String helperName, String title,
                            boolean wasAccepted, boolean matchedElsewhere, List<String> changed) {}

    /**
     * News about a match for each of {@code recipients} (participant ids; the acting participant is
     * left out by the caller).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void aboutMatch(long matchId, NotificationKind kind, Collection<Long> recipients) {
        MatchRow m = db.one("""
                SELECT m.requester_id, m.helper_id,
                       CASE WHEN r.erased_at IS NULL THEN r.display_name END AS requester_name,
                       CASE WHEN h.erased_at IS NULL THEN h.display_name END AS helper_name,
                       l.title, m.decided_at IS NOT NULL AND m.status <> 'DECLINED' AS was_accepted,
                       m.status = 'CANCELLED' AND m.end_cause IS NOT DISTINCT FROM 'MATCHED_ELSEWHERE' AS matched_elsewhere,
                       CASE WHEN m.status = 'CANCELLED' AND m.end_cause = 'LISTING_CHANGED' THEN m.end_reason END AS proposal_end_reason
                  FROM match m
                  JOIN participant r ON r.id = m.requester_id
                  JOIN participant h ON h.id = m.helper_id
                  JOIN listing l ON l.id = m.request_id
                 WHERE m.id = ?
                """, ps -> ps.setLong(1, matchId), rs -> new MatchRow(rs.getLong("requester_id"), rs.getLong("helper_id"),
                        rs.getString("requester_name"), rs.getString("helper_name"), rs.getString("title"),
                        rs.getBoolean("was_accepted"), rs.getBoolean("matched_elsewhere"), changed(rs.getString("proposal_end_reason"))))
                .orElseThrow(() -> new IllegalArgumentException("no match " + matchId));
        for (long participantId : new LinkedHashSet<>(recipients)) {
            Recipient r = recipient(participantId);
            if (r.erased() || r.byMail() && optedOut(participantId, kind)) {
                continue;
            }
            boolean helps = participantId == m.helperId();
            String other = helps ? m.requesterName() : m.helperName();
            Templates.Rendered rendered = Templates.match(kind, r.language(), new Templates.MatchFacts(r.displayName(),
                    other == null ? Templates.formerParticipant(r.language()) : other, m.title(), helps, m.wasAccepted(),
                    m.matchedElsewhere(), m.changed(), properties.baseUrl() + "/matches/" + matchId, unsubscribeUrl(participantId, kind)));
            write(r, kind, matchId, rendered);
        }
    }

    /**
     * The owner's request or offer expired ({@link NotificationKind#LISTING_EXPIRED}): news to them by mail,
     * or on their makelaar's work queue.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void listingExpired(long listingId) {
        NotificationKind kind = NotificationKind.LISTING_EXPIRED;
        record ListingRow(long ownerId, boolean request, String title) {}
        ListingRow l = db.one("SELECT participant_id, kind = 'REQUEST', title FROM listing WHERE id = ?",
                ps -> ps.setLong(1, listingId), rs -> new ListingRow(rs.getLong(1), rs.getBoolean(2), rs.getString(3)))
                .orElseThrow(() -> new IllegalArgumentException("no listing " + listingId));
        Recipient r = recipient(l.ownerId());
        if (r.erased() || r.byMail() && optedOut(l.ownerId(), kind)) {
            return;
        }
        String link = properties.baseUrl() + (l.request() ? "/requests/" : "/offers/") + listingId;
        write(r, kind, null, Templates.listingExpired(r.language(), r.displayName(), l.title(), l.request(), link,
                unsubscribeUrl(l.ownerId(), kind)));
    }

    /** What changed, when a proposal ended because its request or offer changed; empty otherwise. */
    private static List<String> changed(@Nullable String proposalEndReason) {
        if (proposalEndReason == null) {
            return List.of();
        }
        java.util.regex.Matcher m = CHANGED.matcher(proposalEndReason);
        return m.matches() ? List.of(m.group(1).split(", ")) : List.of();
    }

    private String unsubscribeUrl(long participantId, NotificationKind kind) {
        return unsubscribe.url(participantId, kind);
    }

    /** Writes one notification; a follow-up that exists already is not written twice. */
    private void write(Recipient r, NotificationKind kind, @Nullable Long matchId, Templates.Rendered rendered) {
        java.util.Optional<Long> written = db.one("""
                INSERT INTO notification (participant_id, kind, language, match_id, subject, body_text, body_html, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id
                """, ps -> {
                    ps.setLong(1, r.participantId());
                    ps.setString(2, kind.name());
                    ps.setString(3, r.language());
                    ps.setObject(4, matchId);
                    ps.setString(5, rendered.subject());
                    ps.setString(6, rendered.text());
                    ps.setString(7, rendered.html());
                    ps.setString(8, r.byMail() ? "PENDING" : "QUEUED_FOR_MAKELAAR");
                }, rs -> rs.getLong(1));
        if (written.isPresent() && !r.byMail()) {
            queueForMakelaar(db, written.get(), r.participantId(), r.makelaarId());
        }
    }

    /** Who a digest is for: a participant (the volunteer's digest) or a staff account (the makelaar's). */
    enum DigestRecipient {
        PARTICIPANT("participant_id"), ACCOUNT("account_id");

        private final String column;

        DigestRecipient(String column) {
            this.column = column;
        }
    }

    /**
     * Writes one day's digest for a recipient, to be mailed; a unique index per kind on (recipient,
     * day) keeps it to one whichever instances write it. Returns 1 when written, 0 when it existed.
     */
    static int writeDigest(Db db, DigestRecipient recipient, long recipientId, NotificationKind kind, String language,
                           Templates.Rendered rendered, java.time.LocalDate day) {
        return db.update("INSERT INTO notification (" + recipient.column + """
                , kind, language, subject, body_text, body_html, status, digest_on)
                VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?) ON CONFLICT DO NOTHING
                """, ps -> {
                    ps.setLong(1, recipientId);
                    ps.setString(2, kind.name());
                    ps.setString(3, language);
                    ps.setString(4, rendered.subject());
                    ps.setString(5, rendered.text());
                    ps.setString(6, rendered.html());
                    ps.setObject(7, day);
                });
    }

    static void queueForMakelaar(Db db, long notificationId, long participantId, @Nullable Long makelaarId) {
        db.update("INSERT INTO makelaar_task (notification_id, participant_id, makelaar_id) VALUES (?, ?, ?)", ps -> {
            ps.setLong(1, notificationId);
            ps.setLong(2, participantId);
            ps.setObject(3, makelaarId);
        });
    }

    /**
     * Mail goes to the address of an enabled account, unless the participant's only wish is to be
     * reached through the makelaar; everyone else's news goes to the makelaar. {@code p} is the
     * participant (null for a staff recipient), {@code a} the account.
     */
    static final String ADDRESS = """
            CASE WHEN a.enabled AND (p.id IS NULL
                      OR NOT ('VIA_MAKELAAR' = ANY (p.contact_channels) AND NOT 'EMAIL' = ANY (p.contact_channels)))
                 THEN a.email END""";

    Recipient recipient(long participantId) {
        return db.one("SELECT p.id, p.display_name, p.preferred_language, p.makelaar_id, p.erased_at IS NOT NULL AS erased, "
                        + ADDRESS + " AS email"
                        + " FROM participant p LEFT JOIN account a ON a.id = p.account_id WHERE p.id = ?",
                ps -> ps.setLong(1, participantId),
                rs -> new Recipient(rs.getLong("id"), rs.getString("display_name"), rs.getString("preferred_language"),
                        rs.getString("email"), rs.getObject("makelaar_id", Long.class), rs.getBoolean("erased")))
                .orElseThrow(() -> new IllegalArgumentException("no participant " + participantId));
    }

    boolean optedOut(long participantId, NotificationKind kind) {
        return db.one("SELECT EXISTS (SELECT 1 FROM notification_opt_out WHERE participant_id = ? AND kind = ?)", ps -> {
            ps.setLong(1, participantId);
            ps.setString(2, kind.name());
        }, rs -> rs.getBoolean(1)).orElse(false);
    }
}
