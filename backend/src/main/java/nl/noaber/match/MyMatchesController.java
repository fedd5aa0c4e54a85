package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.noaber.account.CurrentUser;
import nl.noaber.account.Role;
import nl.noaber.participant.OwnDataSection;
import nl.noaber.participant.Participant;
import nl.noaber.web.ApiException;
import nl.noaber.web.Page;
import nl.noaber.web.TimeCursor;

@Controller("/api/me")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Role.Names.RESIDENT)
@Tag(name = "Matches")
public class MyMatchesController {
    private final MatchService matches;

    public MyMatchesController(MatchService matches) {
        this.matches = matches;
    }

    @Get("/matches{?role,status,limit,cursor}")
    @Operation(summary = "My matches, newest first",
            description = "role: requester or helper (both when left out); status: one or more of PROPOSED, DECLINED, "
                    + "ACTIVE, COMPLETED, CANCELLED, comma-separated (all when left out). A page of at most limit matches "
                    + "(1 to 100, default 50); pass nextCursor back as cursor for the next.")
    public Page<MatchSummary> myMatches(@Nullable @QueryValue String role, @Nullable @QueryValue String status,
                                        @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor,
                                        Authentication authentication) {
        boolean asRequester = true;
        boolean asHelper = true;
        if (role != null && !role.isBlank()) {
            switch (role.trim().toLowerCase(Locale.ROOT)) {
                case "requester" -> asHelper = false;
                case "helper" -> asRequester = false;
                default -> throw ApiException.invalid("role", "OneOf", "role is requester or helper");
            }
        }
        List<MatchStatus> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                try {
                    statuses.add(MatchStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("status", "OneOf",
                            "status is one or more of PROPOSED, DECLINED, ACTIVE, COMPLETED, CANCELLED");
                }
            }
        }
        int n = Page.limit(limit);
        return matches.mine(CurrentUser.of(authentication), asRequester, asHelper, statuses, TimeCursor.decode("cursor", cursor), n);
    }

    @Get("/thanks{?limit,cursor}")
    @Operation(summary = "Thanks I received as a helper, newest first",
            description = "A page of at most limit thanks (1 to 100, default 50); pass nextCursor back as cursor for the next.")
    public Page<MatchNotes.Received> myThanks(@Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor,
                                              Authentication authentication) {
        int n = Page.limit(limit);
        return matches.thanksReceived(CurrentUser.of(authentication), TimeCursor.decode("cursor", cursor), n);
    }

    /** Matches, help logged, notes written and blocks made, in the participant's data export. */
    @Singleton
    static class Export implements OwnDataSection {
        private final MatchService matches;

        Export(MatchService matches) {
            this.matches = matches;
        }

        @Override
        public String name() {
            return "matches";
        }

        @Override
        public Object export(Participant participant) {
            return matches.export(participant.id());
        }
    }
}
