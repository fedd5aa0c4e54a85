package nl.noaber.match;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import nl.noaber.web.PlainText;

/** The bodies clients send to the match endpoints; bean validation names the field and rule of a 400. */
public final class MatchInput {
    private MatchInput() {}

    /**
     * A proposal. The request's owner invites {@code helperId}; any other resident offers
     * themself (leave {@code helperId} out); a makelaar names the helper for any request.
     * {@code note} is shown to the other side; {@code explanation} (makelaars only) records why
     * this helper was chosen.
     */
    @Serdeable
    public record Propose(
            @NotNull Long requestId,
            @Nullable Long helperId,
            @Nullable Long offerId,
            @Nullable @Size(max = 500) @PlainText String note,
            @Nullable @Size(max = 2000) @PlainText String explanation) {}

    /** An optional reason, for declining or withdrawing. */
    @Serdeable
    public record Reason(@Nullable @Size(max = 500) @PlainText String reason) {}

    /**
     * Ending a running match always says why: the way out is clear, and the makelaar can follow up.
     * A makelaar who ends it after a call says for whom ({@code onBehalfOf}: REQUESTER or HELPER),
     * so that it counts as that party's own cancellation.
     */
    @Serdeable
    public record Cancel(@NotBlank @Size(max = 500) @PlainText String reason,
                         @Nullable @Pattern(regexp = "REQUESTER|HELPER") String onBehalfOf) {}

    /** Help given on a day, under a running (or completed) match. */
    @Serdeable
    public record Occurrence(@NotNull LocalDate date, @Nullable @Size(max = 500) @PlainText String note) {}

    /** A thank-you from the requester to the helper. */
    @Serdeable
    public record Thanks(@NotBlank @Size(max = 1000) @PlainText String message) {}

    /** Private feedback (short) or a problem report, read by makelaars only. */
    @Serdeable
    public record Feedback(@NotBlank @Size(max = 1000) @PlainText String text) {}

    @Serdeable
    public record Report(@NotBlank @Size(max = 2000) @PlainText String text) {}
}
