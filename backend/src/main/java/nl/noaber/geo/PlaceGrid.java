package nl.noaber.geo;

import jakarta.inject.Singleton;
import org.locationtech.jts.geom.Point;

/**
 * Coarsens exact places for everyone but the owner, the matched helper and the makelaar.
 *
 * <p>The grid has rows of equal latitude height and, per row, columns of equal ground width, so a
 * cell is about {@code gridMetres} square anywhere. A place maps to the centre of its cell: the
 * public place is a pure function of the exact place, so it stays fixed for a listing, and every
 * distance shown is computed from it. Whatever points someone queries from, they learn no more
 * than the cell (the trilateration attack on dating apps needs distances from the exact place).
 */
@Singleton
public class PlaceGrid {
    private static final double METRES_PER_DEGREE_LAT = 111_320.0;
    static final double TIE_BREAK_DEGREES = 0.000003;

    private final double latStep;
    private final int distanceStep;

    public PlaceGrid(PrivacyProperties properties) {
        this.latStep = properties.gridMetres() / METRES_PER_DEGREE_LAT;
        this.distanceStep = properties.distanceStepMetres();
    }

    public Point coarsen(Point exact) {
        double lat = Places.lat(exact);
        double lon = Places.lon(exact);
        long row = (long) Math.floor(lat / latStep);
        double centreLat = Math.max(-90, Math.min(90, (row + 0.5) * latStep));
        // Column width follows the row's own centre latitude, never the exact place's, and divides
        // 360 degrees evenly, so the grid wraps cleanly at the antimeridian.
        double cos = Math.max(Math.cos(Math.toRadians(centreLat)), 0.01);
        long columns = Math.max(1, Math.round(360.0 / (latStep / cos)));
        double lonStep = 360.0 / columns;
        long column = Math.floorMod((long) Math.floor((lon + 180.0) / lonStep), columns);
        double centreLon = -180.0 + (column + 0.5) * lonStep;
        return Places.point(centreLat, centreLon);
    }

    /**
     * The public place to store for a listing: its cell's centre, moved by a random offset of at
     * most {@value #TIE_BREAK_DEGREES} degrees (about 0.3 m) that is drawn once and kept. The offset
     * tells nothing about the exact place; it only makes distances from any point distinct between
     * listings of one cell, so that "nearest first" is a total order that the KNN index scan can
     * deliver alone and a cursor (distance, id) can page through. Shown to people, the place is
     * the cell's centre again ({@link #coarsen} of the stored point) and distances are rounded.
     */
    public Point publicPlace(Point exact) {
        Point centre = coarsen(exact);
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return Places.point(Places.lat(centre) + random.nextDouble(-TIE_BREAK_DEGREES, TIE_BREAK_DEGREES),
                Places.lon(centre) + random.nextDouble(-TIE_BREAK_DEGREES, TIE_BREAK_DEGREES));
    }

    /** A distance between public places as shown to people: rounded to the step, at least one step. */
    public int roundDistance(double metres) {
        long steps = Math.round(metres / distanceStep);
        return (int) Math.max(distanceStep, steps * distanceStep);
    }
}
