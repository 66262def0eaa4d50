package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** Low resolution as Amos means it: the search compares block means, and the fill keeps the input's block means. */
class LowresCompletionTest {
    static final DcganConfig SMALL = new DcganConfig(32, 1, 6, 4, 4);
    static final int K = 4, LOW = 32 / K;

    static float[] images(int n) {
        return Tensor.uniform(new Rng(9), -0.8f, 0.8f, n, 1, 32, 32).data();
    }

    @Test
    void anEightByEightInputGivesAThirtyTwoImageWithItsBlockMeans() {
        int n = 2;
        float[] low = Tensor.uniform(new Rng(4), -0.7f, 0.7f, n, 1, LOW, LOW).data(); // the small photos themselves
        float[] input = BlockAverages.upscale(low, 32, 32, K); // as the CLI stores an 8x8 input
        Mask mask = Masks.lowres(32, K);
        SearchSettings search = SearchSettings.defaults().withIterations(15);
        try (CompletionSession s = new CompletionSession(Dcgan.create(SMALL, 5), input, n, mask,
                CompletionSession.Settings.defaults().withSearch(search).withLearnedStart(false), new Rng(3))) {
            assertArrayEquals(input, s.damaged(), 0f); // the damaged picture is the blocky input
            CompletionSession.Fill f = s.finish(null);
            assertEquals(n * 32 * 32, f.blended().length);
            assertArrayEquals(f.generated(), f.completed(), 0f); // no pixel known: "pasted" is G(z-hat) itself
            float[] means = BlockAverages.pool(f.blended(), 32, 32, K);
            int checked = 0;
            for (int b = 0; b < means.length; b++) {
                if (clipped(f.blended(), b)) continue;
                assertEquals(low[b], means[b], 1e-5f, "block " + b);
                checked++;
            }
            assertTrue(checked > means.length / 2, "most blocks are inside [-1, 1]: " + checked + " of " + means.length);
            float[] rawMeans = BlockAverages.pool(f.generated(), 32, 32, K);
            double off = 0;
            for (int b = 0; b < means.length; b++) off = Math.max(off, Math.abs(rawMeans[b] - low[b]));
            assertTrue(off > 1e-3, "G(z-hat) alone does not match the means; the correction does (" + off + ")");
        }
    }

    /** Whether any pixel of block b of (P, 32, 32) images sits at +-1 (where clipping may have moved the mean). */
    private static boolean clipped(float[] x, int b) {
        int p = b / (LOW * LOW), i = b % (LOW * LOW) / LOW, j = b % LOW;
        for (int r = i * K; r < i * K + K; r++)
            for (int c = j * K; c < j * K + K; c++) if (Math.abs(x[(p * 32 + r) * 32 + c]) >= 1f) return true;
        return false;
    }

    @Test
    void theContextualLossComparesBlockMeansTimesKSquared() {
        float[] input = images(1);
        try (CompletionSession s = new CompletionSession(Dcgan.create(SMALL, 5), input, 1, Masks.lowres(32, K),
                CompletionSession.Settings.defaults().withLearnedStart(false), new Rng(3))) {
            s.step();
            float[] g = s.generated(), target = BlockAverages.pool(input, 32, 32, K), mine = BlockAverages.pool(g, 32, 32, K);
            double want = 0;
            for (int b = 0; b < target.length; b++) want += Math.abs(mine[b] - target[b]) * K * K;
            assertEquals(want, s.contextual()[0], 1e-4 * want);
        }
    }

    @Test
    void theCorrectionMatchesTheMeansAndClippingOnlyBitesAtTheEdges() {
        float[] g = {0.9f, 0.5f, -0.2f, 0.1f}; // one 2x2 block
        float[] x = BlockAverages.correct(g, new float[] {0.2f}, 2, 2, 2);
        assertEquals(0.2f, BlockAverages.pool(x, 2, 2, 2)[0], 1e-6f);
        assertArrayEquals(new float[] {0.775f, 0.375f, -0.325f, -0.025f}, x, 1e-6f); // shifted by 0.2 - 0.325: detail kept
        // A target near white pushes two pixels past 1: they are clipped, and the others lifted until the mean is met.
        float[] y = BlockAverages.correct(g, new float[] {0.9f}, 2, 2, 2);
        for (float v : y) assertTrue(v <= 1f && v >= -1f, "in range: " + v);
        assertEquals(0.9f, BlockAverages.pool(y, 2, 2, 2)[0], 1e-6f);
        assertArrayEquals(new float[] {1f, 1f, 0.65f, 0.95f}, y, 1e-6f); // -0.2 and 0.1 keep their difference of 0.3
    }
}
