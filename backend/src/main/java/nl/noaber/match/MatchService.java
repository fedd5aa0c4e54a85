package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.db.Db;
import nl.noaber.db.RetryOnDeadlock;
import nl.noaber.geo.LatLon;
import nl.noaber.geo.PrivacyProperties;
import nl.noaber.listing.Kind;
import nl.noaber.listing.Listing;
import nl.noaber.listing.ListingChanged;
import nl.noaber.listing.ListingEnded;
import nl.noaber.listing.ListingRepository;
import nl.noaber.listing.Status;
import nl.noaber.matching.DayParts;
import nl.noaber.matching.RankingService;
import nl.noaber.matching.Scorer;
import nl.noaber.neighbourhood.NeighbourhoodRepository;
import nl.noaber.notify.NotificationKind;
import nl.noaber.notify.Notifications;
import nl.noaber.participant.ErasureStep;
import nl.noaber.web.ApiException;
import nl.noaber.web.Page;
import nl.noaber.web.TimeCursor;

/**
 * The one lifecycle of every match, whichever channel proposed it. Each transition changes the
 * match, writes its event and moves the request (OPEN / MATCHED / CLOSED) in one transaction.
 *
 * <p>Every transition also writes its news for the parties who did not act themselves into the
 * notification outbox, in the same transaction ({@link Notifications}).
 *
 * <p>Locks, in this order where a path takes several: the pair of participants (an advisory lock,
 * for proposals and blocks), the offer row (a proposal with an offer shares it; changing,
 * withdrawing or closing the offer takes it first), the request row, the match row, the helper's
 * participant row (proposal and acceptance, to see them as a suspension leaves them). Notes and
 * occurrences take their author's row (FOR KEY SHARE) before the match's, as erasing does.
 *
 * <p>Shutting someone out goes the other way round: suspending, disabling or erasing takes the
 * participant's row first, then (through triggers) their own listings and the helper lanes, then
 * each of their matches' request and match rows; so does a lane refresh after an offer changes.
 * Those can meet a proposal or an acceptance in a deadlock, which PostgreSQL breaks after its
 * deadlock timeout (a second by default); every such entry point is {@link RetryOnDeadlock}, so
 * the caller sees only the wait.
 */
@Singleton
public class MatchService {
    /** Dates of help given are Dutch calendar days. */
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final String BLOCKED_REASON = "blocked";
    static final String LEFT_REASON = "left Noaber";
    /** Why a match ends when a coordinator disables a party's account: no more said. */
    static final String NOT_TAKING_PART = "no longer taking part";

    private final MatchRepository matches;
    private final ListingRepository listings;
    private final NeighbourhoodRepository neighbourhoods;
    private final PrivacyProperties privacy;
    private final Clock clock;
    private final Notifications notifications;
    private final RankingService ranking;

    public MatchService(MatchRepository matches, ListingRepository listings, NeighbourhoodRepository neighbourhoods,
                        PrivacyProperties privacy, Clock clock, Notifications notifications, RankingService ranking) {
        this.ranking = ranking;
        this.matches = matches;
        this.listings = listings;
        this.neighbourhoods = neighbourhoods;
        this.privacy = privacy;
        this.clock = clock;
        this.notifications = notifications;
    }

    /** A match the caller may see, and the side they see it from (MAKELAAR for staff). */
    record Access(Match match, Side side) {
        boolean staff() {
            return side == Side.MAKELAAR;
        }
    }

    // --- proposing ------------------------------------------------------------------------

