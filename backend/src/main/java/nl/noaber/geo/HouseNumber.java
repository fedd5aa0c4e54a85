package nl.noaber.geo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.noaber.web.ApiException;

/** A house number with an optional addition: "12", "12a", "12-2", "12 bis". */
public record HouseNumber(int number, String addition) {
    /** A number, then either a separator and an addition, or an addition that starts with a letter. */
    private static final Pattern FORMAT =
            Pattern.compile("^([1-9][0-9]{0,4})(?:\\s*[-/ ]\\s*([A-Za-z0-9]{1,6})|([A-Za-z][A-Za-z0-9]{0,5}))?$");

    public static HouseNumber parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Matcher m = FORMAT.matcher(raw.trim());
        if (!m.matches()) {
            throw ApiException.invalid(field, "HouseNumber", "a house number such as 12, 12a or 12-2");
        }
        String addition = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "";
        return new HouseNumber(Integer.parseInt(m.group(1)), addition.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return addition.isEmpty() ? Integer.toString(number) : number + "-" + addition;
    }
}
