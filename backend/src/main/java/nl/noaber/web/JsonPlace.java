package nl.noaber.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;

/**
 * Which property of a JSON body a decoder's complaint is about. The decoder names a line and column
 * (just after the value it could not take) or, for some types, only the property's own name; this
 * reads the body again and gives the property's path as a client writes it ({@code schedule.days[0]}).
 */
final class JsonPlace {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonPlace() {}

    /** Whether the text is one well-formed JSON value (a complaint about it is then about a value's type). */
    static boolean wellFormed(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The path of the value that ends at the given place (1-based line and column), or null. */
    static @Nullable String at(String json, int line, int column) {
        String found = null;
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                var start = parser.currentTokenLocation();
                if (start.getLineNr() > line || start.getLineNr() == line && start.getColumnNr() >= column) {
                    break;
                }
                if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    found = path(token.isStructStart() ? parser.getParsingContext().getParent() : parser.getParsingContext());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The body was not JSON this far; what was found before stands.
        }
        return found == null || found.isEmpty() ? null : found;
    }

    /** The path of the one property of that name in the body, or null if there is none or more than one. */
    static @Nullable String property(String json, String name) {
        String found = null;
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && name.equals(parser.currentName())) {
                    if (found != null) {
                        return null;
                    }
                    found = path(parser.getParsingContext());
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return found;
    }

    /** A context's place from the root: property names joined by dots, list positions in brackets. */
    private static @Nullable String path(@Nullable JsonStreamContext context) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            } else {
                return null;
            }
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!out.isEmpty() && !part.startsWith("[")) {
                out.append('.');
            }
            out.append(part);
        }
        return out.toString();
    }
}
