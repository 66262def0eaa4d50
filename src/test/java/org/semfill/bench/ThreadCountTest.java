package org.semfill.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semfill.cli.ConsoleTest;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.TrainStep;
import org.semfill.internal.Rng;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import org.semfill.tensor.Tensor;

/**
 * More threads than cores (8 on a 2-core machine, where the workers take turns) against 2, on a small DCGAN of
 * config b's kind at batch 16, with the same seed: a completion search and training steps give the same bits, and
 * the same thread count repeats its own bits whichever thread runs which slice. (The sums over the batch, the
 * convolutions' weight gradients and batch norm's statistics, are made in groups fixed by the batch, not the
 * threads: {@code Parallel.forGroups}.) {@code reproducibility.SameBitsTest} adds the kernel paths, vector widths
 * and JDKs.
 */
class ThreadCountTest extends ConsoleTest {
    /** Config b's layer kinds (3 colour channels, k4 s2 p1 convolutions, batch norm) at 16 x 16, so the test takes seconds. */
    private static final DcganConfig B = new DcganConfig(16, 3, 32, 16, 16);
    private static final int BATCH = 16;
    @Test
    void completionSearchIsTheSameBitsOnEightThreadsAsOnTwo() {
        float[][] two = search(2), eight = search(8);
        for (int i = 0; i < two.length; i++) assertArrayEquals(two[i], eight[i], "search output " + i + " (z, G(z), row losses)");
    }

    @Test
    void completionSearchWithWinogradIsTheSameBitsOnEightThreadsAsOnTwo() {
        // wide enough layers (32 and 64 channels) for the Winograd plans: G's 64 -> 32 at 4x4, D's 32 -> 64 at 8x8
        DcganConfig wide = new DcganConfig(16, 3, 32, 32, 32);
        float[][] direct = search(2, wide);
        ConvAlgorithm.select(ConvAlgorithm.winograd);
        try {
            float[][] two = search(2, wide), eight = search(8, wide);
            for (int i = 0; i < two.length; i++) assertArrayEquals(two[i], eight[i], "search output " + i + " (z, G(z), row losses)");
            assertFalse(Arrays.equals(direct[1], two[1]), "the Winograd plans ran: G(z) differs from direct in the last bits");
        } finally {
            ConvAlgorithm.select(ConvAlgorithm.direct);
        }
    }

    @Test
    void completionSearchIsTheSameBitsWithThePlainKernels() {
        KernelProvider.select("scalar");
        float[][] two = search(2), eight = search(8);
        for (int i = 0; i < two.length; i++) assertArrayEquals(two[i], eight[i], "search output " + i + " (z, G(z), row losses)");
    }

