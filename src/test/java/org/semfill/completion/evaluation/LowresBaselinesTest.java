package org.semfill.completion.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semfill.completion.BlockAverages;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.data.ImageSet;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** The simple fills and bicubic upscaling for lowres, where only the k x k block means are known. */
class LowresBaselinesTest {
    static final Mask LOWRES = Masks.lowres(16, 4); // a 4x4 input for 16x16 images

    /** A smooth image: a tilted plane plus a gentle wave, within [-1, 1]. */
    static float[] smooth(int size) {
        float[] x = new float[size * size];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++) x[r * size + c] = (float) (0.04 * (c - size / 2.0) - 0.02 * r + 0.3 * Math.sin(r / 4.0));
        return x;
    }

    @Test
    void keysKernelInterpolates() {
        assertEquals(1, BicubicFill.weight(0), 0);
        for (double x : new double[] {1, 2, -1, 2.5}) assertEquals(0, BicubicFill.weight(x), 1e-12);
        for (double f : new double[] {0, 0.25, 0.5, 0.8}) // the four taps' weights sum to 1 at any fraction
            assertEquals(1, BicubicFill.weight(f + 1) + BicubicFill.weight(f) + BicubicFill.weight(1 - f) + BicubicFill.weight(2 - f), 1e-12);
    }

    @Test
    void bicubicKeepsAConstantAndReproducesARampInside() {
        float[] flat = new float[16 * 16];
        java.util.Arrays.fill(flat, 0.3f);
        assertArrayEquals(flat, new BicubicFill().fill(flat, 1, LOWRES), 1e-6f);
        float[] low = new float[8 * 8]; // a ramp of block means along the columns: 0.1 per block
        for (int i = 0; i < low.length; i++) low[i] = -0.4f + 0.1f * (i % 8);
        float[] up = BicubicFill.upscale(low, 1, 8, 8, 4);
        for (int c = 6; c < 26; c++) // away from the edges, cubic convolution is exact on a straight line
            assertEquals(-0.4 + 0.1 * ((c + 0.5) / 4 - 0.5), up[10 * 32 + c], 1e-5, "column " + c);
        assertThrows(IllegalArgumentException.class, () -> new BicubicFill().fill(flat, 1, Masks.center(16)));
    }

    @Test
    void simpleFillsKeepTheBlockMeans() {
        float[] img = smooth(16), means = BlockAverages.pool(img, 16, 16, 4);
        float[] damaged = LOWRES.damage(img, 0f);
        float[] mean = new MeanFill().fill(damaged, 1, LOWRES), harmonic = new HarmonicFill().fill(damaged, 1, LOWRES);
        assertArrayEquals(damaged, mean, 0f); // mean fill: every pixel its block's mean, the blocky input
        assertArrayEquals(means, BlockAverages.pool(harmonic, 16, 16, 4), 1e-4f);
        assertTrue(roughness(harmonic) < 0.5 * roughness(mean), "the smoothest image with those means is smoother than the blocks");
        assertTrue(Metrics.psnr(img, harmonic, LOWRES, org.semfill.completion.Region.WHOLE)
                > Metrics.psnr(img, mean, LOWRES, org.semfill.completion.Region.WHOLE), "and closer to a smooth original");
    }

    @Test
    void nearestNeighbourComparesBlockMeansAndKeepsThem() {
        float[] a = smooth(16), b = new float[256], train = new float[2 * 256];
        for (int i = 0; i < 256; i++) b[i] = -a[i];
        System.arraycopy(b, 0, train, 0, 256);
        System.arraycopy(a, 0, train, 256, 256); // the right answer is image 1
        float[] query = a.clone();
        for (int i = 0; i < 256; i += 2) query[i] += (i % 4 == 0 ? 0.3f : -0.3f); // detail that averages out within blocks
        NearestNeighbourFill nn = new NearestNeighbourFill(train, 2, 1, 16, 16);
        float[] damaged = LOWRES.damage(query, 0f);
        assertEquals(1, nn.nearestIndex(damaged, 1, LOWRES));
        assertArrayEquals(BlockAverages.pool(query, 16, 16, 4), BlockAverages.pool(nn.fill(damaged, 1, LOWRES), 16, 16, 4), 1e-5f);
    }

    @Test
    void evaluationAddsBicubicAndScoresTheWholeImage() {
        int n = 3;
        float[] held = Tensor.uniform(new Rng(2), -0.5f, 0.5f, n, 1, 16, 16).data();
        float[] train = Tensor.uniform(new Rng(3), -0.5f, 0.5f, 5, 1, 16, 16).data();
        ImageSet heldOut = new ImageSet(held, n, 1, 16, 16, "held"), trainSet = new ImageSet(train, 5, 1, 16, 16, "train");
        Evaluation.Outcome o = Evaluation.compare(heldOut, trainSet, LOWRES, held.clone(), held.clone());
        List<String> methods = o.table().rows().stream().map(ResultTable.Row::method).toList();
        assertEquals(List.of(Evaluation.OURS_BLENDED, Evaluation.OURS_PASTED, "mean fill", "nearest neighbour", "harmonic fill", "bicubic"), methods);
        for (ResultTable.Row r : o.table().rows()) assertEquals(r.psnrWhole(), r.psnrHole(), 1e-9, r.method() + ": the hole is the whole image");
        Evaluation.Outcome centre = Evaluation.compare(heldOut, trainSet, Masks.center(16), held.clone(), held.clone());
        assertEquals(5, centre.table().rows().size(), "bicubic only for lowres");
    }

    /** Sum of squared differences between neighbours. */
    static double roughness(float[] x) {
        double s = 0;
        for (int r = 0; r < 16; r++)
            for (int c = 0; c < 16; c++) {
                if (c < 15) s += Math.pow(x[r * 16 + c + 1] - x[r * 16 + c], 2);
                if (r < 15) s += Math.pow(x[(r + 1) * 16 + c] - x[r * 16 + c], 2);
            }
        return s;
    }
}
