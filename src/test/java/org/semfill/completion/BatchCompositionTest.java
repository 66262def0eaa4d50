package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.internal.Rng;
import org.semfill.kernels.KernelProvider;
import org.semfill.tensor.Tensor;

/**
 * In evaluation mode every row of the search is on its own, so which rows share a batch must not change a row's
 * result: searching rows 0..4 in one batch, or as 2 + 3 rows, or in the order 4, 0, 3, 1, 2, gives the same bits for
 * every row (z, G(z) and losses after several steps), with both kernels. This is what would let a job regroup its
 * rows into full batches across images and restarts without changing any result, as long as no batch has a single
 * row: a one-row batch differs in the last bits (checked with a tolerance below).
 */
class BatchCompositionTest {
    static final DcganConfig C = new DcganConfig(28, 1, 20, 16, 16); // the demo's geometry (28x28, 7x7 and 14x14 maps), narrower

    @AfterEach
    void kernels() {
        KernelProvider.select("auto");
    }

    /** Rows {@code rows} of the images/starts searched together for 4 steps: per row z (nz), G(z) (per) and loss (1). */
    private static float[][] search(Dcgan gan, float[] images, float[] starts, int[] rows) {
        int per = 28 * 28, nz = C.nz(), n = rows.length;
        float[] y = new float[n * per], z0 = new float[n * nz];
        for (int j = 0; j < n; j++) {
            System.arraycopy(images, rows[j] * per, y, j * per, per);
            System.arraycopy(starts, rows[j] * nz, z0, j * nz, nz);
        }
        Tensor w = Tensor.of(ImportanceWeights.of(Masks.center(28), true), 1, 1, 28, 28);
        float[][] out = new float[n][];
        try (LatentSearch s = new LatentSearch(gan.generator, gan.discriminator, nz, Tensor.of(y, n, 1, 28, 28), w,
                SearchSettings.defaults(), z0, new Rng(1))) {
            for (int i = 0; i < 4; i++) s.step();
            float[] z = s.z().data(), g = s.lastGenerated().data(), loss = s.lastRowLosses();
            for (int j = 0; j < n; j++) {
                float[] r = Arrays.copyOfRange(z, j * nz, (j + 1) * nz);
                r = Arrays.copyOf(r, nz + per + 1);
                System.arraycopy(g, j * per, r, nz, per);
                r[nz + per] = loss[j];
                out[j] = r;
            }
        }
        return out;
    }

    @Test
    void aRowsResultDoesNotDependOnItsBatchmates() {
        for (String k : new String[] {"vector", "scalar"}) {
            KernelProvider.select(k);
            Dcgan gan = Dcgan.create(C, 3);
            for (var st : gan.generator.stateDict().entrySet()) // non-trivial running statistics
                if (st.getKey().endsWith("running_var")) Arrays.fill(st.getValue().floats(), 0.5f);
            Rng rng = new Rng(4);
            float[] images = Tensor.uniform(rng, -1, 1, 5, 1, 28, 28).data(), starts = Tensor.uniform(rng, -1, 1, 5, C.nz()).data();
            float[][] all = search(gan, images, starts, new int[] {0, 1, 2, 3, 4});
            float[][] first = search(gan, images, starts, new int[] {0, 1}), rest = search(gan, images, starts, new int[] {2, 3, 4});
            float[][] shuffled = search(gan, images, starts, new int[] {4, 0, 3, 1, 2});
            for (int r = 0; r < 5; r++) assertArrayEquals(all[r], r < 2 ? first[r] : rest[r - 2], 0f, k + ": row " + r + ", split 2 + 3");
            int[] order = {4, 0, 3, 1, 2};
            for (int j = 0; j < 5; j++) assertArrayEquals(all[order[j]], shuffled[j], 0f, k + ": row " + order[j] + ", shuffled");
            // A batch of one row is the exception: G's first and D's last layer then run as axpy or dot streams
            // (docs/performance.md, "Edges and thin shapes"), whose sums are ordered differently: the last bits move.
            float[] alone = search(gan, images, starts, new int[] {3})[0];
            for (int i = 0; i < alone.length; i++)
                org.junit.jupiter.api.Assertions.assertEquals(all[3][i], alone[i], 1e-4f * Math.max(1f, Math.abs(all[3][i])), k + ": row 3 alone, value " + i);
        }
    }
}
