package nl.noaber.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The application context properties every benchmark runs with: its database, no HTTP server, no
 * notification dispatcher or digests, and no hourly listing expiry (a benchmark measures the work it
 * asks for, nothing else; the evaluation, whose requests ask for weeks gone by, lost busy-city
 * requests to the expiry round that came two minutes into its run).
 */
final class BenchContext {
    private BenchContext() {}

    /** The database at {@code url} (user and password from NOABER_DB_USER/_PASSWORD, default noaber), plus {@code extra}. */
    static Map<String, Object> properties(String url, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", url);
        props.put("datasources.default.username", System.getenv().getOrDefault("NOABER_DB_USER", "noaber"));
        props.put("datasources.default.password", System.getenv().getOrDefault("NOABER_DB_PASSWORD", "noaber"));
        props.put("micronaut.server.enabled", "false");
        props.put("noaber.notifications.dispatch", "false");
        props.put("noaber.listings.expiry", "false");
        props.putAll(extra);
        return props;
    }
}