    @Transactional
    @RetryOnDeadlock
    public MatchView propose(CurrentUser user, MatchInput.Propose body) {
        boolean staff = !user.is(Role.RESIDENT);
        Listing request = listings.byId(body.requestId()).filter(l -> l.kind() == Kind.REQUEST)
                .orElseThrow(() -> ApiException.notFound("requestId", "Request " + body.requestId()));
        Side channel;
        long helperId;
        if (staff) {
            channel = Side.MAKELAAR;
            helperId = requireHelperId(body, "name the helper (a participant id) to broker a match");
        } else if (user.participantId() != null && user.participantId() == request.participantId()) {
            channel = Side.REQUESTER;
            helperId = requireHelperId(body, "name the helper (a participant id) you invite");
        } else {
            if (request.status() != Status.OPEN) {
                // A request that is no longer open looks missing to neighbours, as in GET /api/requests/{id}.
                throw ApiException.notFound("requestId", "Request " + body.requestId());
            }
            if (user.participantId() == null) {
                throw ApiException.forbidden("Only residents and makelaars propose matches");
            }
            if (body.helperId() != null && body.helperId().longValue() != user.participantId()) {
                throw Refusals.forbidden("propose-yourself",
                        "On someone else's request you can only offer yourself: leave helperId out");
            }
            channel = Side.HELPER;
            helperId = user.participantId();
        }
        if (!staff && body.explanation() != null) {
            throw ApiException.invalid("explanation", "StaffOnly", "only a makelaar records an explanation");
        }
        if (helperId == request.participantId()) {
            throw ApiException.unprocessable("helperId", "own-request", "nobody helps with their own request");
        }
        // Every check below runs on rows that stay as read until this proposal is written: the pair
        // (blocking), the offer used (FOR SHARE: its owner cannot change, withdraw or close it meanwhile;
        // before the request, in the order withdrawing an offer takes them) and the request's row. An owner
        // changing, withdrawing or closing the request at this moment either comes first, and this proposal
        // is checked against what it became, or waits and then ends this proposal with the others.
        matches.lockPair(request.participantId(), helperId);
        java.util.Optional<Listing> offerRow = body.offerId() == null ? java.util.Optional.empty()
                : listings.byIdForShare(body.offerId());
        request = listings.byIdForUpdate(request.id()).orElseThrow();
        if (channel == Side.HELPER && request.status() != Status.OPEN) {
            throw ApiException.notFound("requestId", "Request " + body.requestId());
        }
        if (!takesProposals(request)) {
            throw Refusals.conflict("requestId", "request-not-open",
                    "The request is " + request.status() + "; only an OPEN request (or a recurring one that is MATCHED) gets new proposals");
        }
        if (channel == Side.REQUESTER && !ranking.withinReach(request.id(), helperId)) {
            // A requester invites a neighbour, not anyone in the city by number (which would let anyone send
            // invitations all over town); where the other lives is not said. Checked first, so that nothing
            // else about someone out of reach (whether they exist, can be matched, blocked or declined)
            // can be learnt by trying their number.
            throw outOfReach();
        }
        // The helper's row, locked, then read: a makelaar suspending them (or a coordinator disabling
        // or erasing them) at this moment either comes first, and this proposal is refused, or waits
        // and then ends it with their other matches.
        MatchRepository.Person helper = matches.lockAndRead(helperId).orElseThrow(() ->
                ApiException.unprocessable("helperId", "unknown-participant", "participant " + helperId + " does not exist"));
        if (!helper.matchable()) {
            if (channel == Side.REQUESTER) {
                // To a requester, as someone out of reach: not even that this neighbour was shut out
                // (suspended, erased, a disabled account) is theirs to learn.
                throw outOfReach();
            }
            // To staff, and to the helper themself, that they cannot be matched now; why is in the standing.
            throw ApiException.unprocessable("helperId", "helper-not-active", "this participant cannot be matched now");
        }
        if (!matches.person(request.participantId()).orElseThrow().matchable()) {
            if (channel == Side.HELPER) {
                // To a neighbour, as a request that is no longer open: that its owner was shut out is
                // nobody else's business.
                throw ApiException.notFound("requestId", "Request " + body.requestId());
            }
            throw Refusals.conflict("requestId", "requester-not-active", "The requester cannot be matched now");
        }
        if (body.offerId() != null) {
            Listing offer = offerRow.filter(o -> o.kind() == Kind.OFFER && o.participantId() == helperId)
                    .orElseThrow(() -> ApiException.unprocessable("offerId", "not-helpers-offer",
                            "offer " + body.offerId() + " is not an offer of this helper"));
            if (offer.status() != Status.OPEN) {
                throw ApiException.unprocessable("offerId", "offer-not-open", "the offer is " + offer.status());
            }
            if (!offer.categoryCode().equals(request.categoryCode())) {
                throw ApiException.unprocessable("offerId", "offer-wrong-category",
                        "the offer is for " + offer.categoryCode() + ", the request asks " + request.categoryCode());
            }
        }
        if (matches.blockedEitherWay(request.participantId(), helperId)) {
            throw Refusals.conflict("helperId", "blocked", "These two participants cannot be matched");
        }
        if (matches.declinedBefore(request.id(), helperId)) {
            throw Refusals.conflict("helperId", "declined-before",
                    "A proposal for this helper and this request was declined before; a no stays a no");
        }
        // Whether the helper said they are free at one of the asked times: a no to a proposal they
        // were not free for does not count against their reliability (V10).
        boolean helperFree = Scorer.freeAtAskedTime(DayParts.of(request.schedule()), Set.copyOf(helper.availability()));
        long id;
        try {
            id = matches.insert(request.id(), body.offerId(), request.participantId(), helperId, channel,
                    oneOff(request), user.accountId(),
                    trimmed(body.explanation()), helperFree);
        } catch (Db.DataAccess e) {
            if (MatchRepository.violates(e, "match_pending_pair_idx")) {
                throw Refusals.conflict("helperId", "match-exists",
                        "This helper already has a proposed or running match for this request");
            }
            throw e;
        }
        matches.event(id, user.accountId(), channel, null, MatchStatus.PROPOSED, trimmed(body.note()));
        tell(request.participantId(), helperId, id, NotificationKind.MATCH_PROPOSED, user.participantId());
        return view(new Access(matches.byId(id).orElseThrow(), staff ? Side.MAKELAAR : channel));
    }

    /**
     * An OPEN request takes proposals; so does a MATCHED recurring one, from its requester or a
     * makelaar (neighbours see it no longer): {@link Status#takesHelpers}.
     */
    private static boolean takesProposals(Listing request) {
        return request.status().takesHelpers(request.schedule());
    }

    /** A one-off request takes one helper; a recurring one may take several (one match each). */
    private static boolean oneOff(Listing request) {
        return request.schedule().type() == nl.noaber.listing.Schedule.Type.ONE_OFF;
    }

    private static long requireHelperId(MatchInput.Propose body, String message) {
        if (body.helperId() == null) {
            throw ApiException.invalid("helperId", "NotNull", message);
        }
        return body.helperId();
    }

    // --- deciding -------------------------------------------------------------------------

