package nl.noaber.geo;

import java.util.Locale;
import java.util.regex.Pattern;
import nl.noaber.web.ApiException;

/** A Dutch postcode, "2035 AB" or only its four digits "2035", normalised to "2035AB" / "2035". */
public record Postcode(String value) {
    private static final Pattern FORMAT = Pattern.compile("^[1-9][0-9]{3}([A-Z]{2})?$");

    public static Postcode parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid(field, "NotBlank", "a postcode is needed, such as 2035 AB");
        }
        String normalised = raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(normalised).matches()) {
            throw ApiException.invalid(field, "Postcode", "not a Dutch postcode: four digits and two letters, such as 2035 AB");
        }
        return new Postcode(normalised);
    }

    public String pc4() {
        return value.substring(0, 4);
    }

    public boolean hasLetters() {
        return value.length() == 6;
    }
}
