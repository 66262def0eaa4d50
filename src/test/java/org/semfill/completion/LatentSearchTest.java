package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.autograd.GradCheck;
import org.semfill.autograd.Ops;
import org.semfill.cli.Main;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.ModelFiles;
import org.semfill.gan.Reports;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

/** The z search: its gradient through frozen G and D, its progress, restarts, and the complete command end to end. */
class LatentSearchTest {
    static final DcganConfig SMALL = new DcganConfig(16, 1, 6, 4, 4);

    static Dcgan frozen(long seed) {
        Dcgan gan = Dcgan.create(SMALL, seed);
        gan.generator.train(false);
        gan.discriminator.train(false);
        gan.generator.requiresGrad(false);
        gan.discriminator.requiresGrad(false);
        // Non-trivial running statistics, so eval-mode batch norm is not the identity.
        for (var st : gan.generator.stateDict().entrySet())
            if (st.getKey().endsWith("running_var")) java.util.Arrays.fill(st.getValue().floats(), 0.5f);
        return gan;
    }

    /** The completion loss of the paper, as LatentSearch computes it, as a function of z. */
    static Tensor loss(Dcgan gan, Tensor z, Tensor y, Tensor w, float lambda) {
        Tensor g = gan.generator.forward(z);
        Tensor contextual = Ops.sum(Ops.abs(Ops.mul(Ops.sub(g, y), w)));
        Tensor d = gan.discriminator.forward(g);
        Tensor perceptual = Ops.sum(Ops.log(Ops.addScalar(Ops.addScalar(Ops.neg(d), 1f), 1e-8f)));
        return Ops.add(contextual, Ops.mulScalar(perceptual, lambda));
    }

    @Test
    void zGradientThroughFrozenGeneratorAndDiscriminator() {
        Dcgan gan = frozen(3);
        Rng rng = new Rng(4);
        Tensor z = Tensor.variable(Tensor.uniform(rng, -1, 1, 2, 6, 1, 1).data(), 2, 6, 1, 1);
        Tensor y = Tensor.uniform(rng, -1, 1, 2, 1, 16, 16);
        Tensor w = Tensor.of(ImportanceWeights.of(Masks.center(16), true), 1, 1, 16, 16);
        // Scale by 100: G's outputs are small at initialisation, so the loss moves little per unit of z.
        double err = GradCheck.maxError(t -> Ops.mulScalar(loss(gan, t[0], y, w, 0.1f), 100f), 1e-2, z);
        assertTrue(err < 2e-2, "dL/dz error " + err);
        assertTrue(gan.generator.parameters().stream().noneMatch(Tensor::hasGrad), "frozen G collects no weight gradients");
    }

    @Test
    void recyclingTheStepsArraysChangesNoBit() {
        float[][] withAndWithout = new float[2][];
        for (int run = 0; run < 2; run++) {
            org.semfill.tensor.Buffers.setRecycling(run == 1);
            try {
                Dcgan gan = frozen(5);
                Rng rng = new Rng(7);
                Tensor target = Tensor.uniform(rng, -1, 1, 2, 1, 16, 16);
                Tensor w = Tensor.of(Masks.center(16).toArray(), 1, 1, 16, 16);
                LatentSearch s = new LatentSearch(gan.generator, gan.discriminator, 6, target, w, SearchSettings.defaults().withRestarts(2), rng);
                for (int i = 0; i < 5; i++) s.step();
                float[] z = s.z().data(), g = s.lastGenerated().data();
                withAndWithout[run] = java.util.Arrays.copyOf(z, z.length + g.length);
                System.arraycopy(g, 0, withAndWithout[run], z.length, g.length);
            } finally {
                org.semfill.tensor.Buffers.setRecycling(true);
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(withAndWithout[0], withAndWithout[1], 0f);
    }

    @Test
    void searchLowersTheLossAndRestartsKeepTheBest() {
        Dcgan gan = frozen(5);
        Rng rng = new Rng(6);
        Tensor target = Reports.generate(gan.generator, Tensor.uniform(rng, -1, 1, 3, 6, 1, 1)); // reachable targets
        Tensor w = Tensor.of(Masks.center(16).toArray(), 1, 1, 16, 16);
        LatentSearch s = new LatentSearch(gan.generator, gan.discriminator, 6, target, w, SearchSettings.defaults().withRestarts(3), rng);
        float first = s.step();
        float last = first;
        for (int i = 0; i < 150; i++) last = s.step();
        assertTrue(last < 0.5f * first, "loss fell from " + first + " to " + last);
        float[] rows = s.lastRowLosses();
        LatentSearch.Result best = s.best(3);
        // The reported z is the one that produced the reported image, not the one Adam moved on to.
        try (var off = org.semfill.tensor.Grad.off()) {
            float[] again = gan.generator.forward(Tensor.of(best.z(), 3, 6, 1, 1)).data();
            org.junit.jupiter.api.Assertions.assertArrayEquals(best.generated().data(), again, 0f);
        }
        for (int i = 0; i < 3; i++) {
            float min = Math.min(rows[i], Math.min(rows[3 + i], rows[6 + i]));
            assertEquals(min, best.loss()[i], 0f, "image " + i + " keeps its lowest-loss restart");
        }
    }

    @Test
    void completeCommandWritesGridsImagesAndCharts(@TempDir Path tmp) throws Exception {
        Dcgan gan = Dcgan.create(new DcganConfig(16, 1, 8, 4, 4), 1);
        ModelFiles.save(gan, tmp.resolve("model"));
        Path img = tmp.resolve("in.png");
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        javax.imageio.ImageIO.write(bi, "png", img.toFile());
        int rc = Main.run("complete", "--model", tmp.resolve("model").toString(), "--images", img.toString(), "--mask", "center",
                "--out", tmp.resolve("out").toString(), "--iters", "5", "--snapshots", "2");
        assertEquals(0, rc);
        for (String f : new String[] {"grid-001.png", "loss-001.png", "search-strip-001.png", "images/in-blended.png", "images/in-generated.png"})
            assertTrue(Files.exists(tmp.resolve("out").resolve(f)), f);
        Path badMask = tmp.resolve("mask.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", badMask.toFile());
        assertEquals(Main.USER_ERROR, Main.run("complete", "--model", tmp.resolve("model").toString(), "--images", img.toString(),
                "--mask", badMask.toString(), "--out", tmp.resolve("out2").toString(), "--iters", "2"));
    }
}
