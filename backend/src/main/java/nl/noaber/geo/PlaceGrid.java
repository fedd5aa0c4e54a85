package nl.noaber.geo;

import jakarta.inject.Singleton;
import org.locationtech.jts.geom.Point;

/**
 * Coarsens exact places for everyone but the owner, the matched helper and the makelaar.
 *
 * <p>The grid has rows of equal latitude height and, per row, columns of equal ground width, so a
 * cell is about {@code gridMetres} square anywhere. A place maps to the centre of its cell: the
 * public place is a pure function of the exact place, so it stays fixed for a listing, and every
 * distance shown is computed from a public place drawn near it (see {@link #publicPlace}).
 * Whatever points someone queries from, they learn no more than the cell (the trilateration attack
 * on dating apps needs distances from the exact place).
 */
@Singleton
public class PlaceGrid {
    /** Half the side of the square around a cell centre in which public places are drawn. */
    public static final double DITHER_METRES = 30;

    private final double latStep;
    private final int distanceStep;
    private final int cellMetres;

    public PlaceGrid(PrivacyProperties properties) {
        this.latStep = properties.gridMetres() / Places.METRES_PER_DEGREE;
        this.distanceStep = properties.distanceStepMetres();
        this.cellMetres = properties.gridMetres();
    }

    /**
     * More than the most by which a distance between two cells' public places can differ from the
     * distance between the exact places in them (each is at most half a cell's diagonal, plus the
     * dither, from its own).
     */
    public int coarseDistanceMargin() {
        return 2 * cellMetres;
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
     * The public place of a listing: its cell's centre moved by a random offset of up to
     * {@value #DITHER_METRES} m each way, drawn once when the place is set and then kept. The
     * offset is independent of the exact place, so the public place, and every distance measured
     * from it, tells no more than the cell, however many points one queries from. It spreads the
     * listings of a dense cell over a small square instead of stacking them on one point, which
     * keeps the KNN index scan short and makes "nearest first" a total order the cursor can page
     * through.
     */
    public Point publicPlace(Point exact) {
        Point centre = coarsen(exact);
        var random = java.util.concurrent.ThreadLocalRandom.current();
        double dLat = DITHER_METRES / Places.METRES_PER_DEGREE;
        double dLon = dLat / Math.max(Math.cos(Math.toRadians(Places.lat(centre))), 0.01);
        return Places.point(Places.lat(centre) + random.nextDouble(-dLat, dLat),
                Places.lon(centre) + random.nextDouble(-dLon, dLon));
    }

    /** A distance between public places as shown to people: rounded to the step, at least one step. */
    public int roundDistance(double metres) {
        long steps = Math.round(metres / distanceStep);
        return (int) Math.max(distanceStep, steps * distanceStep);
    }
}
