package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;

/** The target distribution of chapter 2 and the statistics the chapter prints. */
class NormalMixtureTest {

    @Test
    void densityIntegratesToOneAndPeaksAtTheModes() {
        NormalMixture m = NormalMixture.twoModes(-2, 2, 0.5);
        double sum = 0, dx = 1e-3;
        for (double x = -10; x < 10; x += dx) sum += m.density(x) * dx;
        assertEquals(1.0, sum, 1e-6);
        // Each mode: half of a N(mu, 0.5^2) peak, 0.5 / (0.5 sqrt(2 pi)), plus a negligible tail of the other.
        assertEquals(0.5 / (0.5 * Math.sqrt(2 * Math.PI)), m.density(2), 1e-6);
    }

    @Test
    void samplesHaveTheAnalyticMeanStdAndModeShares() {
        NormalMixture m = NormalMixture.twoModes(-2, 2, 0.5);
        float[] x = m.sample(200_000, new Rng(5));
        SampleStats s = SampleStats.of(x, m);
        // Standard errors: std / sqrt(n) ~ 0.005 for the mean, sqrt(0.25 / n) ~ 0.001 for a share.
        assertEquals(m.mean(), s.mean(), 0.02);
        assertEquals(m.std(), s.std(), 0.02);
        assertEquals(0.5, s.modeFraction()[0], 0.005);
        assertEquals(-2, s.modeMean()[0], 0.01);
        assertEquals(0.5, s.modeStd()[0], 0.01);
    }

    @Test
    void totalVariationIsSmallForTrueSamplesAndLargeForWrongOnes() {
        NormalMixture m = NormalMixture.twoModes(-2, 2, 0.5);
        double own = SampleStats.totalVariation(m.sample(20_000, new Rng(9)), m, 90, -4.5, 4.5);
        assertTrue(own < 0.04, "true samples: " + own);
        // All samples in one mode: half of the probability is in the wrong place.
        double oneMode = SampleStats.totalVariation(NormalMixture.normal(2, 0.5).sample(20_000, new Rng(9)), m, 90, -4.5, 4.5);
        assertEquals(0.5, oneMode, 0.04);
        // Every sample outside the range: nothing overlaps.
        assertEquals(1.0, SampleStats.totalVariation(new float[] {10, 11}, m, 90, -4.5, 4.5), 1e-6);
    }

    @Test
    void oneComponentIsAPlainNormal() {
        NormalMixture n = NormalMixture.normal(2, 0.5);
        assertEquals(2, n.mean(), 0);
        assertEquals(0.5, n.std(), 1e-12);
        assertEquals("N(2, 0.5\u00B2)", n.toString());
        assertEquals("0.5 N(-2, 0.5\u00B2) + 0.5 N(2, 0.5\u00B2)", NormalMixture.twoModes(-2, 2, 0.5).toString());
    }

    @Test
    void statsOfAKnownArray() {
        SampleStats s = SampleStats.of(new float[] {-3, -1, 1, 2, 3, 6}, NormalMixture.twoModes(-2, 2, 0.5));
        assertEquals(8.0 / 6, s.mean(), 1e-9);
        assertEquals(2.0 / 6, s.modeFraction()[0], 1e-12);
        assertEquals(-2, s.modeMean()[0], 1e-9);
        assertEquals(1, s.modeStd()[0], 1e-6);
        assertEquals(3, s.modeMean()[1], 1e-9);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> NormalMixture.normal(0, 0));
        assertThrows(IllegalArgumentException.class, () -> NormalMixture.twoModes(0, 1, -1));
    }
}
