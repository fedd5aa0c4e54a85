package nl.noaber.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micronaut.core.bind.annotation.Bindable;
import java.io.IOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's table of matching settings (and the weights in docs/matching.md) state the defaults
 * the code has: every setting of {@link MatchingProperties} is in the README with its default, and
 * nothing else is.
 */
class MatchingSettingsDocumentedTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theReadmeListsEverySettingWithTheDefaultTheCodeHas() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("### Matching weights (`noaber.matching.*`)");
        int next = readme.indexOf("\n#", start + 1);
        int end = next < 0 ? readme.length() : next;
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| ([^|]+?) \\|").matcher(readme.substring(start, end));
        while (row.find()) {
            documented.put(row.group(1), row.group(2).trim());
        }
        assertEquals(defaults(), documented);
    }

    @Test
    void docsMatchingGivesTheDefaultWeights() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/matching.md"));
        Map<String, String> code = defaults();
        Matcher row = Pattern.compile("(?m)^\\| (distance|fit|availability|language|history|fairness|reliability) \\| (\\d+) \\|")
                .matcher(doc);
        Map<String, String> documented = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
            expected.put(row.group(1), code.get(row.group(1) + "-weight"));
        }
        assertEquals(7, documented.size(), "the score table names all seven factors");
        assertEquals(expected, documented);
    }

    /** Each setting's name, as configuration spells it, and its default, as the README writes it. */
    private static Map<String, String> defaults() {
        Map<String, String> out = new LinkedHashMap<>();
        RecordComponent[] components = MatchingProperties.class.getRecordComponents();
        Class<?>[] types = java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Parameter[] parameters;
        try {
            parameters = MatchingProperties.class.getDeclaredConstructor(types).getParameters();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < components.length; i++) {
            Bindable bindable = parameters[i].getAnnotation(Bindable.class);
            assertNotNull(bindable, components[i].getName() + " has a documented default");
            out.put(components[i].getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT), bindable.defaultValue());
        }
        return out;
    }
}
