package nl.noaber.category;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.noaber.db.Db;
import nl.noaber.web.ApiException;

@Singleton
public class CategoryRepository {
    private final Db db;

    public CategoryRepository(Db db) {
        this.db = db;
    }

    public List<Category> all() {
        return db.list("SELECT code, label_nl, label_en, beyond_neighbourly_help FROM category ORDER BY sort_order",
                ps -> {}, rs -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
    }

    public Set<String> codes() {
        return all().stream().map(Category::code).collect(Collectors.toSet());
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
