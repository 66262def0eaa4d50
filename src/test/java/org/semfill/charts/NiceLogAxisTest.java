package org.semfill.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NiceLogAxisTest {
    @Test
    void picksTheFinestRoundSeriesThatFits() {
        assertArrayEquals(new double[] {0.05, 0.1, 0.2, 0.5, 1, 2}, NiceLogAxis.tickValues(0.04, 4.5, 7), 1e-15);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, NiceLogAxis.tickValues(1, 10, 10), 1e-15);
        assertArrayEquals(new double[] {0.001, 0.01, 0.1, 1}, NiceLogAxis.tickValues(0.001, 1, 5), 1e-18);
    }

    @Test
    void manyDecadesKeepEveryKthPower() {
        double[] t = NiceLogAxis.tickValues(1e-12, 1e6, 5);
        assertTrue(t.length <= 7 && t.length >= 3, "got " + t.length);
        for (double v : t) assertEquals(0, Math.log10(v) % 1, 1e-9, "a power of ten: " + v);
    }

    @Test
    void labelsArePlainOrScientificForExtremes() {
        assertEquals("0.05", NiceLogAxis.format(0.05));
        assertEquals("200", NiceLogAxis.format(200));
        assertEquals("1E-6", NiceLogAxis.format(1e-6));
        assertEquals("2E8", NiceLogAxis.format(2e8));
    }
}
