package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.internal.Rng;

class QualityTrackerTest {
    static RealData data;
    static FeatureNet net;

    @BeforeAll
    static void trainFeatureNet() {
        Synthetic.Labelled train = Synthetic.make(600, 1), heldOut = Synthetic.make(200, 2);
        data = new RealData("synthetic", train.images(), train.labels(), heldOut.images(), heldOut.labels(), false);
        net = FeatureNet.create(16, 1, 3, 1);
        FeatureNetTraining.train(net, train.images(), train.labels(), 3, 1);
    }

    @Test
    void fidRanksRealLikeImagesAboveNoiseAndDiversityAboveCollapse() {
        FidMeter meter = new FidMeter(net, data.heldOut().pixels(), 200);
        float[] fresh = Synthetic.make(200, 3).images().pixels();
        float[] noise = new float[fresh.length];
        Rng rng = new Rng(4);
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (rng.nextDouble() * 2 - 1);
        float[] collapsed = new float[fresh.length]; // one image, 200 times: a generator stuck on a single mode
        for (int i = 0; i < 200; i++) System.arraycopy(fresh, 0, collapsed, i * 256, 256);
        double good = meter.measure(fresh, 200).value(), bad = meter.measure(noise, 200).value();
        FrechetDistance.Result stuck = meter.measure(collapsed, 200);
        assertTrue(good < bad / 10, "fresh " + good + " vs noise " + bad);
        assertTrue(good < stuck.value() / 3, "fresh " + good + " vs collapsed " + stuck);
        assertTrue(stuck.covarianceTerm() > 0.5 * stuck.value(), "collapse shows in the covariance term: " + stuck);
    }

    @Test
    void recordsOneRowPerEpochAndRewritesLaterEpochsOnResume(@TempDir Path run) throws Exception {
        QualityTracker tracker = new QualityTracker(net, data, 200, 9);
        Dcgan gan = Dcgan.create(new DcganConfig(16, 1, 8, 4, 4), 1);
        double fid1 = tracker.record(gan, 1, run).value();
        tracker.record(gan, 2, run);
        tracker.record(gan, 3, run);
        assertEquals(3, QualityTracker.read(run.resolve(QualityTracker.CSV)).size());
        // a resumed run repeats epoch 2: rows 2 and 3 of the old run are replaced
        double again = tracker.record(gan, 2, run).value();
        List<double[]> rows = QualityTracker.read(run.resolve(QualityTracker.CSV));
        assertArrayEquals(new double[] {1, 2}, rows.stream().mapToDouble(r -> r[0]).toArray());
        assertEquals(fid1, again, 1e-9, "the same G and the same fixed z give the same FID");
        assertEquals(fid1, rows.get(0)[1], 1e-3);
        assertTrue(fid1 > 5 * tracker.floor(), "an untrained G (" + fid1 + ") is far above the real-vs-real floor " + tracker.floor());
        assertTrue(Files.size(run.resolve(QualityTracker.CHART)) > 0);
        assertTrue(Files.readString(run.resolve(QualityTracker.CSV)).startsWith("epoch,fid,"));
    }

    @Test
    void aDamagedLogIsStartedAfresh(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve(QualityTracker.CSV), "epoch,fid\n1,abc\n");
        assertEquals(0, QualityTracker.read(run.resolve(QualityTracker.CSV)).size());
        QualityTracker.chart(List.of(new double[] {1, 50, 40, 10, 2}), run.resolve("one.png"), 10); // a single point draws
        assertTrue(Files.exists(run.resolve("one.png")));
        assertTrue(Arrays.equals(new double[0], QualityTracker.read(run.resolve("missing.csv")).stream().mapToDouble(r -> r[0]).toArray()));
    }
}
