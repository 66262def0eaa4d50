package org.semfill.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses where on each contour line its level label goes, greedily: among points along the line (away from the
 * plot's edges) take the one farthest from the labels already placed and from marked points and vertical lines,
 * with a penalty for covering sample dots. Distances are measured in fractions of the axis ranges, which is what
 * the eye sees on a plot of any size.
 */
final class LabelPlacer {
    /** Lines shorter than this (in axis fractions) get no label: it would hide them. */
    static final double MIN_LINE_LENGTH = 0.15;
    private static final double EDGE = 0.07, ENOUGH_ROOM = 0.3, DOT_PENALTY = 0.03;
    private static final double HALF_WIDTH = 0.035, HALF_HEIGHT = 0.02; // a label's size, in axis fractions

    private final double xlo, ylo, xSpan, ySpan;
    private final List<double[]> taken = new ArrayList<>();   // placed labels and marks, normalised {u, v}
    private final List<Double> verticals = new ArrayList<>(); // normalised u of vertical lines
    private final List<double[]> dots = new ArrayList<>();    // normalised sample dots

    LabelPlacer(double xlo, double xhi, double ylo, double yhi) {
        this.xlo = xlo;
        this.ylo = ylo;
        this.xSpan = xhi - xlo;
        this.ySpan = yhi - ylo;
    }

    void avoidPoint(double x, double y) {
        taken.add(new double[] {u(x), v(y)});
    }

    void avoidVerticalLine(double x) {
        verticals.add(u(x));
    }

    void avoidDots(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) dots.add(new double[] {u(x[i]), v(y[i])});
    }

    /** The label position {x, y} for {@code line}, or null when the line is too short or entirely near the edges. */
    double[] place(ContourLine line) {
        if (line.length(xSpan, ySpan) < MIN_LINE_LENGTH) return null;
        int n = line.size(), stride = Math.max(1, n / 80);
        double bestScore = Double.NEGATIVE_INFINITY;
        double[] best = null;
        for (int i = 0; i < n; i += stride) {
            double cu = u(line.x()[i]), cv = v(line.y()[i]);
            if (cu < EDGE || cu > 1 - EDGE || cv < EDGE || cv > 1 - EDGE) continue;
            double room = ENOUGH_ROOM;
            for (double[] t : taken) room = Math.min(room, Math.hypot(cu - t[0], cv - t[1]));
            for (double vu : verticals) room = Math.min(room, 2 * Math.abs(cu - vu));
            int covered = 0;
            for (double[] d : dots) if (Math.abs(d[0] - cu) < HALF_WIDTH && Math.abs(d[1] - cv) < HALF_HEIGHT) covered++;
            double score = room - DOT_PENALTY * covered;
            if (score > bestScore) {
                bestScore = score;
                best = new double[] {line.x()[i], line.y()[i]};
            }
        }
        if (best != null) avoidPoint(best[0], best[1]);
        return best;
    }

    private double u(double x) {
        return (x - xlo) / xSpan;
    }

    private double v(double y) {
        return (y - ylo) / ySpan;
    }
}
