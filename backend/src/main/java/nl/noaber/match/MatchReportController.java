package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.web.ApiException;
import nl.noaber.web.Page;
import nl.noaber.web.TimeCursor;

/** Problems reported about matches: the makelaars' queue. */
@Controller("/api/match-reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Role.Names.MAKELAAR, Role.Names.COORDINATOR})
@Tag(name = "Matches")
public class MatchReportController {
    private final MatchService matches;

    public MatchReportController(MatchService matches) {
        this.matches = matches;
    }

    @Get
    @Operation(summary = "Problem reports, oldest first: open=true for those not handled yet, open=false for handled ones",
            description = "A page of at most limit reports (1 to 100, default 50); pass nextCursor back as cursor for the next.")
    public Page<MatchNotes.Report> reports(@Nullable @QueryValue String open, @Nullable @QueryValue Integer limit,
                                           @Nullable @QueryValue String cursor) {
        Boolean flag = null;
        if (open != null && !open.isBlank()) {
            switch (open.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> flag = true;
                case "false" -> flag = false;
                default -> throw ApiException.invalid("open", "OneOf", "open is true or false");
            }
        }
        return matches.reports(flag, TimeCursor.decode("cursor", cursor), Page.limit(limit));
    }

    @Post("/{id}/handled")
    @Operation(summary = "Mark a report handled (once)")
    public MatchNotes.Report handled(@PathVariable long id, Authentication authentication) {
        return matches.handled(CurrentUser.of(authentication), id);
    }
}
