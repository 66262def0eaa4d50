package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;

/** The many-image driver: the same results as batch-by-batch completion, whether the sink runs in the background or not; errors surface. */
class CompletionJobTest {
    static ImageSet images(int n) {
        Rng rng = new Rng(9);
        float[] px = new float[n * 16 * 16];
        for (int i = 0; i < px.length; i++) px[i] = (float) (rng.nextDouble() * 2 - 1);
        return new ImageSet(px, n, 1, 16, 16, "test");
    }

    static CompletionSession.Settings options() {
        return new CompletionSession.Settings(SearchSettings.defaults().withIterations(3).withRestarts(2), true, true, false);
    }

    @Test
    void everyBatchIsTheBatchByBatchCompletionInOrder() {
        Dcgan gan = LatentSearchTest.frozen(3);
        ImageSet set = images(5);
        Mask m = Masks.center(16);
        // the reference: what complete and evaluate-completion did before, one batch after another, an rng split each
        List<CompletionResult> expected = new ArrayList<>();
        Rng ref = new Rng(11);
        for (int from = 0; from < 5; from += 2) {
            ImageSet part = set.subset(from, Math.min(5, from + 2));
            expected.add(Completion.run(gan, part.pixels(), part.n(), m, options(), Completion.Watch.every(1, 3), ref.split(), null));
        }
        for (boolean background : new boolean[] {false, true}) {
            List<CompletionResult> got = Collections.synchronizedList(new ArrayList<>());
            List<Integer> froms = Collections.synchronizedList(new ArrayList<>());
            CompletionJob.Timing t = CompletionJob.run(gan, set, m, options(), Completion.Watch.every(1, 3), new Rng(11), 2, null, background,
                    (b, from, to, r) -> {
                        assertEquals(got.size(), b, "batches arrive in order");
                        got.add(r);
                        froms.add(from);
                    });
            assertEquals(3, t.batches());
            assertEquals(List.of(0, 2, 4), froms);
            for (int b = 0; b < 3; b++) {
                assertArrayEquals(expected.get(b).images().blended(), got.get(b).images().blended(), "batch " + b + ", background " + background);
                assertArrayEquals(expected.get(b).curve().loss(), got.get(b).curve().loss());
                assertEquals(expected.get(b).snapshots().size(), got.get(b).snapshots().size());
            }
        }
    }

    @Test
    void samplingGivesEveryBatchItsBatchByBatchChains() {
        Dcgan gan = LatentSearchTest.frozen(3);
        ImageSet set = images(3);
        Mask m = Masks.center(16);
        HmcSampler.Settings hmc = new HmcSampler.Settings(0.2f, 0.01f, 3, 1f);
        Completion.SampleWatch watch = new Completion.SampleWatch(it -> true, 1, true);
        // the reference: what complete --approach hmc did before, one batch after another, an rng split each
        List<SampledFills> expected = new ArrayList<>();
        Rng ref = new Rng(13);
        for (int from = 0; from < 3; from += 2) {
            ImageSet part = set.subset(from, Math.min(3, from + 2));
            expected.add(Completion.sample(gan, part.pixels(), part.n(), m, options(), hmc, watch, ref.split(), (Progress) null));
        }
        for (boolean background : new boolean[] {false, true}) {
            List<SampledFills> got = Collections.synchronizedList(new ArrayList<>());
            CompletionJob.Timing t = CompletionJob.sample(gan, set, m, options(), hmc, watch, new Rng(13), 2, null, background,
                    (b, from, to, s) -> got.add(s));
            assertEquals(2, t.batches());
            for (int b = 0; b < 2; b++) {
                SampledFills e = expected.get(b), g = got.get(b);
                assertArrayEquals(e.images().blended(), g.images().blended(), "batch " + b + ", background " + background);
                assertArrayEquals(e.chains().z(), g.chains().z());
                assertArrayEquals(e.chains().acceptance(), g.chains().acceptance());
                assertArrayEquals(e.last().loss(), g.last().loss());
                assertEquals(e.snapshots().size(), g.snapshots().size());
                assertEquals(e.trace().iterations(), g.trace().iterations());
            }
        }
    }

    @Test
    void aFailingSinkStopsTheJobWithItsException() {
        Dcgan gan = LatentSearchTest.frozen(3);
        IllegalStateException boom = new IllegalStateException("disk full");
        for (boolean background : new boolean[] {false, true}) {
            AtomicInteger calls = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CompletionJob.run(gan, images(7), Masks.center(16), options(),
                    Completion.Watch.every(0, 3), new Rng(1), 2, null, background, (b, from, to, r) -> {
                        calls.incrementAndGet();
                        throw boom;
                    }));
            assertSame(boom, e);
            assertEquals(1, calls.get(), "no batch is written after a failed one (background " + background + ")");
        }
    }
}