    /**
     * The side that did not propose (or a makelaar for them) accepts: the match becomes ACTIVE and
     * the request MATCHED. Of two helpers accepting a one-off request at the same moment, the
     * request's row lock lets one in at a time: the second sees the first's match and gets 409
     * {@code request-already-matched}; the unique index on accepted one-off matches is the backstop.
     */
    @Transactional
    @RetryOnDeadlock
    public MatchView accept(CurrentUser user, long id) {
        Access a = access(user, id);
        requireDecider(a);
        Listing request = listings.byIdForUpdate(a.match().requestId()).orElseThrow();
        Match m = matches.byIdForUpdate(id).orElseThrow();
        // One-off or recurring as the request is now (a change of its time ends the proposals made
        // before it, see listingChanged; this holds even if a proposal outlived such a change).
        boolean oneOff = oneOff(request);
        if (oneOff && (m.status() == MatchStatus.PROPOSED || m.status() == MatchStatus.CANCELLED)
                && matches.otherAccepted(m.requestId(), m.id())) {
            // Also when this proposal was ended by that acceptance a moment ago: say why.
            throw alreadyMatched();
        }
        requireStatus(m, "accept", MatchStatus.PROPOSED);
        if (request.status() != Status.OPEN && request.status() != Status.MATCHED) {
            throw Refusals.conflict("request", "request-not-open",
                    "The request is " + request.status() + "; it can no longer be matched");
        }
        MatchRepository.Person helper = matches.lockAndRead(m.helperId()).orElseThrow();
        if (!helper.matchable()) {
            throw Refusals.conflict("helper", "helper-not-active", "The helper cannot be matched now");
        }
        if (!matches.person(m.requesterId()).orElseThrow().matchable()) {
            throw Refusals.conflict("requester", "requester-not-active", "The requester cannot be matched now");
        }
        if (matches.activeAsHelper(m.helperId()) >= helper.capacity()) {
            // How much a helper carries is for makelaars (and the helper) to know, not for a requester.
            throw Refusals.conflict("helper", "helper-at-capacity", a.side() == Side.REQUESTER
                    ? "The helper cannot take this on now"
                    : "The helper already has " + helper.capacity() + " running matches, as many as they want to carry");
        }
        try {
            matches.accept(id, user.accountId(), oneOff);
        } catch (Db.DataAccess e) {
            if (MatchRepository.violates(e, "match_one_off_accepted_idx")) {
                throw alreadyMatched();
            }
            throw e;
        }
        listings.transition(m.requestId(), List.of(Status.OPEN), Status.MATCHED);
        matches.event(id, user.accountId(), a.side(), MatchStatus.PROPOSED, MatchStatus.ACTIVE, null);
        tell(m, NotificationKind.MATCH_ACCEPTED, user.participantId());
        if (oneOff) {
            endOtherProposals(m, user, a.side());
        }
        return view(reload(a));
    }

    /**
     * A one-off request has its helper: every other proposal for it ends (CANCELLED, reason
     * {@link Notifications#MATCHED_ELSEWHERE}, by the accepting side), and each of those helpers
     * hears that someone else is helping, so nobody is left answering a proposal that can no longer
     * go ahead. The requester knows already. The request's row is locked, so no proposal comes in
     * between. Should the match be cancelled later, the request is open again for new proposals.
     */
    private void endOtherProposals(Match accepted, CurrentUser user, Side side) {
        for (Match open : matches.ofListing(accepted.requestId(), false, List.of(MatchStatus.PROPOSED))) {
            if (open.id() == accepted.id()) {
                continue;
            }
            Match m = lockedAgain(open);
            if (m.status() != MatchStatus.PROPOSED) {
                continue;
            }
            matches.end(m.id(), MatchStatus.PROPOSED, MatchStatus.CANCELLED, user.accountId(), side, null,
                    EndCause.MATCHED_ELSEWHERE, Notifications.MATCHED_ELSEWHERE);
            matches.event(m.id(), user.accountId(), side, MatchStatus.PROPOSED, MatchStatus.CANCELLED, Notifications.MATCHED_ELSEWHERE);
            if (user.participantId() == null || m.helperId() != user.participantId()) {
                notifications.aboutMatch(m.id(), NotificationKind.MATCH_CANCELLED, List.of(m.helperId()));
            }
        }
    }

    private static ApiException alreadyMatched() {
        return Refusals.conflict("request", "request-already-matched",
                "This one-off request has already been matched with another helper");
    }

    @Transactional
    @RetryOnDeadlock
    public MatchView decline(CurrentUser user, long id, @Nullable String reason) {
        Access a = access(user, id);
        requireDecider(a);
        listings.byIdForUpdate(a.match().requestId());
        Match m = matches.byIdForUpdate(id).orElseThrow();
        requireStatus(m, "decline", MatchStatus.PROPOSED);
        matches.decline(id, user.accountId(), a.side(), trimmed(reason));
        matches.event(id, user.accountId(), a.side(), MatchStatus.PROPOSED, MatchStatus.DECLINED, trimmed(reason));
        tell(m, NotificationKind.MATCH_DECLINED, user.participantId());
        return view(reload(a));
    }

