package org.semfill.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContourLevelsTest {
    @Test
    void standardNormal2dGetsTheRoundSteps() {
        double peak = 1 / (2 * Math.PI); // 0.159
        assertArrayEquals(new double[] {0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.14}, ContourLevels.nice(1e-5, peak, 7), 0);
    }

    @Test
    void correlatedNormalGetsQuarterSteps() {
        double peak = 1 / (2 * Math.PI * Math.sqrt(1 - 0.49)); // 0.223
        assertEquals(0.025, ContourLevels.step(0, peak, 7), 0);
        assertEquals(8, ContourLevels.nice(0, peak, 7).length);
    }

    @Test
    void largeRangesAndNegativeValues() {
        assertArrayEquals(new double[] {-20, -10, 0, 10, 20}, ContourLevels.nice(-25, 25, 5), 0);
        assertEquals(100, ContourLevels.step(0, 1000, 9), 0);
    }

    @Test
    void labelsShareTheStepsDecimals() {
        assertEquals("0.10", ContourLevels.label(0.1, 0.02));
        assertEquals("0.050", ContourLevels.label(0.05, 0.025));
        assertEquals("15", ContourLevels.label(15, 5));
        assertEquals("0.06", ContourLevels.label(0.06000000000000001, 0.02));
    }
}
