package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.nn.Module;
import org.semfill.nn.StateTensor;
import org.semfill.tensor.Tensor;

/** The one completion path: the session's steps, fill and clean-up, and Completion.run as a loop over it. */
class CompletionSessionTest {
    static final DcganConfig SMALL = new DcganConfig(16, 1, 6, 4, 4);

    static float[] images(int n) {
        return Tensor.uniform(new Rng(9), -1f, 1f, n, 1, 16, 16).data();
    }

    @Test
    void completionRunIsTheSessionStepByStep() {
        SearchSettings search = SearchSettings.defaults().withIterations(12).withRestarts(2);
        Dcgan a = Dcgan.create(SMALL, 5), b = Dcgan.create(SMALL, 5);
        CompletionResult r = Completion.run(a, images(3), 3, Masks.center(16), new CompletionSession.Settings(search, true, true), Completion.Watch.NONE,
                new Rng(11), null);
        try (CompletionSession s = new CompletionSession(b, images(3), 3, Masks.center(16),
                CompletionSession.Settings.defaults().withSearch(search), new Rng(11))) {
            assertEquals(6, s.rows());
            float last = 0;
            while (s.iteration() < s.iterations()) {
                s.step();
                last = CompletionSession.mean(s.rowLosses());
            }
            assertEquals(r.curve().loss()[11], last, 0f);
            CompletionSession.Fill f = s.fill();
            assertArrayEquals(r.images().generated(), f.generated(), 0f);
            assertArrayEquals(r.images().completed(), f.completed(), 0f);
            assertArrayEquals(r.images().blended(), f.blended(), 0f);
            assertArrayEquals(r.finalLoss(), f.loss(), 0f);
        }
    }

    @Test
    void perRowLossesAddUpToTheStepsTotal() {
        try (CompletionSession s = new CompletionSession(Dcgan.create(SMALL, 3), images(2), 2, Masks.center(16),
                CompletionSession.Settings.defaults().withSearch(SearchSettings.defaults().withRestarts(2)), new Rng(1))) {
            s.step();
            float total = s.step(); // the loss of the second step's z, as the per-row values below
            float[] rows = s.rowLosses(), c = s.contextual(), p = s.perceptual();
            double sum = 0;
            for (int r = 0; r < rows.length; r++) {
                assertEquals(c[r] + s.settings().search().lambda() * p[r], rows[r], 1e-5f * Math.abs(rows[r]));
                sum += rows[r];
            }
            assertEquals(total, sum, 1e-5 * Math.abs(sum));
        }
    }

    @Test
    void closeGivesGAndDBackTheirModesAndFlags() {
        Dcgan gan = Dcgan.create(SMALL, 2);
        gan.generator.train(true);
        gan.discriminator.train(false);
        gan.discriminator.children().get(0).train(true); // a mixed state comes back as it was
        gan.generator.parameters().get(0).requiresGrad(false);
        boolean[] before = flags(gan);
        try (CompletionSession s = new CompletionSession(gan, images(1), 1, Masks.left(16), CompletionSession.Settings.defaults(), new Rng(1))) {
            s.step();
            assertFalse(gan.generator.isTraining());
            assertTrue(gan.generator.parameters().stream().noneMatch(Tensor::requiresGrad));
        }
        assertArrayEquals(before, flags(gan));
    }

    @Test
    void aFailedSearchStillRestoresTheModes() {
        Dcgan gan = Dcgan.create(SMALL, 1);
        for (StateTensor st : gan.generator.stateDict().values()) if (!st.isLong()) java.util.Arrays.fill(st.floats(), 3e38f);
        CompletionSession.Settings o = new CompletionSession.Settings(SearchSettings.defaults(), true, false);
        assertThrows(UserError.class, () -> Completion.run(gan, images(1), 1, Masks.center(16), o, Completion.Watch.NONE, new Rng(1), null));
        assertTrue(gan.generator.isTraining() && gan.discriminator.isTraining());
        assertTrue(gan.generator.parameters().stream().allMatch(Tensor::requiresGrad));
    }

    private static boolean[] flags(Dcgan gan) {
        java.util.List<Boolean> out = new java.util.ArrayList<>();
        for (Module net : new Module[] {gan.generator, gan.discriminator}) {
            collect(net, out);
            for (Tensor p : net.parameters()) out.add(p.requiresGrad());
        }
        boolean[] b = new boolean[out.size()];
        for (int i = 0; i < b.length; i++) b[i] = out.get(i);
        return b;
    }

    private static void collect(Module m, java.util.List<Boolean> out) {
        out.add(m.isTraining());
        for (Module c : m.children()) collect(c, out);
    }

    @Test
    void theEncodersGuessStartsTheFirstRestartAndLeavesTheOthersAlone() {
        SearchSettings search = SearchSettings.defaults().withIterations(1).withRestarts(2);
        Dcgan plain = Dcgan.create(SMALL, 5), withEncoder = Dcgan.create(SMALL, 5);
        org.semfill.gan.Encoder e = org.semfill.gan.Encoder.create(SMALL, 8);
        withEncoder.attach(e);
        Mask m = Masks.center(16);
        CompletionSession.Settings s = CompletionSession.Settings.defaults().withSearch(search);
        try (CompletionSession random = new CompletionSession(plain, images(3), 3, m, s, new Rng(11));
             CompletionSession learned = new CompletionSession(withEncoder, images(3), 3, m, s, new Rng(11));
             CompletionSession off = new CompletionSession(withEncoder, images(3), 3, m, s.withLearnedStart(false), new Rng(11))) {
            assertFalse(random.startedFromEncoder());
            assertTrue(learned.startedFromEncoder());
            assertFalse(off.startedFromEncoder());
            random.step();
            learned.step();
            off.step();
            float[] guess = e.encode(learned.damaged(), m.toArray(), 3), zr = random.z(), zl = learned.z();
            assertArrayEquals(guess, java.util.Arrays.copyOf(zl, 3 * 6), 0f, "restart 0 of every image starts at E's guess");
            assertArrayEquals(java.util.Arrays.copyOfRange(zr, 18, 36), java.util.Arrays.copyOfRange(zl, 18, 36), 0f, "restart 1 is random as before");
            assertArrayEquals(zr, off.z(), 0f, "--init random: exactly the search without an encoder");
            assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(zr, 18), java.util.Arrays.copyOf(zl, 18)));
        }
    }
}
