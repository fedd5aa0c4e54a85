package nl.noaber.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.noaber.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * PgArrays reads what the driver's getArray reads, from the real server: in the text format of a
 * statement's first runs and in the binary format of its later ones, for every shape a column can
 * take (NULL, empty, one element, several, UTF-8 beyond Latin-1, the extremes of bigint, varchar[]),
 * and hands the shapes it does not decode itself (NULL elements, two dimensions) to the driver.
 */
class PgArraysTest {
    private static final String TEXTS = """
            SELECT CAST(NULL AS text[]) AS t0, CAST('{}' AS text[]) AS t1, ARRAY['nl'] AS t2,
                   ARRAY['nl', 'en', 'ber', ''] AS t3, ARRAY['Zoë', 'ĳsje', '日本語', 'a,b "c"'] AS t4,
                   CAST(ARRAY['MONDAY_MORNING', 'TUESDAY_EVENING'] AS varchar[]) AS t5,
                   CAST(NULL AS bigint[]) AS n0, CAST('{}' AS bigint[]) AS n1, ARRAY[CAST(1790000000 AS bigint)] AS n2,
                   ARRAY[CAST(-9223372036854775808 AS bigint), 0, 9223372036854775807] AS n3
            FROM (SELECT ?) x""";

    @Test
    void readsEveryShapeAsTheDriverDoesInBothFormats() throws Exception {
        List<Boolean> binary = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(TEXTS)) {
            // The driver switches to a server-side statement and binary results after a few runs.
            for (int run = 0; run < 8; run++) {
                ps.setInt(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    boolean isBinary = rs.getBytes("t3")[0] != '{';
                    binary.add(isBinary);
                    if (isBinary) {
                        // Decoded here, not handed to the driver.
                        for (String column : List.of("t1", "t2", "t3", "t4", "t5")) {
                            assertThat(PgArrays.binaryOneDimensional(rs.getBytes(column), PgArrays.TEXT, PgArrays.VARCHAR))
                                    .as(column).isNotNull();
                        }
                        for (String column : List.of("n1", "n2", "n3")) {
                            assertThat(PgArrays.binaryOneDimensional(rs.getBytes(column), PgArrays.INT8, PgArrays.INT8))
                                    .as(column).isNotNull();
                        }
                    }
                    for (String column : List.of("t0", "t1", "t2", "t3", "t4", "t5")) {
                        java.sql.Array a = rs.getArray(column);
                        String[] expected = a == null ? null : (String[]) a.getArray();
                        assertThat(PgArrays.texts(rs, column)).as(column + " in run " + run).isEqualTo(expected);
                    }
                    for (String column : List.of("n0", "n1", "n2", "n3")) {
                        java.sql.Array a = rs.getArray(column);
                        long[] expected = a == null ? null
                                : Arrays.stream((Long[]) a.getArray()).mapToLong(Long::longValue).toArray();
                        assertThat(PgArrays.int8s(rs, column)).as(column + " in run " + run).isEqualTo(expected);
                    }
                    assertThat(Db.strings(rs, "t0")).isEmpty();
                    assertThat(Db.stringSet(rs, "t3")).containsExactly("nl", "en", "ber", "");
                    assertThat(Db.stringSet(rs, "t2")).containsExactly("nl");
                }
            }
        }
        assertThat(binary).as("both formats were read").contains(true, false);
    }

    @Test
    void shapesItDoesNotDecodeGoToTheDriver() throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT ARRAY['a', NULL] AS with_null, ARRAY[ARRAY['a', 'b'], ARRAY['c', 'd']] AS square,
                       ARRAY[CAST(1 AS bigint), NULL] AS number_null FROM (SELECT ?) x""")) {
            for (int run = 0; run < 8; run++) {
                ps.setInt(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(PgArrays.texts(rs, "with_null")).containsExactly("a", null);
                    assertThatThrownBy(() -> PgArrays.texts(rs, "square")).as("a String[][] is no String[]")
                            .isInstanceOf(ClassCastException.class);
                    assertThatThrownBy(() -> PgArrays.int8s(rs, "number_null")).isInstanceOf(NullPointerException.class);
                }
            }
        }
    }
}
