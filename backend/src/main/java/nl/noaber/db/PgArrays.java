package nl.noaber.db;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One-dimensional text[] and bigint[] columns read straight from the row the driver received.
 *
 * <p>Once a statement has run a few times on a connection, the PostgreSQL driver receives these
 * arrays in PostgreSQL's binary format, and {@code getBytes} hands over those bytes as they are. The
 * driver's own {@code getArray} makes a {@link java.sql.Array} around them with a lock, a byte
 * buffer and a reflectively made Java array per value; a ranking reads five arrays from each of 200
 * candidate rows, and that was a fifth of all it allocated (JFR, docs/benchmarks.md). The format
 * (PostgreSQL's {@code array_send}): the number of dimensions, a has-nulls flag and the element type
 * (three int32), per dimension its length and lower bound (two int32), then per element its length
 * in bytes (int32, -1 for NULL) and its bytes: UTF-8 for text, a big-endian int64 for bigint.
 *
 * <p>Anything else goes through the driver as before: an array in the text format (a statement's
 * first runs), one with more dimensions, with NULL elements, or of another element type.
 */
public final class PgArrays {
    static final int TEXT = 25;
    static final int VARCHAR = 1043;
    static final int INT8 = 20;

    private PgArrays() {}

    /** The elements of a text[] column; null for SQL NULL. */
    public static String[] texts(ResultSet rs, String column) throws SQLException {
        byte[] raw = rs.getBytes(column);
        if (raw == null) {
            return null;
        }
        ByteBuffer b = binaryOneDimensional(raw, TEXT, VARCHAR);
        if (b == null) {
            return (String[]) driverArray(rs, column);
        }
        int n = b.remaining() == 0 ? 0 : length(b);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            out[i] = new String(raw, b.position(), len, StandardCharsets.UTF_8);
            b.position(b.position() + len);
        }
        return out;
    }

    /** The elements of a bigint[] column; null for SQL NULL. */
    public static long[] int8s(ResultSet rs, String column) throws SQLException {
        byte[] raw = rs.getBytes(column);
        if (raw == null) {
            return null;
        }
        ByteBuffer b = binaryOneDimensional(raw, INT8, INT8);
        if (b == null) {
            Object[] values = (Object[]) driverArray(rs, column);
            long[] out = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = ((Number) values[i]).longValue();
            }
            return out;
        }
        int n = b.remaining() == 0 ? 0 : length(b);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            b.getInt(); // 8
            out[i] = b.getLong();
        }
        return out;
    }

    /**
     * The buffer positioned at the dimension's length (nothing remaining for an empty array), or
     * null when the bytes are not a binary one-dimensional array without NULLs of one of the types.
     */
    static ByteBuffer binaryOneDimensional(byte[] raw, int type, int otherType) {
        if (raw.length < 12 || raw[0] == '{' || raw[0] == '[') {
            return null; // the text format ("{a,b}", or "[0:1]={a,b}")
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        int dimensions = b.getInt();
        int hasNulls = b.getInt();
        int elementType = b.getInt();
        if (hasNulls != 0 || elementType != type && elementType != otherType) {
            return null;
        }
        if (dimensions == 0) {
            return b.limit(b.position());
        }
        return dimensions == 1 && raw.length >= 20 ? b : null;
    }

    /** Reads the one dimension's length and skips its lower bound. */
    private static int length(ByteBuffer b) {
        int n = b.getInt();
        b.getInt();
        return n;
    }

    private static Object driverArray(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : array.getArray();
    }
}
