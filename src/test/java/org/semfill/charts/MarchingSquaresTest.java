package org.semfill.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarchingSquaresTest {
    static double[] linspace(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = lo + (hi - lo) * i / (n - 1);
        return out;
    }

    static double[][] sample(double[] xs, double[] ys, DoubleBinaryOperator f) {
        double[][] z = new double[ys.length][xs.length];
        for (int iy = 0; iy < ys.length; iy++)
            for (int ix = 0; ix < xs.length; ix++) z[iy][ix] = f.applyAsDouble(xs[ix], ys[iy]);
        return z;
    }

    @Test
    void circleAtLevelOneIsOneClosedLoopOfRadiusOne() {
        double[] g = linspace(-2, 2, 81); // step 0.05
        List<ContourLine> lines = MarchingSquares.trace(g, g, sample(g, g, (x, y) -> x * x + y * y), 1.0);
        assertEquals(1, lines.size());
        ContourLine c = lines.get(0);
        assertTrue(c.closed());
        assertEquals(c.x()[0], c.x()[c.size() - 1], 0);
        assertEquals(c.y()[0], c.y()[c.size() - 1], 0);
        for (int i = 0; i < c.size(); i++)
            assertEquals(1.0, Math.hypot(c.x()[i], c.y()[i]), 2e-3, "point " + i);
        // The loop goes all the way round: its length is close to 2 pi.
        assertEquals(2 * Math.PI, c.length(1, 1), 0.01);
    }

    @Test
    void planeGivesOneOpenStraightLineAcrossTheGrid() {
        double[] xs = linspace(0, 1, 11), ys = linspace(0, 2, 21);
        List<ContourLine> lines = MarchingSquares.trace(xs, ys, sample(xs, ys, (x, y) -> x), 0.33);
        assertEquals(1, lines.size());
        ContourLine line = lines.get(0);
        assertFalse(line.closed());
        assertEquals(ys.length, line.size()); // one crossing per grid row
        for (int i = 0; i < line.size(); i++) assertEquals(0.33, line.x()[i], 1e-12);
        double lo = Math.min(line.y()[0], line.y()[line.size() - 1]), hi = Math.max(line.y()[0], line.y()[line.size() - 1]);
        assertEquals(0, lo, 0);
        assertEquals(2, hi, 0);
    }

    @Test
    void twoBumpsGiveTwoLoopsAndALowLevelGivesOneAroundBoth() {
        double[] g = linspace(-3, 3, 121);
        DoubleBinaryOperator bumps = (x, y) ->
            Math.exp(-((x - 1.2) * (x - 1.2) + y * y) / 0.3) + Math.exp(-((x + 1.2) * (x + 1.2) + y * y) / 0.3);
        double[][] z = sample(g, g, bumps);
        List<ContourLine> high = MarchingSquares.trace(g, g, z, 0.5);
        assertEquals(2, high.size());
        assertTrue(high.get(0).closed() && high.get(1).closed());
        assertTrue(high.get(0).x()[0] * high.get(1).x()[0] < 0, "one loop per bump");
        List<ContourLine> low = MarchingSquares.trace(g, g, z, 0.001);
        assertEquals(1, low.size());
    }

    @Test
    void saddleCellsAreSplitConsistently() {
        // z = x y has a saddle at 0; the level 0.1 gives two hyperbola branches, in quadrants 1 and 3.
        double[] g = linspace(-1, 1, 41);
        List<ContourLine> lines = MarchingSquares.trace(g, g, sample(g, g, (x, y) -> x * y), 0.1);
        assertEquals(2, lines.size());
        for (ContourLine l : lines) {
            assertFalse(l.closed());
            for (int i = 0; i < l.size(); i++) assertEquals(0.1, l.x()[i] * l.y()[i], 0.01);
        }
    }

    @Test
    void nanCellsAreSkipped() {
        double[] g = linspace(-2, 2, 41);
        double[][] z = sample(g, g, (x, y) -> x * x + y * y);
        for (int iy = 0; iy < g.length; iy++) z[iy][30] = Double.NaN; // a NaN column at x = 1
        List<ContourLine> lines = MarchingSquares.trace(g, g, z, 1.0);
        assertFalse(lines.isEmpty());
        for (ContourLine l : lines) {
            assertFalse(l.closed(), "the NaN column cuts the circle");
            for (double x : l.x()) assertTrue(x <= 0.9 + 1e-12 || x >= 1.1 - 1e-12, "no point in a NaN cell: " + x);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyPointLiesOnAGridEdgeAtTheLevelAndNeighboursShareACell(long seed) {
        Random rnd = new Random(seed);
        double[] xs = linspace(0, 1, 17), ys = linspace(0, 2, 13);
        double[][] z = new double[ys.length][xs.length];
        for (double[] row : z) for (int i = 0; i < row.length; i++) row[i] = rnd.nextGaussian();
        double hx = xs[1] - xs[0], hy = ys[1] - ys[0];
        int points = 0;
        for (ContourLine l : MarchingSquares.trace(xs, ys, z, 0.2)) {
            for (int i = 0; i < l.size(); i++) {
                double x = l.x()[i], y = l.y()[i];
                int ix = (int) Math.round(x / hx), iy = (int) Math.round(y / hy);
                boolean onVertical = Math.abs(x - xs[ix]) < 1e-12, onHorizontal = Math.abs(y - ys[iy]) < 1e-12;
                assertTrue(onVertical || onHorizontal, "point off the grid lines: " + x + ", " + y);
                // Linear interpolation along that edge gives the level back.
                double value;
                if (onVertical) {
                    int j = Math.min((int) Math.floor(y / hy), ys.length - 2);
                    double t = (y - ys[j]) / hy;
                    value = z[j][ix] + t * (z[j + 1][ix] - z[j][ix]);
                } else {
                    int j = Math.min((int) Math.floor(x / hx), xs.length - 2);
                    double t = (x - xs[j]) / hx;
                    value = z[iy][j] + t * (z[iy][j + 1] - z[iy][j]);
                }
                assertEquals(0.2, value, 1e-9);
                if (i > 0) {
                    assertTrue(Math.abs(x - l.x()[i - 1]) <= hx + 1e-12 && Math.abs(y - l.y()[i - 1]) <= hy + 1e-12);
                }
                points++;
            }
        }
        assertTrue(points > 0);
    }

    @Test
    void rejectsMismatchedGrid() {
        double[] g = linspace(0, 1, 5);
        assertThrows(IllegalArgumentException.class, () -> MarchingSquares.trace(g, g, new double[4][5], 0));
        assertThrows(IllegalArgumentException.class, () -> MarchingSquares.trace(g, g, new double[5][5], Double.NaN));
    }
}
