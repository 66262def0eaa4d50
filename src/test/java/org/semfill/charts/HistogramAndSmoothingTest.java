package org.semfill.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramAndSmoothingTest {
    @Test
    void histogramIsADensityOverAllSamples() {
        double[] s = {0.1, 0.2, 0.6, 1.0, 5.0}; // 1.0 is the upper edge (last bin), 5.0 is outside
        Histogram h = Histogram.of(s, 2, 0, 1);
        assertEquals(0.5, h.binWidth(), 0);
        assertArrayEquals(new double[] {2 / (5 * 0.5), 2 / (5 * 0.5)}, h.densities(), 1e-12);
        double area = 0;
        for (double d : h.densities()) area += d * h.binWidth();
        assertEquals(4 / 5.0, area, 1e-12, "area = fraction of samples inside the range");
    }

    @Test
    void histogramOfNormalSamplesFollowsTheDensity() {
        Random rnd = new Random(7);
        double[] s = new double[200_000];
        for (int i = 0; i < s.length; i++) s[i] = rnd.nextGaussian();
        Histogram h = Histogram.of(s, 30, -3, 3);
        for (int b = 0; b < h.bins(); b++) {
            double mid = h.binStart(b) + h.binWidth() / 2;
            double pdf = Math.exp(-mid * mid / 2) / Math.sqrt(2 * Math.PI);
            assertEquals(pdf, h.densities()[b], 0.01, "bin " + b);
        }
    }

    @Test
    void movingAverageKeepsConstantsAndSmoothsSteps() {
        assertArrayEquals(new double[] {2, 2, 2, 2}, Smoothing.movingAverage(new double[] {2, 2, 2, 2}, 3), 1e-12);
        assertArrayEquals(new double[] {1.5, 1, 2, 1.5}, Smoothing.movingAverage(new double[] {0, 3, 0, 3}, 3), 1e-12);
        // Window 4 looks one back and two ahead.
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, Smoothing.movingAverage(new double[] {0, 1, 2, 3}, 4), 1e-12);
    }

    @Test
    void movingAverageSkipsNaN() {
        double[] out = Smoothing.movingAverage(new double[] {1, Double.NaN, 3, Double.NaN, Double.NaN, Double.NaN}, 3);
        assertEquals(1, out[0], 0);
        assertEquals(2, out[1], 0);
        assertEquals(3, out[2], 0);
        assertTrue(Double.isNaN(out[4]), "no finite value in the window");
        assertEquals(1, Smoothing.defaultWindow(10));
        assertEquals(20, Smoothing.defaultWindow(1000));
    }
}
