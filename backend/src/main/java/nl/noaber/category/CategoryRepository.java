package nl.noaber.category;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.noaber.db.Db;
import nl.noaber.web.ApiException;

/**
 * The taxonomy changes only through migrations, so it is read once per instance and kept: every
 * listing write and filtered browse checks its category without a database round trip.
 */
@Singleton
public class CategoryRepository {
    private final Db db;
    private volatile List<Category> all;
    private volatile Set<String> codes;
    private volatile Map<String, Integer> lanes;
    private volatile Map<String, Category> byCode;

    public CategoryRepository(Db db) {
        this.db = db;
    }

    public List<Category> all() {
        List<Category> loaded = all;
        if (loaded == null) {
            Map<String, Integer> laneOf = new HashMap<>();
            loaded = List.copyOf(db.list(
                    "SELECT code, label_nl, label_en, beyond_neighbourly_help, lane FROM category ORDER BY sort_order",
                    ps -> {}, rs -> {
                        laneOf.put(rs.getString(1), rs.getInt(5));
                        return new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
                    }));
            codes = loaded.stream().map(Category::code).collect(Collectors.toUnmodifiableSet());
            lanes = Map.copyOf(laneOf);
            byCode = loaded.stream().collect(Collectors.toUnmodifiableMap(Category::code, c -> c));
            all = loaded;
        }
        return loaded;
    }

    public Set<String> codes() {
        all();
        return codes;
    }

    /** A category by its code. */
    public Optional<Category> byCode(String code) {
        all();
        return Optional.ofNullable(byCode.get(code));
    }

    /** The category's lane in the browsing index (migration V3); the code must be known. */
    public int lane(String code) {
        all();
        Integer lane = lanes.get(code);
        if (lane == null) {
            throw new IllegalArgumentException("unknown category " + code);
        }
        return lane;
    }

    /** Refuses any code outside the taxonomy, naming the field. */
    public void requireKnown(String field, Collection<String> codes) {
        Set<String> known = codes();
        for (String code : codes) {
            if (!known.contains(code)) {
                throw ApiException.invalid(field, "KnownCategory", "unknown category " + code + "; see /api/categories");
            }
        }
    }
}
