package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;

/**
 * Matches: one lifecycle for self-service and brokered matches. Every call is for the two
 * parties and for makelaars and coordinators; anyone else gets 404, as if the match did not exist.
 */
@Controller("/api/matches")
@ExecuteOn(TaskExecutors.BLOCKING)
// The roles by name, not "anyone logged in": MatchService takes every caller who is not a resident for staff.
@Secured({Role.Names.RESIDENT, Role.Names.MAKELAAR, Role.Names.COORDINATOR})
@Tag(name = "Matches")
public class MatchController {
    private final MatchService matches;

    public MatchController(MatchService matches) {
        this.matches = matches;
    }

    @Post
    @Operation(summary = "Propose a match for an open request",
            description = "The request's owner invites helperId (channel REQUESTER); another resident offers themself "
                    + "(channel HELPER, helperId left out); a makelaar brokers with helperId (channel MAKELAAR).")
    public HttpResponse<MatchView> propose(@Valid @Body MatchInput.Propose body, Authentication authentication) {
        MatchView created = matches.propose(CurrentUser.of(authentication), body);
        return HttpResponse.created(created, URI.create("/api/matches/" + created.id()));
    }

    @Get("/{id}")
    @Operation(summary = "One match: contact details and exact places only once it is accepted")
    public MatchView read(@PathVariable long id, Authentication authentication) {
        return matches.read(CurrentUser.of(authentication), id);
    }

    @Post("/{id}/accept")
    @Operation(summary = "The side that did not propose (or a makelaar for them) accepts: ACTIVE")
    public MatchView accept(@PathVariable long id, Authentication authentication) {
        return matches.accept(CurrentUser.of(authentication), id);
    }

    @Post("/{id}/decline")
    @Operation(summary = "The side that did not propose (or a makelaar for them) declines: DECLINED")
    public MatchView decline(@PathVariable long id, @Nullable @Valid @Body MatchInput.Reason body,
                             Authentication authentication) {
        return matches.decline(CurrentUser.of(authentication), id, body == null ? null : body.reason());
    }

    @Post("/{id}/withdraw")
    @Operation(summary = "The proposer (or a makelaar) takes an unanswered proposal back: CANCELLED")
    public MatchView withdraw(@PathVariable long id, @Nullable @Valid @Body MatchInput.Reason body,
                              Authentication authentication) {
        return matches.withdraw(CurrentUser.of(authentication), id, body == null ? null : body.reason());
    }

    @Post("/{id}/complete")
    @Operation(summary = "Either side or a makelaar: the help is done (COMPLETED)")
    public MatchView complete(@PathVariable long id, Authentication authentication) {
        return matches.complete(CurrentUser.of(authentication), id);
    }

    @Post("/{id}/cancel")
    @Operation(summary = "Either side or a makelaar ends a running match, with a reason (CANCELLED)")
    public MatchView cancel(@PathVariable long id, @Valid @Body MatchInput.Cancel body, Authentication authentication) {
        return matches.cancel(CurrentUser.of(authentication), id, body.reason(),
                body.onBehalfOf() == null ? null : Side.valueOf(body.onBehalfOf()));
    }

    @Post("/{id}/occurrences")
    @Operation(summary = "Log a day on which help was given under this match")
    public HttpResponse<MatchNotes.Occurrence> logOccurrence(@PathVariable long id, @Valid @Body MatchInput.Occurrence body,
                                                             Authentication authentication) {
        var logged = matches.logOccurrence(CurrentUser.of(authentication), id, body);
        return HttpResponse.created(logged, URI.create("/api/matches/" + id + "/occurrences"));
    }

    @Get("/{id}/occurrences")
    @Operation(summary = "The days help was given under this match")
    public List<MatchNotes.Occurrence> occurrences(@PathVariable long id, Authentication authentication) {
        return matches.occurrences(CurrentUser.of(authentication), id);
    }

    @Post("/{id}/thanks")
    @Operation(summary = "The requester thanks the helper")
    public HttpResponse<MatchNotes.Written> thank(@PathVariable long id, @Valid @Body MatchInput.Thanks body,
                                                  Authentication authentication) {
        var written = matches.thank(CurrentUser.of(authentication), id, body.message());
        return HttpResponse.created(written, URI.create("/api/matches/" + id));
    }

    @Post("/{id}/feedback")
    @Operation(summary = "Private feedback for the makelaar (no public rating)")
    public HttpResponse<MatchNotes.Written> feedback(@PathVariable long id, @Valid @Body MatchInput.Feedback body,
                                                     Authentication authentication) {
        var written = matches.feedback(CurrentUser.of(authentication), id, body.text());
        return HttpResponse.created(written, URI.create("/api/matches/" + id));
    }

    @Post("/{id}/reports")
    @Operation(summary = "Report a problem with this match to the makelaar")
    public HttpResponse<MatchNotes.Written> report(@PathVariable long id, @Valid @Body MatchInput.Report body,
                                                   Authentication authentication) {
        var written = matches.report(CurrentUser.of(authentication), id, body.text());
        return HttpResponse.created(written, URI.create("/api/match-reports/" + written.id()));
    }

    @Get("/{id}/notes")
    @Operation(summary = "Thanks, feedback and reports on this match: makelaars and coordinators only")
    public List<MatchNotes.Note> notes(@PathVariable long id, Authentication authentication) {
        return matches.notes(CurrentUser.of(authentication), id);
    }

    @Post("/{id}/block")
    @Operation(summary = "Block the other person: ends every proposed or running match between the two",
            description = "Idempotent. Later proposals between the two are refused with 409 blocked.")
    public MatchView block(@PathVariable long id, Authentication authentication) {
        return matches.block(CurrentUser.of(authentication), id);
    }

    @Post("/{id}/unblock")
    @Operation(summary = "Take back your own block of the other person in this match",
            description = "Idempotent. New proposals between the two are possible again (unless the other blocked you); "
                    + "matches the block ended stay ended.")
    public MatchView unblock(@PathVariable long id, Authentication authentication) {
        return matches.unblock(CurrentUser.of(authentication), id);
    }
}