    /** The proposer (or a makelaar) takes a proposal back before it is answered. */
    @Transactional
    @RetryOnDeadlock
    public MatchView withdraw(CurrentUser user, long id, @Nullable String reason) {
        Access a = access(user, id);
        if (!a.staff() && a.side() != a.match().channel()) {
            throw Refusals.forbidden("proposer-withdraws",
                    "Only who proposed it takes a proposal back; the " + a.side().name().toLowerCase() + " declines it");
        }
        listings.byIdForUpdate(a.match().requestId());
        Match m = matches.byIdForUpdate(id).orElseThrow();
        requireStatus(m, "withdraw", MatchStatus.PROPOSED);
        matches.end(id, MatchStatus.PROPOSED, MatchStatus.CANCELLED, user.accountId(), a.side(), trimmed(reason));
        matches.event(id, user.accountId(), a.side(), MatchStatus.PROPOSED, MatchStatus.CANCELLED, trimmed(reason));
        tell(m, NotificationKind.MATCH_CANCELLED, user.participantId());
        return view(reload(a));
    }

    // --- ending ---------------------------------------------------------------------------

    /**
     * Done: the request is CLOSED once no other match of it is still running, unless a proposal for
     * it still waits for an answer (a recurring request whose requester or makelaar asked another
     * helper): then it is OPEN again, so that the proposal can be accepted, and the request is
     * planned and shown as any open one.
     */
    @Transactional
    @RetryOnDeadlock
    public MatchView complete(CurrentUser user, long id) {
        Access a = access(user, id);
        listings.byIdForUpdate(a.match().requestId());
        Match m = matches.byIdForUpdate(id).orElseThrow();
        requireStatus(m, "complete", MatchStatus.ACTIVE);
        matches.end(id, MatchStatus.ACTIVE, MatchStatus.COMPLETED, user.accountId(), a.side(), null);
        if (!matches.otherActive(m.requestId(), id)) {
            listings.transition(m.requestId(), List.of(Status.MATCHED),
                    matches.anyProposed(m.requestId()) ? Status.OPEN : Status.CLOSED);
        }
        matches.event(id, user.accountId(), a.side(), MatchStatus.ACTIVE, MatchStatus.COMPLETED, null);
        tell(m, NotificationKind.MATCH_COMPLETED, user.participantId());
        return view(reload(a));
    }

    /** The way out: either side ends a running match with a reason; the request is OPEN again. */
    @Transactional
    @RetryOnDeadlock
    public MatchView cancel(CurrentUser user, long id, String reason, @Nullable Side onBehalfOf) {
        Access a = access(user, id);
        if (onBehalfOf != null && !a.staff()) {
            throw ApiException.invalid("onBehalfOf", "StaffOnly", "only a makelaar ends a match on someone's behalf");
        }
        listings.byIdForUpdate(a.match().requestId());
        Match m = matches.byIdForUpdate(id).orElseThrow();
        requireStatus(m, "cancel", MatchStatus.ACTIVE);
        endRunning(m, user.accountId(), a.side(), onBehalfOf, null, reason.trim(), user.participantId());
        return view(reload(a));
    }

    /**
     * Ends a proposed or running match (CANCELLED) for a reason of its own, not an answer: a block,
     * a withdrawn listing, a participant leaving. The caller locked the request and the match.
     */
    private void end(Match m, long actor, Side side, EndCause cause, String reason, @Nullable Long actorParticipant) {
        if (m.status() == MatchStatus.PROPOSED) {
            matches.end(m.id(), MatchStatus.PROPOSED, MatchStatus.CANCELLED, actor, side, null, cause, reason);
            matches.event(m.id(), actor, side, MatchStatus.PROPOSED, MatchStatus.CANCELLED, reason);
            tell(m, NotificationKind.MATCH_CANCELLED, actorParticipant);
        } else if (m.status() == MatchStatus.ACTIVE) {
            endRunning(m, actor, side, null, cause, reason, actorParticipant);
        }
    }

    /**
     * The owner withdrew or closed a request or offer (in that transaction, through
     * {@link ListingEnded}): proposals for it can no longer go ahead and are CANCELLED; a withdrawn
     * request also ends its running matches. The other side is told. A closed request keeps its
     * running matches: the help may be finishing, and either side completes or ends it.
     */
    @Transactional
    public void listingEnded(ListingEnded e) {
        boolean offer = e.kind() == Kind.OFFER;
        List<MatchStatus> which = !offer && e.status() == Status.WITHDRAWN
                ? List.of(MatchStatus.PROPOSED, MatchStatus.ACTIVE) : List.of(MatchStatus.PROPOSED);
        String reason = (offer ? "offer " : "request ") + e.status().name().toLowerCase(java.util.Locale.ROOT);
        endMatchesOfListing(e.listingId(), offer, which, EndCause.LISTING_ENDED, reason, e.ownerAccountId(),
                e.ownerParticipantId());
    }

    /**
     * The owner changed what an open request is about (its category, place or time) or what an offer
     * offers (its category), through {@link ListingChanged}: the proposals waiting for an answer were
     * made for what it was, and end (CANCELLED, reason "request changed: place", by the owner's side;
     * no cost to anyone's reliability, as nothing had been agreed). A yes given to shopping on Tuesday
     * must not become a yes to moving house on Saturday, whichever side would have answered. The other
     * side is told why; whoever still fits can propose again. Running matches of a recurring request
     * cannot be affected: only an OPEN request can be changed, and an offer's running matches are at
     * their request's place and time.
     */
    @Transactional
    public void listingChanged(ListingChanged e) {
        endMatchesOfListing(e.listingId(), e.kind() == Kind.OFFER, List.of(MatchStatus.PROPOSED), EndCause.LISTING_CHANGED,
                e.reason(), e.ownerAccountId(), e.ownerParticipantId());
    }

