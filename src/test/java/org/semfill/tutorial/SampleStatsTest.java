package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What chapter 2 prints about a collapsed or diverged run: words, never "NaN". */
class SampleStatsTest {
    private static final NormalMixture TARGET = NormalMixture.twoModes(-3, 3, 0.3);

    @Test
    void aBumpWithoutSamplesSaysSo() {
        String line = SampleStats.of(new float[] {-3.1f, -2.9f, -3f}, TARGET).describe(TARGET);
        assertTrue(line.contains("near -3: 100.0% (mean -3.000, std 0.082)"), line);
        assertTrue(line.endsWith("; near 3: 0.0% (no samples)"), line);
        assertFalse(line.contains("NaN"), line);
    }

    @Test
    void samplesThatAreNotNumbersSayTheRunDiverged() {
        String line = SampleStats.of(new float[] {-3f, Float.NaN, 3f}, TARGET).describe(TARGET);
        assertTrue(line.contains("diverged"), line);
        assertFalse(line.contains("NaN"), line);
        String inf = SampleStats.of(new float[] {Float.POSITIVE_INFINITY, 3f}, TARGET).describe(TARGET);
        assertTrue(inf.contains("diverged"), inf);
    }
}