    @Test
    void trainingOnEightThreadsRepeatsItsOwnBits() {
        List<float[]> first = train(8, 3), second = train(8, 3);
        for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i), second.get(i), "result " + i);
    }

    @Test
    void oneTrainingStepsGradientsAreTheSameBitsOnEightAndTwoThreads() {
        List<float[]> two = gradients(2), eight = gradients(8);
        for (int i = 0; i < two.size(); i++) assertArrayEquals(two.get(i), eight.get(i), "gradient " + i);
    }

    @Test
    void threeTrainingStepsAreTheSameBitsOnEightAndTwoThreads() {
        List<float[]> two = train(2, 3), eight = train(8, 3);
        for (int i = 0; i < two.size(); i++) assertArrayEquals(two.get(i), eight.get(i), "parameter tensor (or the losses, last) " + i);
    }

    @Test
    void theStepsBufferPoolHoldsTheSameOnEightThreadsAsOnTwo() {
        // The convolutions' weight-gradient parts (one per group) are reused scratch, not pool arrays kept until the
        // step ends: in the pool, config a needed 33 MB more per part (out of memory in -Xmx2g on 32 threads).
        assertEquals(pooledFloats(2), pooledFloats(8));
    }

    /** Floats the buffer pool of one forward and backward through D and G holds, on {@code threads} threads. */
    private static long pooledFloats(int threads) {
        Parallel.setThreads(threads);
        Dcgan gan = Dcgan.create(B, 1234);
        Rng rng = new Rng(1);
        Tensor real = Tensor.uniform(rng, -1f, 1f, BATCH, B.channels(), B.size(), B.size());
        Tensor z = Tensor.normal(rng, 0f, 1f, BATCH, B.nz(), 1, 1);
        org.semfill.tensor.Buffers.Pool pool = new org.semfill.tensor.Buffers.Pool();
        try (var scope = pool.open()) {
            Tensor loss = org.semfill.autograd.Ops.add(
                    org.semfill.autograd.Ops.sum(gan.discriminator.forward(real)),
                    org.semfill.autograd.Ops.sum(gan.discriminator.forward(gan.generator.forward(z))));
            loss.backward();
        }
        return pool.floatsHeld();
    }

    /** z, G(z) and the row losses after 5 search steps on {@code threads} threads. */
    private static float[][] search(int threads) {
        return search(threads, B);
    }

    private static float[][] search(int threads, DcganConfig config) {
        Parallel.setThreads(threads);
        Dcgan gan = Dcgan.create(config, 1234);
        float[] y = Tensor.uniform(new Rng(3), -1f, 1f, 8, config.channels(), config.size(), config.size()).data();
        CompletionSession.Settings settings = new CompletionSession.Settings(SearchSettings.defaults().withIterations(5).withRestarts(2), false, false);
        try (CompletionSession s = new CompletionSession(gan, y, 8, Masks.center(config.size()), settings, new Rng(11))) {
            while (s.iteration() < s.iterations()) s.step();
            return new float[][] {s.z().clone(), s.generated().clone(), s.rowLosses().clone()};
        }
    }

    /** Every parameter of G and D after {@code steps} train steps on {@code threads} threads, then the losses of the last step. */
    private static List<float[]> train(int threads, int steps) {
        Parallel.setThreads(threads);
        Dcgan gan = Dcgan.create(B, 1234);
        TrainStep step = new TrainStep(gan, TrainStep.adam(gan.discriminator, 2e-4f, 0.5f), TrainStep.adam(gan.generator, 2e-4f, 0.5f), BATCH);
        Rng rng = new Rng(1);
        TrainStep.Losses l = null;
        for (int i = 0; i < steps; i++) {
            Tensor real = Tensor.uniform(rng, -1f, 1f, BATCH, B.channels(), B.size(), B.size());
            l = step.run(real, Tensor.normal(rng, 0f, 1f, BATCH, B.nz(), 1, 1));
        }
        List<float[]> out = new ArrayList<>();
        for (Tensor p : gan.discriminator.parameters()) out.add(p.data().clone());
        for (Tensor p : gan.generator.parameters()) out.add(p.data().clone());
        out.add(new float[] {l.lossD(), l.lossG(), l.dReal(), l.dFake1(), l.dFake2()});
        return out;
    }

    /** The gradients of D's loss on a real and a generated batch, for every parameter of D and G, on {@code threads} threads. */
    private static List<float[]> gradients(int threads) {
        Parallel.setThreads(threads);
        Dcgan gan = Dcgan.create(B, 1234);
        Rng rng = new Rng(1);
        Tensor real = Tensor.uniform(rng, -1f, 1f, BATCH, B.channels(), B.size(), B.size());
        Tensor z = Tensor.normal(rng, 0f, 1f, BATCH, B.nz(), 1, 1);
        Tensor fake = gan.generator.forward(z);
        Tensor loss = org.semfill.autograd.Ops.add(
                org.semfill.autograd.Ops.sum(gan.discriminator.forward(real)),
                org.semfill.autograd.Ops.sum(gan.discriminator.forward(fake)));
        loss.backward();
        List<float[]> out = new ArrayList<>();
        for (Tensor p : gan.discriminator.parameters()) out.add(p.grad().clone());
        for (Tensor p : gan.generator.parameters()) out.add(p.grad().clone());
        return out;
    }
}