    /**
     * Ends the matches in {@code which} statuses made for a request or (with {@code offer}) with an
     * offer, on its owner's side ({@link #end}), each read again under its locks.
     */
    private void endMatchesOfListing(long listingId, boolean offer, List<MatchStatus> which, EndCause cause, String reason,
                                     long ownerAccountId, long ownerParticipantId) {
        for (Match open : matches.ofListing(listingId, offer, which)) {
            Match m = lockedAgain(open);
            if (which.contains(m.status())) {
                end(m, ownerAccountId, offer ? Side.HELPER : Side.REQUESTER, cause, reason, ownerParticipantId);
            }
        }
    }

    /**
     * Erasing a participant: what they wrote about matches goes, and every proposed or running match
     * of theirs is CANCELLED ("left Noaber"), on their side or, when a coordinator erases, the
     * makelaar's. The other person is told, without their name.
     */
    @Transactional
    public void erase(ErasureStep.Erasure e) {
        matches.erase(e.participantId(), e.accountId());
        endEveryMatchOf(e.participantId(), e.byAccountId(),
                m -> e.byStaff() ? Side.MAKELAAR : m.sideOf(e.participantId()), EndCause.LEFT, LEFT_REASON);
    }

    /**
     * A coordinator disabled an account: its participant's matches end, as for {@link #participantSuspended}.
     * Enabling the account again does not bring the matches back.
     */
    @Transactional
    public void accountDisabled(nl.noaber.account.AccountDisabled e) {
        matches.participantOfAccount(e.accountId()).ifPresent(participant -> shutOut(participant, e.byAccountId()));
    }

    /**
     * A makelaar or coordinator suspended a participant: every proposed or running match of theirs
     * ends (CANCELLED, reason {@value #NOT_TAKING_PART}, by the makelaar side), so nobody shut out
     * keeps or gets anyone's address and phone number through a match. The other person is told, in
     * words that say nothing about why. Reinstating them does not bring the matches back.
     */
    @Transactional
    public void participantSuspended(nl.noaber.participant.ParticipantSuspended e) {
        shutOut(e.participantId(), e.byAccountId());
    }

    private void shutOut(long participant, long byAccountId) {
        endEveryMatchOf(participant, byAccountId, m -> Side.MAKELAAR, EndCause.NOT_TAKING_PART, NOT_TAKING_PART);
    }

    /**
     * Ends every proposed or running match of a participant ({@link #end}), each on the side {@code side}
     * gives, telling the other person; the participant themself is not told.
     */
    private void endEveryMatchOf(long participant, long byAccountId, java.util.function.Function<Match, Side> side,
                                 EndCause cause, String reason) {
        for (Match open : matches.ofParticipant(participant)) {
            if (open.status() != MatchStatus.PROPOSED && open.status() != MatchStatus.ACTIVE) {
                continue;
            }
            Match m = lockedAgain(open);
            end(m, byAccountId, side.apply(m), cause, reason, participant);
        }
    }

    /**
     * A match found by a search, read again with its request and itself locked, in that order (as
     * every transition locks them): what it is now, which the caller checks before ending it.
     */
    private Match lockedAgain(Match found) {
        listings.byIdForUpdate(found.requestId());
        return matches.byIdForUpdate(found.id()).orElseThrow();
    }

    /** Ends an ACTIVE match (CANCELLED, with its event) and reopens the request when nothing else runs. */
    private void endRunning(Match m, long actor, Side side, @Nullable Side forSide, @Nullable EndCause cause, String reason,
                            @Nullable Long actorParticipant) {
        matches.end(m.id(), MatchStatus.ACTIVE, MatchStatus.CANCELLED, actor, side, forSide, cause, reason);
        if (!matches.otherActive(m.requestId(), m.id())) {
            listings.transition(m.requestId(), List.of(Status.MATCHED), Status.OPEN);
        }
        matches.event(m.id(), actor, side, MatchStatus.ACTIVE, MatchStatus.CANCELLED, reason);
        tell(m, NotificationKind.MATCH_CANCELLED, actorParticipant);
    }

    /** News of a transition for the parties who did not make it (both, when a makelaar acted). */
    private void tell(Match m, NotificationKind kind, @Nullable Long actorParticipant) {
        tell(m.requesterId(), m.helperId(), m.id(), kind, actorParticipant);
    }

    private void tell(long requesterId, long helperId, long matchId, NotificationKind kind, @Nullable Long actorParticipant) {
        List<Long> to = new ArrayList<>(2);
        for (long party : new long[] {requesterId, helperId}) {
            if (actorParticipant == null || party != actorParticipant) {
                to.add(party);
            }
        }
        notifications.aboutMatch(matchId, kind, to);
    }

    /**
     * A party blocks the other: every proposed or running match between the two (either way
     * round, any request) is CANCELLED with reason "blocked", and no new one can be proposed.
     * Blocking again changes nothing.
     */
    @Transactional
    @RetryOnDeadlock
    public MatchView block(CurrentUser user, long id) {
        Access a = access(user, id);
        long[] pair = lockedParties(a, "Only one of the two people in the match can block the other");
        long me = pair[0];
        long other = pair[1];
        matches.block(me, other, id);
        for (Match open : matches.between(me, other, List.of(MatchStatus.PROPOSED, MatchStatus.ACTIVE))) {
            Match m = lockedAgain(open);
            Side side = m.sideOf(me);
            end(m, user.accountId(), side, EndCause.BLOCKED, BLOCKED_REASON, me);
        }
        return view(reload(a));
    }

