package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers behind chapter 2: after the chapter's own training (seed 0, about 8 s), the generator's samples match
 * the two-mode target and the game has settled where theory says (D = 1/2, D loss = log 4).
 *
 * <p>The tolerances were chosen from seeds 0 to 5, which all pass with margin (worst seen: overall mean 0.19, std
 * 1.91, mode fractions 46.4% / 53.6%, mode means within 0.19 of +-2, mode stds 0.39 to 0.59, D at the modes 0.48 to
 * 0.54, D loss 1.378 to 1.384). They still fail for the things that go wrong with GANs: collapse onto one mode (a
 * fraction near 100%), an untrained or shrunken generator (std far below 2), or a discriminator that wins (D loss
 * well below log 4).
 */
class Chapter2TinyGanTest {
    static TinyGanRun run;

    @BeforeAll
    static void trainOnce() {
        run = Chapter2TinyGan.train(Chapter2TinyGan.DEFAULT_SEED, null);
    }

    @Test
    void generatedSamplesMatchTheTargetMeanAndStd() {
        NormalMixture target = run.config().target();
        SampleStats s = run.finalStats();
        assertEquals(0.0, target.mean(), 1e-12);
        assertEquals(Math.sqrt(4.25), target.std(), 1e-12);
        assertEquals(target.mean(), s.mean(), 0.25, "mean of generated samples");
        assertEquals(target.std(), s.std(), 0.25, "std of generated samples");
    }

    @Test
    void histogramIsCloseToTheTargetDensity() {
        // Seeds 0 to 5 end between 0.08 and 0.17; before training it is about 1 (all mass in the wrong place).
        double end = Chapter2TinyGan.distance(run.finalSamples(), run.config().target());
        double start = Chapter2TinyGan.distance(run.snapshots().get(0).samples(), run.config().target());
        assertTrue(end < 0.25, "total variation distance at the end: " + end);
        assertTrue(start > 0.9, "total variation distance before training: " + start);
    }

    @Test
    void bothModesAreCoveredWithTheRightShape() {
        SampleStats s = run.finalStats();
        for (int k = 0; k < 2; k++) {
            double mode = run.config().target().componentMean(k);
            assertEquals(0.5, s.modeFraction()[k], 0.1, "fraction of samples near " + mode);
            assertEquals(mode, s.modeMean()[k], 0.3, "mean of the samples near " + mode);
            assertEquals(0.5, s.modeStd()[k], 0.3, "std of the samples near " + mode);
        }
    }

    @Test
    void discriminatorEndsNearOneHalfOnTheData() {
        TinyGanRun.Snapshot last = run.snapshots().get(run.snapshots().size() - 1);
        assertEquals(run.config().steps(), last.step());
        assertEquals(0.5, Chapter2TinyGan.valueAt(last, -2), 0.1, "D(-2)");
        assertEquals(0.5, Chapter2TinyGan.valueAt(last, 2), 0.1, "D(2)");
        // Between the modes G still puts a thin bridge of samples where there is no data: D calls them fake.
        assertTrue(Chapter2TinyGan.valueAt(last, 0) < 0.4, "D(0) = " + Chapter2TinyGan.valueAt(last, 0));
    }

    @Test
    void lossesSettleAtTheEquilibriumValues() {
        assertEquals(Math.log(4), TinyGanRun.tailMean(run.dLoss(), 200), 0.02, "D loss over the last 200 steps");
        assertEquals(Math.log(2), TinyGanRun.tailMean(run.gLoss(), 200), 0.05, "G loss over the last 200 steps");
        assertEquals(0.5, TinyGanRun.tailMean(run.dReal(), 200), 0.05, "mean D(x) on real samples");
        assertEquals(0.5, TinyGanRun.tailMean(run.dFake(), 200), 0.05, "mean D(G(z)) on fakes");
    }

    @Test
    void beforeTrainingTheGeneratorIsFarFromTheTarget() {
        TinyGanRun.Snapshot first = run.snapshots().get(0);
        assertEquals(0, first.step());
        SampleStats s = SampleStats.of(first.samples(), run.config().target());
        assertTrue(s.std() < 0.5, "a fresh generator squeezes its samples together, std " + s.std());
        assertTrue(Math.max(s.modeFraction()[0], s.modeFraction()[1]) > 0.9, "and sits on one side of 0");
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherNumbers() {
        TinyGanConfig shortRun = TinyGanConfig.DEFAULT.withSteps(150);
        TinyGanRun a = TinyGanRun.train(shortRun, 7, new int[] {0, 150}, -4.5, 4.5, null);
        TinyGanRun b = TinyGanRun.train(shortRun, 7, new int[] {0, 150}, -4.5, 4.5, null);
        TinyGanRun c = TinyGanRun.train(shortRun, 8, new int[] {0, 150}, -4.5, 4.5, null);
        assertArrayEquals(a.dLoss(), b.dLoss());
        assertArrayEquals(a.gLoss(), b.gLoss());
        assertArrayEquals(a.finalSamples(), b.finalSamples());
        assertArrayEquals(a.snapshots().get(1).d(), b.snapshots().get(1).d());
        assertFalse(Arrays.equals(a.finalSamples(), c.finalSamples()), "another seed must give other samples");
    }

    @Test
    void takingSnapshotsDoesNotChangeTraining() {
        TinyGanConfig shortRun = TinyGanConfig.DEFAULT.withSteps(60);
        TinyGanRun few = TinyGanRun.train(shortRun, 3, new int[] {60}, -4.5, 4.5, null);
        TinyGanRun many = TinyGanRun.train(shortRun, 3, new int[] {0, 10, 20, 30, 60}, -4.5, 4.5, null);
        assertArrayEquals(few.dLoss(), many.dLoss());
        assertArrayEquals(few.finalSamples(), many.finalSamples());
        assertEquals(5, many.snapshots().size());
    }

    @Test
    void writesBothChartsAsReadablePngs(@TempDir Path dir) throws Exception {
        TinyGanRun shortRun = TinyGanRun.train(TinyGanConfig.DEFAULT.withSteps(40), 1, new int[] {0, 20, 40},
            Chapter2TinyGan.X_LO, Chapter2TinyGan.X_HI, null);
        List<Path> written = Chapter2TinyGan.writeCharts(shortRun, dir);
        assertEquals(List.of(dir.resolve("gan1d-training.png"), dir.resolve("gan1d-losses.png")), written);
        for (Path p : written) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertTrue(img != null && img.getWidth() >= 800 && img.getHeight() >= 500, p + " is not a chart-sized PNG");
        }
    }
}
