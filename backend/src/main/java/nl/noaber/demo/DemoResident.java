package nl.noaber.demo;

import java.util.List;
import org.locationtech.jts.geom.Point;

/** One participant of the demo city while it is being built: first drawn, then placed, then stored. */
final class DemoResident {
    final String displayName;
    final DemoTexts.Origin origin;
    /** Null for an offline participant, who exists only through the makelaar. */
    final String email;
    final List<String> languages;
    final String preferredLanguage;
    final List<String> skills;
    final List<String> availability;
    final int travelRadiusMetres;
    final String phone;
    final List<String> contactChannels;
    /** How many days ago they joined. */
    final int joinedDaysAgo;
    /** Whether the makelaar visited them and knows the exact address. */
    final boolean exactAddress;

    /** The neighbourhood drawn for them (by id), before a point is picked inside it. */
    Long targetNeighbourhood;
    Point home;
    String homePrecision;
    String homePostcode;
    String homeHouseNumber;
    Long neighbourhoodId;
    String neighbourhoodName;

    Long accountId;
    long id;
    int requests;
    int offers;

    DemoResident(String displayName, DemoTexts.Origin origin, String email, List<String> languages,
                 String preferredLanguage, List<String> skills, List<String> availability, int travelRadiusMetres,
                 String phone, List<String> contactChannels, int joinedDaysAgo, boolean exactAddress) {
        this.displayName = displayName;
        this.origin = origin;
        this.email = email;
        this.languages = languages;
        this.preferredLanguage = preferredLanguage;
        this.skills = skills;
        this.availability = availability;
        this.travelRadiusMetres = travelRadiusMetres;
        this.phone = phone;
        this.contactChannels = contactChannels;
        this.joinedDaysAgo = joinedDaysAgo;
        this.exactAddress = exactAddress;
    }

    boolean online() {
        return email != null;
    }

    boolean speaksDutch() {
        return languages.contains("nl");
    }

    /** Someone still learning Dutch: the language-practice requests are theirs. */
    boolean newcomer() {
        return origin != DemoTexts.Origin.DUTCH && origin != DemoTexts.Origin.SURINAMESE;
    }
}