    /**
     * A party takes back their own block of the other: proposals between the two are possible again
     * unless the other blocked them too. What the block ended stays ended. Unblocking when there is
     * no block changes nothing.
     */
    @Transactional
    @RetryOnDeadlock
    public MatchView unblock(CurrentUser user, long id) {
        Access a = access(user, id);
        long[] pair = lockedParties(a, "Only the person who blocked can take the block back");
        matches.unblock(pair[0], pair[1]);
        return view(reload(a));
    }

    /** The caller's participant and the other party's, with the pair locked; staff are refused (403). */
    private long[] lockedParties(Access a, String refusal) {
        if (a.staff()) {
            throw Refusals.forbidden("parties-only", refusal);
        }
        long me = a.match().participantOn(a.side());
        long other = a.match().participantOn(a.side() == Side.REQUESTER ? Side.HELPER : Side.REQUESTER);
        matches.lockPair(me, other);
        return new long[] {me, other};
    }

    // --- reading --------------------------------------------------------------------------

    @Transactional
    public MatchView read(CurrentUser user, long id) {
        return view(access(user, id));
    }

    /** A page of the caller's matches, newest proposal first, after {@code after}. */
    @Transactional
    public Page<MatchSummary> mine(CurrentUser user, boolean asRequester, boolean asHelper, List<MatchStatus> statuses,
                                   @Nullable TimeCursor after, int limit) {
        return TimeCursor.page(matches.summaries(user.participantId(), asRequester, asHelper, statuses, after, limit), limit,
                MatchSummary::proposedAt, MatchSummary::id);
    }

    // --- help given -----------------------------------------------------------------------

    /**
     * Each time help was given under a match, once per day. Figures count the match once and
     * these separately.
     */
    @Transactional
    @RetryOnDeadlock
    public MatchNotes.Occurrence logOccurrence(CurrentUser user, long id, MatchInput.Occurrence body) {
        Access a = access(user, id);
        Match m = lockedAgainBy(a);
        if (!m.status().sharesContact()) {
            throw Refusals.conflict("status", "match-not-accepted",
                    "Help is logged under an ACTIVE or COMPLETED match; this one is " + m.status());
        }
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        if (body.date().isAfter(today)) {
            throw ApiException.invalid("date", "PastOrPresent", "help is logged once it was given: not after today");
        }
        LocalDate accepted = LocalDate.ofInstant(m.decidedAt(), ZONE);
        if (body.date().isBefore(accepted)) {
            throw ApiException.invalid("date", "NotBeforeAcceptance", "the match was accepted on " + accepted);
        }
        if (m.endedAt() != null && body.date().isAfter(LocalDate.ofInstant(m.endedAt(), ZONE))) {
            throw ApiException.invalid("date", "NotAfterEnd", "the match ended on " + LocalDate.ofInstant(m.endedAt(), ZONE));
        }
        try {
            return matches.insertOccurrence(id, body.date(), trimmed(body.note()), user.accountId());
        } catch (Db.DataAccess e) {
            if (MatchRepository.violates(e, "match_occurrence_match_id_occurred_on_key")) {
                throw Refusals.conflict("date", "occurrence-exists", "Help on " + body.date() + " is logged already");
            }
            throw e;
        }
    }

    @Transactional
    public List<MatchNotes.Occurrence> occurrences(CurrentUser user, long id) {
        access(user, id);
        return matches.occurrences(id);
    }

    // --- after a match --------------------------------------------------------------------

    /** The requester (or a makelaar passing it on) thanks the helper; the helper reads it. */
    @Transactional
    @RetryOnDeadlock
    public MatchNotes.Written thank(CurrentUser user, long id, String message) {
        Access a = access(user, id);
        if (a.side() == Side.HELPER) {
            throw Refusals.forbidden("requester-only", "Thanks go from the requester to the helper");
        }
        Match m = a.match();
        return note(m, MatchNotes.Kind.THANKS, m.requesterId(), message.trim(), "message", locked -> {
            if (!locked.status().sharesContact()) {
                throw Refusals.conflict("status", "match-not-accepted",
                        "Thanks follow an ACTIVE or COMPLETED match; this one is " + locked.status());
            }
            if (matches.blockedEitherWay(locked.requesterId(), locked.helperId())) {
                throw Refusals.conflict("helper", "blocked", "These two participants cannot reach each other");
            }
            requireBothTakingPart(locked);
        });
    }

    /** Private feedback for the makelaar, from either party once the match was accepted; no public rating. */
    @Transactional
    @RetryOnDeadlock
    public MatchNotes.Written feedback(CurrentUser user, long id, String text) {
        Access a = partyOnly(access(user, id), "feedback");
        if (!a.match().wasAccepted()) {
            throw Refusals.conflict("status", "match-not-accepted",
                    "Feedback follows a match that was accepted; this one is " + a.match().status());
        }
        return note(a.match(), MatchNotes.Kind.FEEDBACK, a.match().participantOn(a.side()), text.trim(), "text", locked -> {});
    }

