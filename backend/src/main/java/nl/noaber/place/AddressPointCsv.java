package nl.noaber.place;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.noaber.geo.LatLon;
import nl.noaber.geo.Postcode;
import nl.noaber.geo.ServiceArea;
import nl.noaber.web.ApiException;
import nl.noaber.web.Problem;

/**
 * Reads address points from CSV in the shape of an extract of the Dutch address register (BAG):
 * the header {@code postcode,house_number,addition,lat,lon}, then one address a line with WGS84
 * degrees. Values may be quoted (RFC 4180). Every error names its line as an editor numbers it
 * (the header is line 1) and the column, so a coordinator can fix the file and send it again.
 */
final class AddressPointCsv {
    static final List<String> HEADER = List.of("postcode", "house_number", "addition", "lat", "lon");
    /** Rows in one request; a whole BAG extract (about 10 million addresses) goes in parts. */
    static final int MAX_ROWS = 500_000;
    /** Errors listed in one answer; a file broken throughout does not need all of them. */
    static final int MAX_ERRORS = 20;

    private static final Pattern HOUSE_NUMBER = Pattern.compile("^[1-9][0-9]{0,4}$");
    // The same additions the geocoder's HouseNumber accepts, so that every imported address can be found.
    private static final Pattern ADDITION = Pattern.compile("^[A-Za-z0-9]{0,6}$");
    private static final Pattern DEGREES = Pattern.compile("^[+-]?[0-9]{1,3}(\\.[0-9]+)?$");

    private AddressPointCsv() {}

    static List<AddressPoint> parse(Reader csv) throws IOException {
        return parse(csv, MAX_ROWS);
    }

    static List<AddressPoint> parse(Reader csv, int maxRows) throws IOException {
        BufferedReader lines = csv instanceof BufferedReader buffered ? buffered : new BufferedReader(csv);
        String header = lines.readLine();
        int number = 1;
        for (; header != null && header.isBlank(); number++) {
            header = lines.readLine();
        }
        if (header == null) {
            throw ApiException.invalid("body", "NotBlank",
                    "a CSV file is expected, starting with the header " + String.join(",", HEADER));
        }
        checkHeader(header);
        List<AddressPoint> points = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        int rows = 0;
        for (String line = lines.readLine(); line != null && errors.size() < MAX_ERRORS; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (++rows > maxRows) {
                throw new ApiException(Problem.of(413, "too-many-rows", "Too many rows",
                        "at most " + maxRows + " addresses in one request; split the file and send the parts one by one"));
            }
            try {
                points.add(row("line " + number, line));
            } catch (ApiException e) {
                errors.addAll(e.problem().errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(Problem.invalid(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() < MAX_ERRORS ? errors.size() + " lines are invalid; nothing was imported"
                    : "at least " + MAX_ERRORS + " lines are invalid (the first are listed); nothing was imported", errors));
        }
        if (points.isEmpty()) {
            throw ApiException.invalid("body", "NotEmpty", "the file has no addresses after its header");
        }
        return points;
    }

    private static void checkHeader(String line) {
        String header = line.startsWith("\uFEFF") ? line.substring(1) : line;
        List<String> names = fields(header).stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
        if (!names.equals(HEADER)) {
            String found = header.length() > 80 ? header.substring(0, 80) + "…" : header;
            throw ApiException.invalid("header", "Header",
                    "the first line must be " + String.join(",", HEADER) + "; found: " + found);
        }
    }

    private static AddressPoint row(String where, String line) {
        List<String> values = fields(line);
        if (values.size() != HEADER.size()) {
            throw ApiException.invalid(where, "Columns", "expected " + HEADER.size() + " values ("
                    + String.join(",", HEADER) + "), found " + values.size());
        }
        String prefix = where + ": ";
        Postcode postcode = Postcode.parse(prefix + "postcode", values.get(0));
        if (!postcode.hasLetters()) {
            throw ApiException.invalid(prefix + "postcode", "Postcode", "a full postcode with its letters, such as 2035AB");
        }
        String houseNumber = values.get(1).trim();
        if (!HOUSE_NUMBER.matcher(houseNumber).matches()) {
            throw ApiException.invalid(prefix + "house_number", "HouseNumber", "a house number from 1 to 99999");
        }
        String addition = values.get(2).trim();
        if (!ADDITION.matcher(addition).matches()) {
            throw ApiException.invalid(prefix + "addition", "Addition", "at most 6 letters and digits, such as A or 2, or empty");
        }
        LatLon place = ServiceArea.checkedInTheNetherlands(prefix + "lat", degrees(prefix + "lat", values.get(3)),
                prefix + "lon", degrees(prefix + "lon", values.get(4)));
        return new AddressPoint(postcode, Integer.parseInt(houseNumber), addition.toUpperCase(Locale.ROOT), place);
    }

    private static Double degrees(String field, String value) {
        String trimmed = value.trim();
        if (!DEGREES.matcher(trimmed).matches()) {
            throw ApiException.invalid(field, "Number", "degrees as a decimal number, such as 52.3838");
        }
        return Double.valueOf(trimmed);
    }

    /** Splits one line at commas; a value in double quotes may hold commas, and "" inside it is one quote. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(HEADER.size());
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    value.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(value.toString());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        out.add(value.toString());
        return out;
    }
}
