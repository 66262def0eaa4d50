package org.semfill.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.autograd.GradCheck;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.Encoder;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.nn.Inference;
import org.semfill.tensor.Tensor;

/** Training the encoder: its loss's gradients, that it learns, that a resumed run is the uninterrupted one. */
class EncoderTrainingTest {
    static final DcganConfig SMALL = new DcganConfig(16, 1, 6, 8, 4);
    static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    static EncoderOptions options(int steps) {
        return new EncoderOptions(steps, 8, 0.5f, 1f, 2e-3f, 0.5f, 3, 0);
    }

    static ImageSet real(int n) {
        return new ImageSet(Tensor.uniform(new Rng(21), -1, 1, n, 1, 16, 16).data(), n, 1, 16, 16, "noise");
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        Dcgan gan = Dcgan.create(SMALL, 2);
        gan.generator.train(false);
        gan.generator.requiresGrad(false);
        Encoder e = Encoder.create(SMALL, 4);
        Rng rng = new Rng(6);
        int b = 3;
        Tensor input = Tensor.uniform(rng, -1, 1, b, 2, 16, 16), x = Tensor.uniform(rng, -1, 1, b, 1, 16, 16);
        Tensor z = Tensor.uniform(rng, -1, 1, b, 6, 1, 1);
        var params = e.net.parameters();
        Tensor firstConv = params.get(0), lastConv = params.get(params.size() - 1);
        for (int nGen : new int[] {0, 2, 3}) {
            double err = GradCheck.maxError(t -> EncoderTraining.loss(e, gan.generator, input, x, z, nGen, 0.7f)[0], 1e-3, firstConv, lastConv);
            assertTrue(err < 1e-2, "nGen " + nGen + ": max gradient error " + err);
        }
        // and the check has teeth: a loss whose z term is scaled without its gradient fails it
        double wrong = GradCheck.maxError(t -> {
            Tensor[] l = EncoderTraining.loss(e, gan.generator, input, x, z, 2, 0.7f);
            return org.semfill.autograd.Ops.add(l[0], Tensor.of(new float[] {l[2].item() * 50f}));
        }, 1e-3, lastConv);
        assertTrue(wrong > 0.1, "a gradient-free term must be caught: " + wrong);
    }

    @Test
    void lossIsTheImageTermPlusTheWeightedZTermOfGsRows() {
        Dcgan gan = Dcgan.create(SMALL, 2);
        Encoder e = Encoder.create(SMALL, 4);
        Rng rng = new Rng(8);
        Tensor input = Tensor.uniform(rng, -1, 1, 4, 2, 16, 16), x = Tensor.uniform(rng, -1, 1, 4, 1, 16, 16);
        Tensor z = Tensor.uniform(rng, -1, 1, 4, 6, 1, 1);
        try (var s = Inference.of(gan.generator, e.net)) {
            Tensor[] l = EncoderTraining.loss(e, gan.generator, input, x, z, 2, 0.5f);
            float[] zHat = e.net.forward(input).data(), g = gan.generator.forward(Tensor.of(zHat, 4, 6, 1, 1)).data();
            double image = 0, zs = 0;
            for (int i = 0; i < g.length; i++) image += Math.abs(g[i] - x.data()[i]);
            for (int i = 0; i < 2 * 6; i++) zs += (zHat[i] - z.data()[i]) * (zHat[i] - z.data()[i]);
            assertEquals(image / g.length, l[1].item(), 1e-5);
            assertEquals(zs / 12, l[2].item(), 1e-5, "only G's two rows count, averaged over them");
            assertEquals(l[1].item() + 0.5f * l[2].item(), l[0].item(), 1e-5);
        }
    }