    /** A problem with the match, for the makelaar to handle; in any state. */
    @Transactional
    @RetryOnDeadlock
    public MatchNotes.Written report(CurrentUser user, long id, String text) {
        Access a = partyOnly(access(user, id), "reports");
        return note(a.match(), MatchNotes.Kind.REPORT, a.match().participantOn(a.side()), text.trim(), "text", locked -> {});
    }

    /**
     * Writes a note, unless its author wrote the very same one on this match a moment ago (a
     * double tap, or a client sending again after a lost answer): then 409 {@code duplicate}, and
     * the makelaar's queue holds one report, not two. The match's row is locked first, so two
     * copies sent at once are written one after the other, and the second is refused.
     */
    private MatchNotes.Written note(Match m, MatchNotes.Kind kind, long author, String text, String field,
                                    java.util.function.Consumer<Match> check) {
        requireNotErased(m, author);
        check.accept(matches.byIdForUpdate(m.id()).orElseThrow());
        if (matches.sameNoteJustWritten(m.id(), kind, author, text)) {
            throw Refusals.conflict(field, "duplicate", "You wrote this " + kind.name().toLowerCase()
                    + " on this match a moment ago; it is there once");
        }
        return matches.insertNote(m.id(), kind, author, text);
    }

    /**
     * The match's row locked (as erasing a participant locks every match of theirs before it clears
     * their words) and read again, for an action that writes under it; a party erased meanwhile no
     * longer writes (the same 404 as for a match that is not theirs).
     */
    private Match lockedAgainBy(Access a) {
        if (!a.staff()) {
            requireNotErased(a.match(), a.match().participantOn(a.side()));
        }
        return matches.byIdForUpdate(a.match().id()).orElseThrow();
    }

    /**
     * The author's row taken FOR KEY SHARE first (erasing them holds it FOR UPDATE, so this waits
     * for an erasure under way to commit; and it comes before the match's row, in the order erasing
     * takes them), then 404 when they were erased: nothing of theirs is written after.
     */
    private void requireNotErased(Match m, long author) {
        matches.lockForKeyShare(author);
        if ("INACTIVE".equals(matches.person(author).map(MatchRepository.Person::status).orElse("INACTIVE"))) {
            throw Refusals.notFound(m.id());
        }
    }

    /** Refuses (409) when one of the two cannot be matched now: thanks would reach or come from someone shut out. */
    private void requireBothTakingPart(Match m) {
        if (!matches.person(m.requesterId()).orElseThrow().matchable() || !matches.person(m.helperId()).orElseThrow().matchable()) {
            throw Refusals.conflict("helper", "not-taking-part", "One of the two is not taking part now; thanks cannot reach them");
        }
    }

    /** Every note on a match: makelaars and coordinators only. */
    @Transactional
    public List<MatchNotes.Note> notes(CurrentUser user, long id) {
        Access a = access(user, id);
        if (!a.staff()) {
            throw Refusals.forbidden("staff-only", "Feedback and reports are read by makelaars only");
        }
        return matches.notes(id);
    }

    /** A page of the thanks the caller received as a helper, newest first. */
    @Transactional
    public Page<MatchNotes.Received> thanksReceived(CurrentUser user, @Nullable TimeCursor after, int limit) {
        return TimeCursor.page(matches.thanksReceived(user.participantId(), after, limit), limit,
                MatchNotes.Received::createdAt, MatchNotes.Received::id);
    }

    /** A page of the problem reports (open, handled, or all when {@code open} is null), oldest first. */
    @Transactional
    public Page<MatchNotes.Report> reports(@Nullable Boolean open, @Nullable TimeCursor after, int limit) {
        return TimeCursor.page(matches.reports(open, after, limit), limit, MatchNotes.Report::createdAt, MatchNotes.Report::id);
    }

    @Transactional
    public MatchNotes.Report handled(CurrentUser user, long reportId) {
        matches.report(reportId).orElseThrow(() -> ApiException.notFound("Report " + reportId));
        if (!matches.markHandled(reportId, user.accountId())) {
            // Read again: another makelaar may have handled it between our read and our update.
            throw Refusals.conflict("id", "already-handled",
                    "This report was handled on " + matches.report(reportId).orElseThrow().handledAt());
        }
        return matches.report(reportId).orElseThrow();
    }

    // --- own data -------------------------------------------------------------------------

    @Transactional
    public MatchExport export(long participantId) {
        List<MatchExport.OwnMatch> own = new ArrayList<>();
        for (Match m : matches.ofParticipant(participantId)) {
            Side side = m.sideOf(participantId);
            long other = m.participantOn(side == Side.REQUESTER ? Side.HELPER : Side.REQUESTER);
            Listing request = listings.byId(m.requestId()).orElseThrow();
            own.add(new MatchExport.OwnMatch(m.id(), m.requestId(), request.title(), side, m.channel(), m.status(),
                    matches.person(other).map(MatchRepository.Person::displayName).orElse(""), m.proposedAt(),
                    m.decidedAt(), m.endedAt(), m.endedBySide(), m.endedForSide(), m.endReason(), m.endCause(),
                    matches.events(m.id(), false),
                    matches.occurrences(m.id()), matches.thanks(m.id())));
        }
        return new MatchExport(own, matches.writtenBy(participantId), matches.blocksBy(participantId));
    }

    // --- the rules ------------------------------------------------------------------------

