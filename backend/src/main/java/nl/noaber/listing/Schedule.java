package nl.noaber.listing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import nl.noaber.web.ApiException;

/**
 * When help is wanted or offered: once, in a window ({@code ONE_OFF} with startsAt/endsAt), or
 * again and again ({@code RECURRING}, for example weekly on Tuesday mornings from startsOn).
 */
@Serdeable
public record Schedule(
        @NotNull Type type,
        @Nullable OffsetDateTime startsAt,
        @Nullable OffsetDateTime endsAt,
        @Nullable Frequency frequency,
        @Nullable @Size(max = 7) List<Day> days,
        @Nullable @Size(max = 3) List<PartOfDay> partsOfDay,
        @Nullable LocalDate startsOn,
        @Nullable LocalDate endsOn) {

    public enum Type { ONE_OFF, RECURRING }

    public enum Frequency { WEEKLY, FORTNIGHTLY, MONTHLY }

    public enum Day { MON, TUE, WED, THU, FRI, SAT, SUN }

    public enum PartOfDay { MORNING, AFTERNOON, EVENING }

    /**
     * The same times, however they were written: moments compared as instants (a time sent with
     * +01:00 comes back from the database in UTC), lists as written by {@link #checked}.
     */
    public boolean sameAs(Schedule other) {
        return type == other.type
                && sameInstant(startsAt, other.startsAt) && sameInstant(endsAt, other.endsAt)
                && frequency == other.frequency
                && java.util.Objects.equals(orEmpty(days), orEmpty(other.days))
                && java.util.Objects.equals(orEmpty(partsOfDay), orEmpty(other.partsOfDay))
                && java.util.Objects.equals(startsOn, other.startsOn) && java.util.Objects.equals(endsOn, other.endsOn);
    }

    private static void inYears(String field, @Nullable Integer year) {
        if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
            throw ApiException.invalid(field, "Range", "a date between the years " + FIRST_YEAR + " and " + LAST_YEAR);
        }
    }

    private static boolean sameInstant(@Nullable OffsetDateTime a, @Nullable OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Where the dates and parts of the day of a schedule are: Haarlem's. */
    public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Amsterdam");

    /**
     * Refuses a time that has wholly gone by: a one-off window that has ended, or a recurrence whose
     * last day was before today. Nobody can help then, and it would only wait to expire.
     */
    public void stillToCome(String field, java.time.Instant now) {
        if (type == Type.ONE_OFF && endsAt != null && !endsAt.toInstant().isAfter(now)) {
            throw ApiException.invalid(field + ".endsAt", "Future", "this time window has already ended: give a time still to come");
        }
        if (type == Type.RECURRING && endsOn != null && endsOn.isBefore(LocalDate.ofInstant(now, ZONE))) {
            throw ApiException.invalid(field + ".endsOn", "FutureOrPresent",
                    "the last day has gone by: give a last day still to come, or none");
        }
    }

    /** Dates outside these years are typing errors (and some lie beyond what the database stores). */
    static final int FIRST_YEAR = 2000, LAST_YEAR = 2999;

    /** The rules bean validation cannot express; fields are named as the client sent them. */
    public Schedule checked(String field) {
        inYears(field + ".startsAt", startsAt == null ? null : startsAt.getYear());
        inYears(field + ".endsAt", endsAt == null ? null : endsAt.getYear());
        inYears(field + ".startsOn", startsOn == null ? null : startsOn.getYear());
        inYears(field + ".endsOn", endsOn == null ? null : endsOn.getYear());
        if (days != null && days.stream().anyMatch(java.util.Objects::isNull)) {
            throw ApiException.invalid(field + ".days", "NotNull", "a day is one of MON, TUE, WED, THU, FRI, SAT, SUN");
        }
        if (partsOfDay != null && partsOfDay.stream().anyMatch(java.util.Objects::isNull)) {
            throw ApiException.invalid(field + ".partsOfDay", "NotNull", "a part of the day is MORNING, AFTERNOON or EVENING");
        }
        if (type == Type.ONE_OFF) {
            if (startsAt == null) {
                throw ApiException.invalid(field + ".startsAt", "NotNull", "a one-off time window needs a start");
            }
            if (endsAt == null) {
                throw ApiException.invalid(field + ".endsAt", "NotNull", "a one-off time window needs an end");
            }
            if (!endsAt.isAfter(startsAt)) {
                throw ApiException.invalid(field + ".endsAt", "AfterStart", "the time window must end after it starts");
            }
            return new Schedule(type, startsAt, endsAt, null, null, null, null, null);
        }
        if (frequency == null) {
            throw ApiException.invalid(field + ".frequency", "NotNull", "recurring help needs a frequency: WEEKLY, FORTNIGHTLY or MONTHLY");
        }
        if (frequency != Frequency.MONTHLY && (days == null || days.isEmpty())) {
            throw ApiException.invalid(field + ".days", "NotEmpty", "weekly or fortnightly help needs at least one day");
        }
        if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
            throw ApiException.invalid(field + ".endsOn", "AfterStart", "the last day comes before the first");
        }
        return new Schedule(type, null, null, frequency,
                days == null ? List.of() : days.stream().distinct().sorted().toList(),
                partsOfDay == null ? List.of() : partsOfDay.stream().distinct().sorted().toList(),
                startsOn, endsOn);
    }
}