    @Test
    void itLearnsToFindZForDamagedImages(@TempDir Path run) {
        Dcgan gan = varied(Dcgan.create(SMALL, 2));
        Rng rng = new Rng(30);
        Tensor z = Tensor.uniform(rng, -1, 1, 16, 6, 1, 1);
        float[] images = gan.generate(z).data();
        Mask centre = Masks.center(16);
        float[] damaged = centre.damage(images, 0f);
        double spread = 0;
        for (int i = 0; i < 256; i++) spread += Math.abs(images[i] - images[256 + i]) / 256;
        assertTrue(spread > 0.1, "G's images must differ for the test to mean anything: " + spread);
        double before = error(gan, Encoder.create(SMALL, 3), images, damaged, centre);
        Encoder trained = EncoderTraining.start(gan, null, options(300).withBatch(16), run, QUIET).train(-1);
        double after = error(gan, trained, images, damaged, centre);
        assertTrue(after < 0.6 * before, "mean |G(E(x)) - x| on G's images with a centre hole: before " + before + ", after " + after);
        assertTrue(Files.exists(run.resolve(Encoder.FILE)) && Files.exists(run.resolve(EncoderTraining.CHECKPOINT)));
        assertTrue(Files.exists(run.resolve(EncoderTraining.CHART)) && Files.exists(run.resolve(EncoderTraining.LOG)));
    }

    /** DCGAN's initial weights make G's images nearly constant; larger ones make them depend on z, as a trained G's do. */
    static Dcgan varied(Dcgan gan) {
        Rng rng = new Rng(77);
        for (org.semfill.nn.Module m : gan.generator.children())
            if (m instanceof org.semfill.nn.ConvLayer c) org.semfill.nn.Init.normal(c.weight, rng, 0f, 0.25f);
        return gan;
    }

    private static double error(Dcgan gan, Encoder e, float[] images, float[] damaged, Mask m) {
        float[] g = gan.generate(Tensor.of(e.encode(damaged, m.toArray(), 16), 16, 6, 1, 1)).data();
        double s = 0;
        for (int i = 0; i < g.length; i++) s += Math.abs(g[i] - images[i]);
        return s / g.length;
    }

    @Test
    void aResumedTrainingIsTheUninterruptedOne(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")), b = Files.createDirectories(dir.resolve("b"));
        Dcgan gan = Dcgan.create(SMALL, 2);
        EncoderTraining.start(gan, real(20), options(6), a, QUIET).train(-1);
        EncoderTraining first = EncoderTraining.start(gan, real(20), options(6), b, QUIET);
        first.train(2); // killed after two steps: the checkpoint below is what a time-based checkpoint would have written
        first.checkpointNow();
        EncoderTraining resumed = EncoderTraining.resume(gan, real(20), b, 0, QUIET);
        assertEquals(2, resumed.step());
        resumed.train(-1);
        var sa = Encoder.load(a.resolve(Encoder.FILE), SMALL, gan.generatorSha256()).net.stateDict();
        var sb = Encoder.load(b.resolve(Encoder.FILE), SMALL, gan.generatorSha256()).net.stateDict();
        for (String k : sa.keySet()) {
            if (sa.get(k).isLong()) assertArrayEquals(sa.get(k).longs(), sb.get(k).longs(), k);
            else assertArrayEquals(sa.get(k).floats(), sb.get(k).floats(), 0f, k);
        }
        assertEquals(Files.readString(a.resolve(EncoderTraining.LOG)), Files.readString(b.resolve(EncoderTraining.LOG)));
        UserError done = assertThrows(UserError.class, () -> EncoderTraining.resume(gan, real(20), b, 0, QUIET));
        assertTrue(done.getMessage().contains("resume steps N"), done.getMessage()); // the CLI says --resume --steps N
        EncoderTraining longer = EncoderTraining.resume(gan, real(20), b, 8, QUIET);
        longer.train(-1);
        assertEquals(8, longer.step(), "--resume --steps 8 trains two more");
    }

    @Test
    void realImagesOfAnotherSizeAreRefused(@TempDir Path run) {
        ImageSet wrong = new ImageSet(new float[2 * 3 * 16 * 16], 2, 3, 16, 16, "colour");
        UserError e = assertThrows(UserError.class, () -> EncoderTraining.start(Dcgan.create(SMALL, 2), wrong, options(2), run, QUIET));
        assertTrue(e.getMessage().contains("model's size and channels"), e.getMessage());
    }

    @Test
    void trainingMasksCoverEveryKindAndAreSeeded() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Rng a = new Rng(5), b = new Rng(5);
        for (int i = 0; i < 200; i++) {
            Mask m = TrainingMasks.draw(a, 16);
            assertArrayEquals(m.toArray(), TrainingMasks.draw(b, 16).toArray(), 0f);
            names.add(m.name());
        }
        assertEquals(TrainingMasks.KINDS, names.size(), names.toString());
    }
}
