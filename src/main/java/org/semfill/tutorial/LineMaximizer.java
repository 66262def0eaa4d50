package org.semfill.tutorial;

import java.util.function.DoubleUnaryOperator;
import org.semfill.internal.Check;

/**
 * Maximising a function of one variable numerically: first the best point of a grid, then golden-section search
 * in the bracket around it. This is "completion in miniature": with x fixed, search y for the most likely value.
 * Golden-section search (Kiefer 1953) keeps a bracket that shrinks by 0.618 per step and assumes one peak in it.
 */
public final class LineMaximizer {
    private LineMaximizer() {}

    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2; // 0.618...

    /** The grid point where {@code f} is largest (the first one on a tie). */
    public static double argmaxOnGrid(DoubleUnaryOperator f, double[] grid) {
        Check.arg(grid.length > 0, "empty grid");
        int best = 0;
        double bestValue = f.applyAsDouble(grid[0]);
        for (int i = 1; i < grid.length; i++) {
            double v = f.applyAsDouble(grid[i]);
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return grid[best];
    }

    /** The maximiser of a single-peaked {@code f} on [lo, hi] to within {@code tol}, by golden-section search. */
    public static double goldenSection(DoubleUnaryOperator f, double lo, double hi, double tol) {
        Check.arg(lo < hi && tol > 0, "golden section needs lo < hi and tol > 0");
        double a = lo, b = hi;
        double c = b - INV_PHI * (b - a), d = a + INV_PHI * (b - a);
        double fc = f.applyAsDouble(c), fd = f.applyAsDouble(d);
        while (b - a > tol) {
            if (fc >= fd) {       // the peak is in [a, d]
                b = d;
                d = c;
                fd = fc;
                c = b - INV_PHI * (b - a);
                fc = f.applyAsDouble(c);
            } else {              // the peak is in [c, b]
                a = c;
                c = d;
                fc = fd;
                d = a + INV_PHI * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return (a + b) / 2;
    }

    /** Grid search, then golden section between the grid neighbours of the best grid point. */
    public static double argmax(DoubleUnaryOperator f, double[] grid, double tol) {
        double g = argmaxOnGrid(f, grid);
        double step = grid.length > 1 ? Math.abs(grid[1] - grid[0]) : 1;
        return goldenSection(f, g - step, g + step, tol);
    }
}
