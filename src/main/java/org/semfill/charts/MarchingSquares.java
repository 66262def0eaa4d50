package org.semfill.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semfill.internal.Check;

/**
 * Iso-lines of a function sampled on a rectangular grid, by marching squares (Lorensen and Cline's marching
 * cubes, 1987, in two dimensions).
 *
 * <p>Every grid cell is classified by which of its four corners lie at or above the level; the line crosses each
 * cell edge whose two corners differ, at the point found by linear interpolation. A cell has 0, 2 or 4 such edges.
 * With 2, one segment joins them. With 4 (a saddle: diagonal corners agree) the cell centre, the mean of the
 * corners, decides: the segments cut off the two corners that disagree with the centre. Each crossed grid edge is
 * shared by at most two segments, so the segments chain into open lines (ending at the grid border or at NaN
 * values) and closed loops.
 *
 * <p>Grid layout: {@code z[iy][ix]} is the value at ({@code xs[ix]}, {@code ys[iy]}); xs and ys increase.
 */
public final class MarchingSquares {
    private MarchingSquares() {}

    // Cell edges, and the corners: corner bits are 1 = bottom-left, 2 = bottom-right, 4 = top-right, 8 = top-left.
    private static final int BOTTOM = 0, RIGHT = 1, TOP = 2, LEFT = 3;

    /** All pieces of the line {@code z = level}. */
    public static List<ContourLine> trace(double[] xs, double[] ys, double[][] z, double level) {
        int nx = xs.length, ny = ys.length;
        Check.arg(nx >= 2 && ny >= 2, "contour grid needs at least 2 x 2 points, got " + nx + " x " + ny);
        Check.arg(z.length == ny, "z has " + z.length + " rows but there are " + ny + " y values");
        for (double[] row : z) Check.arg(row.length == nx, "a z row has " + row.length + " values but there are " + nx + " x values");
        Check.arg(Double.isFinite(level), "contour level must be finite, got " + level);
        for (int i = 1; i < nx; i++) Check.arg(xs[i] > xs[i - 1], "x values must increase");
        for (int i = 1; i < ny; i++) Check.arg(ys[i] > ys[i - 1], "y values must increase");

        // Segments as pairs of grid-edge ids. Edge id: 2 * (iy * nx + ix) for the horizontal edge from (ix, iy)
        // to (ix + 1, iy), plus 1 for the vertical edge from (ix, iy) to (ix, iy + 1).
        IntList segA = new IntList(), segB = new IntList();
        for (int iy = 0; iy < ny - 1; iy++) {
            for (int ix = 0; ix < nx - 1; ix++) {
                double bl = z[iy][ix], br = z[iy][ix + 1], tr = z[iy + 1][ix + 1], tl = z[iy + 1][ix];
                if (Double.isNaN(bl) || Double.isNaN(br) || Double.isNaN(tr) || Double.isNaN(tl)) continue;
                int mask = (bl >= level ? 1 : 0) | (br >= level ? 2 : 0) | (tr >= level ? 4 : 0) | (tl >= level ? 8 : 0);
                if (mask == 0 || mask == 15) continue;
                int[] ids = {
                    2 * (iy * nx + ix),            // bottom
                    2 * (iy * nx + ix + 1) + 1,    // right
                    2 * ((iy + 1) * nx + ix),      // top
                    2 * (iy * nx + ix) + 1         // left
                };
                if (mask == 5 || mask == 10) {
                    boolean centreIn = (bl + br + tr + tl) / 4 >= level;
                    boolean blIn = (mask & 1) != 0;
                    // Cut off the corners whose state differs from the centre's.
                    if (blIn != centreIn) {           // bottom-left and top-right differ from the centre
                        add(segA, segB, ids[LEFT], ids[BOTTOM]);
                        add(segA, segB, ids[TOP], ids[RIGHT]);
                    } else {                          // bottom-right and top-left differ from the centre
                        add(segA, segB, ids[BOTTOM], ids[RIGHT]);
                        add(segA, segB, ids[LEFT], ids[TOP]);
                    }
                } else {
                    int first = -1;
                    for (int e = 0; e < 4; e++) {
                        if (crosses(mask, e)) {
                            if (first < 0) first = ids[e];
                            else add(segA, segB, first, ids[e]);
                        }
                    }
                }
            }
        }
        return chain(xs, ys, z, level, segA.toArray(), segB.toArray());
    }

