package nl.noaber.listing;

/** A request for help (vraag) or an offer of help (aanbod). */
public enum Kind {
    REQUEST("requests"),
    OFFER("offers");

    private final String path;

    Kind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
