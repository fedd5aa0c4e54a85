package nl.noaber.matching;

import java.util.Locale;
import java.util.Map;

/** Names of the languages people list (ISO 639 codes), for explanations. */
final class Languages {
    private static final Map<String, String[]> NAMES = Map.ofEntries(
            Map.entry("nl", new String[] {"Nederlands", "Dutch"}),
            Map.entry("en", new String[] {"Engels", "English"}),
            Map.entry("ar", new String[] {"Arabisch", "Arabic"}),
            Map.entry("tr", new String[] {"Turks", "Turkish"}),
            Map.entry("pl", new String[] {"Pools", "Polish"}),
            Map.entry("de", new String[] {"Duits", "German"}),
            Map.entry("fr", new String[] {"Frans", "French"}),
            Map.entry("es", new String[] {"Spaans", "Spanish"}),
            Map.entry("pt", new String[] {"Portugees", "Portuguese"}),
            Map.entry("it", new String[] {"Italiaans", "Italian"}),
            Map.entry("ber", new String[] {"Berbers", "Berber"}),
            Map.entry("so", new String[] {"Somalisch", "Somali"}),
            Map.entry("ti", new String[] {"Tigrinya", "Tigrinya"}),
            Map.entry("uk", new String[] {"Oekraïens", "Ukrainian"}),
            Map.entry("ru", new String[] {"Russisch", "Russian"}),
            Map.entry("fa", new String[] {"Perzisch", "Persian"}),
            Map.entry("ur", new String[] {"Urdu", "Urdu"}),
            Map.entry("zh", new String[] {"Chinees", "Chinese"}),
            Map.entry("pap", new String[] {"Papiaments", "Papiamento"}),
            Map.entry("srn", new String[] {"Sranantongo", "Sranan Tongo"}),
            Map.entry("fy", new String[] {"Fries", "Frisian"}),
            Map.entry("ngt", new String[] {"Nederlandse Gebarentaal", "Dutch Sign Language"}));

    private Languages() {}

    private static final Locale NL = Locale.forLanguageTag("nl");

    /**
     * The language's name: from the list above, which names the languages of the city as its people
     * say them ("Berbers", not "Berber"), else as the JDK's locale data (CLDR) names it ("kab":
     * "Kabylisch", "Kabyle"), else, for a code neither knows, the code itself.
     */
    static String name(String code, boolean dutch) {
        String[] n = NAMES.get(code);
        if (n != null) {
            return n[dutch ? 0 : 1];
        }
        String named = Locale.forLanguageTag(code).getDisplayLanguage(dutch ? NL : Locale.ENGLISH);
        return named.isEmpty() || named.equalsIgnoreCase(code) ? code : named;
    }
}