    /** True when the cell edge {@code e} joins two corners on different sides of the level. */
    private static boolean crosses(int mask, int e) {
        int c0 = 1 << e, c1 = 1 << ((e + 1) % 4); // edge e runs from corner e to corner e+1 (counter-clockwise)
        return ((mask & c0) != 0) != ((mask & c1) != 0);
    }

    private static void add(IntList a, IntList b, int e0, int e1) {
        a.add(e0);
        b.add(e1);
    }

    /** Joins segments that share a grid edge into lines: open ones from their free ends first, then loops. */
    private static List<ContourLine> chain(double[] xs, double[] ys, double[][] z, double level, int[] a, int[] b) {
        int edges = 2 * xs.length * ys.length;
        int[] first = new int[edges], second = new int[edges]; // the (up to two) segments touching each edge
        Arrays.fill(first, -1);
        Arrays.fill(second, -1);
        for (int s = 0; s < a.length; s++) {
            for (int e : new int[] {a[s], b[s]}) {
                if (first[e] < 0) first[e] = s;
                else second[e] = s;
            }
        }
        boolean[] used = new boolean[a.length];
        List<ContourLine> lines = new ArrayList<>();
        for (int s = 0; s < a.length; s++) { // open lines start at an edge used by one segment only
            if (used[s]) continue;
            if (second[a[s]] < 0) lines.add(walk(xs, ys, z, level, a, b, first, second, used, s, a[s]));
            else if (second[b[s]] < 0) lines.add(walk(xs, ys, z, level, a, b, first, second, used, s, b[s]));
        }
        for (int s = 0; s < a.length; s++)
            if (!used[s]) lines.add(walk(xs, ys, z, level, a, b, first, second, used, s, a[s]));
        return lines;
    }

    private static ContourLine walk(double[] xs, double[] ys, double[][] z, double level, int[] a, int[] b,
                                    int[] first, int[] second, boolean[] used, int startSeg, int startEdge) {
        IntList path = new IntList();
        path.add(startEdge);
        int seg = startSeg, edge = startEdge;
        while (seg >= 0 && !used[seg]) {
            used[seg] = true;
            edge = a[seg] == edge ? b[seg] : a[seg];
            path.add(edge);
            seg = first[edge] == seg ? second[edge] : first[edge];
        }
        int[] ids = path.toArray();
        boolean closed = ids.length > 2 && ids[0] == ids[ids.length - 1];
        double[] px = new double[ids.length], py = new double[ids.length];
        int nx = xs.length;
        for (int i = 0; i < ids.length; i++) {
            int cell = ids[i] / 2, ix = cell % nx, iy = cell / nx;
            boolean vertical = (ids[i] & 1) == 1;
            double z0 = z[iy][ix], z1 = vertical ? z[iy + 1][ix] : z[iy][ix + 1];
            double t = (level - z0) / (z1 - z0);
            px[i] = vertical ? xs[ix] : xs[ix] + t * (xs[ix + 1] - xs[ix]);
            py[i] = vertical ? ys[iy] + t * (ys[iy + 1] - ys[iy]) : ys[iy];
        }
        return new ContourLine(level, px, py, closed);
    }

    /** A growable int array (avoids boxing a few hundred thousand Integers). */
    private static final class IntList {
        private int[] data = new int[64];
        private int size;

        void add(int v) {
            if (size == data.length) data = Arrays.copyOf(data, size * 2);
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
