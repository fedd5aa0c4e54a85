package nl.noaber.matching;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.noaber.listing.Schedule;

/**
 * Times as day-parts of the week ({@code TUE_MORNING}), the unit a participant gives their
 * availability in: morning 06–12, afternoon 12–18, evening 18–24 (local time).
 */
public final class DayParts {
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final List<String> PARTS = List.of("MORNING", "AFTERNOON", "EVENING");

    /** Orders day-parts through the week: Monday morning first, Sunday evening last. */
    public static final java.util.Comparator<String> WEEK_ORDER = java.util.Comparator.comparingInt(DayParts::rank);

    private DayParts() {}

    private static int rank(String slot) {
        int u = slot.indexOf('_');
        int day = u < 0 ? 7 : DAYS.indexOf(slot.substring(0, u));
        int part = u < 0 ? 3 : PARTS.indexOf(slot.substring(u + 1));
        return (day < 0 ? 7 : day) * 4 + (part < 0 ? 3 : part);
    }

    /** Every day-part of the week. */
    public static Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        for (String d : DAYS) {
            for (String p : PARTS) {
                all.add(d + "_" + p);
            }
        }
        return all;
    }

    /**
     * The day-parts a schedule asks for: the parts of the days a one-off window touches, or the
     * days and parts of a recurrence (no days given: any day; no parts given: any part).
     */
    public static Set<String> of(Schedule schedule) {
        Set<String> slots = new LinkedHashSet<>();
        if (schedule == null) {
            return all();
        }
        if (schedule.type() == Schedule.Type.ONE_OFF) {
            if (schedule.startsAt() == null || schedule.endsAt() == null) {
                return all();
            }
            LocalDateTime from = schedule.startsAt().atZoneSameInstant(ZONE).toLocalDateTime();
            LocalDateTime to = schedule.endsAt().atZoneSameInstant(ZONE).toLocalDateTime();
            if (!to.isAfter(from)) {
                return all();
            }
            // Walk the window in hour steps (a window of a week or more touches every day-part).
            LocalDateTime t = from.withMinute(0).withSecond(0).withNano(0);
            for (int i = 0; t.isBefore(to) && i < 24 * 8; i++, t = t.plusHours(1)) {
                String part = part(t.getHour());
                if (part != null) {
                    slots.add(day(t.getDayOfWeek()) + "_" + part);
                }
            }
            return slots.isEmpty() ? nightFallback(from) : slots;
        }
        List<String> days = schedule.days() == null || schedule.days().isEmpty()
                ? DAYS : schedule.days().stream().map(Enum::name).toList();
        List<String> parts = schedule.partsOfDay() == null || schedule.partsOfDay().isEmpty()
                ? PARTS : schedule.partsOfDay().stream().map(Enum::name).toList();
        for (String d : days) {
            for (String p : parts) {
                slots.add(d + "_" + p);
            }
        }
        return slots;
    }

    /**
     * The occasions a schedule needs someone for, each the day-parts any of which will do: one for a
     * one-off window (help at any time in it will do) and one for a recurrence on any day; one per
     * asked day for a recurrence on given days (dog walking on Monday and Wednesday needs someone on
     * both). A helper free at one day-part of an occasion can take it.
     */
    public static List<Set<String>> occasions(Schedule schedule) {
        return occasions(schedule, of(schedule));
    }

    /** {@link #occasions(Schedule)} from the schedule's day-parts, already known ({@link #of}). */
    public static List<Set<String>> occasions(Schedule schedule, Set<String> asked) {
        if (schedule == null || schedule.type() == Schedule.Type.ONE_OFF || schedule.days() == null
                || schedule.days().isEmpty()) {
            return List.of(asked);
        }
        java.util.Map<String, Set<String>> byDay = new java.util.LinkedHashMap<>();
        for (String slot : asked) {
            byDay.computeIfAbsent(slot.substring(0, slot.indexOf('_')), d -> new LinkedHashSet<>()).add(slot);
        }
        return List.copyOf(byDay.values());
    }

    /**
     * Whether the time a schedule asks has passed at {@code now}: a one-off window that has ended, or a
     * recurrence past its last day (Dutch calendar days).
     */
    public static boolean passed(Schedule schedule, java.time.Instant now) {
        if (schedule == null) {
            return false;
        }
        if (schedule.type() == Schedule.Type.ONE_OFF) {
            return schedule.endsAt() != null && !schedule.endsAt().toInstant().isAfter(now);
        }
        return schedule.endsOn() != null && schedule.endsOn().isBefore(java.time.LocalDate.ofInstant(now, ZONE));
    }

    /** A window wholly at night (00–06) counts as the evening before. */
    private static Set<String> nightFallback(LocalDateTime from) {
        return Set.of(day(from.getDayOfWeek().minus(1)) + "_EVENING");
    }

    private static String part(int hour) {
        if (hour >= 6 && hour < 12) {
            return "MORNING";
        }
        if (hour >= 12 && hour < 18) {
            return "AFTERNOON";
        }
        return hour >= 18 ? "EVENING" : null;
    }

    private static String day(DayOfWeek d) {
        return DAYS.get(d.getValue() - 1);
    }

    /** "Tuesday morning" / "dinsdagochtend". */
    public static String label(String slot, boolean dutch) {
        int u = slot.indexOf('_');
        if (u < 0) {
            return slot;
        }
        int day = DAYS.indexOf(slot.substring(0, u));
        int part = PARTS.indexOf(slot.substring(u + 1));
        if (day < 0 || part < 0) {
            return slot;
        }
        if (dutch) {
            return List.of("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag").get(day)
                    + List.of("ochtend", "middag", "avond").get(part);
        }
        return List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday").get(day)
                + " " + List.of("morning", "afternoon", "evening").get(part);
    }
}