    private static ApiException outOfReach() {
        return ApiException.unprocessable("helperId", "out-of-reach",
                "invite someone who lives within reach of your request; a makelaar can broker anyone else");
    }

    /** Parties and staff see a match; anyone else gets the 404 of a missing one. */
    private Access access(CurrentUser user, long id) {
        Match m = matches.byId(id).orElseThrow(() -> Refusals.notFound(id));
        if (!user.is(Role.RESIDENT)) {
            return new Access(m, Side.MAKELAAR);
        }
        Side side = m.sideOf(user.participantId());
        if (side == null) {
            throw Refusals.notFound(id);
        }
        return new Access(m, side);
    }

    private static void requireDecider(Access a) {
        Side decider = a.match().channel().decider();
        if (!a.staff() && a.side() != decider) {
            throw Refusals.forbidden("other-side-decides",
                    "The " + decider.name().toLowerCase() + " accepts or declines this proposal");
        }
    }

    private static Access partyOnly(Access a, String what) {
        if (a.staff()) {
            throw Refusals.forbidden("parties-only", "Only the two people in the match write " + what
                    + "; makelaars keep their own notes");
        }
        return a;
    }

    private static void requireStatus(Match m, String action, MatchStatus from) {
        if (m.status() != from) {
            throw Refusals.illegalTransition(m, action, from);
        }
    }

    private Access reload(Access a) {
        return new Access(matches.byId(a.match().id()).orElseThrow(), a.side());
    }

    private static String trimmed(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    // --- the view -------------------------------------------------------------------------

    /**
     * Contact details and exact places: makelaars always; a party sees the other's only while the
     * match is ACTIVE, or COMPLETED no longer ago than {@code noaber.privacy.contact-after-completion},
     * neither has blocked the other, and both can be matched now (a suspended, erased or disabled
     * participant neither keeps nor gives anyone's address and phone number through a match that
     * was completed before).
     */
    private MatchView view(Access a) {
        Match m = a.match();
        Listing request = listings.byId(m.requestId()).orElseThrow();
        MatchRepository.Person requester = matches.person(m.requesterId()).orElseThrow();
        MatchRepository.Person helper = matches.person(m.helperId()).orElseThrow();
        boolean apart = matches.blockedEitherWay(m.requesterId(), m.helperId()) || !requester.matchable() || !helper.matchable();
        Instant sharedUntil = contactSharedUntil(m);
        boolean shared = m.status().sharesContact() && !apart && (sharedUntil == null || clock.instant().isBefore(sharedUntil));
        boolean staff = a.staff();
        var requestPart = new MatchView.Request(request.id(), request.title(), request.categoryCode(), request.schedule(),
                LatLon.of(request.publicPlace()), privacy.gridMetres(),
                request.neighbourhoodId() == null ? null : neighbourhoods.name(request.neighbourhoodId()).orElse(null),
                request.status(),
                staff || shared ? LatLon.of(request.place()) : null);
        var offer = m.offerId() == null ? null
                : listings.byId(m.offerId()).map(o -> new MatchView.Offer(o.id(), o.title())).orElse(null);
        return new MatchView(m.id(), m.channel(), m.status(), m.oneOff(), a.side(), requestPart, offer,
                party(requester, staff || (shared && a.side() == Side.HELPER)),
                party(helper, staff || (shared && a.side() == Side.REQUESTER)),
                shared, shared ? sharedUntil : null, m.proposedAt(), m.decidedAt(), m.endedAt(), m.endedBySide(), m.endedForSide(), m.endReason(),
                m.endCause(), m.explanation(),
                actions(m, a.side(), apart), matches.events(m.id(), staff), matches.thanks(m.id()),
                matches.occurrenceCount(m.id()));
    }

    /** When a completed match stops sharing contact details with its two sides; null while it is not completed. */
    private Instant contactSharedUntil(Match m) {
        return m.status() == MatchStatus.COMPLETED && m.endedAt() != null ? m.endedAt().plus(privacy.contactAfterCompletion()) : null;
    }

    private static MatchView.Party party(MatchRepository.Person p, boolean withContact) {
        var contact = withContact
                ? new MatchView.Contact(p.phone(), p.email(), p.contactChannels(), p.postcode(), p.houseNumber(), LatLon.of(p.home()))
                : null;
        return new MatchView.Party(p.id(), p.displayName(), p.kind(), p.accountId() == null, contact);
    }

    /** What {@code side} may do now; {@code apart}: the two cannot reach each other (blocked, or one shut out). */
    static List<String> actions(Match m, Side side, boolean apart) {
        boolean staff = side == Side.MAKELAAR;
        List<String> actions = new ArrayList<>();
        if (m.status() == MatchStatus.PROPOSED) {
            if (staff || side == m.channel().decider()) {
                actions.add("accept");
                actions.add("decline");
            }
            if (staff || side == m.channel()) {
                actions.add("withdraw");
            }
        } else if (m.status() == MatchStatus.ACTIVE) {
            actions.add("complete");
            actions.add("cancel");
        }
        if (m.status().sharesContact()) {
            actions.add("log-occurrence");
            if (side != Side.HELPER && !apart) {
                actions.add("thank");
            }
        }
        if (!staff) {
            if (m.wasAccepted()) {
                actions.add("feedback");
            }
            actions.add("report");
            actions.add("block");
        }
        return actions;
    }
}
