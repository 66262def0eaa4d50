package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.data.ImageSet;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.nn.StateTensor;

/** A run killed after a checkpoint and resumed ends with exactly the weights of an uninterrupted run. */
class TrainerResumeTest {
    static final DcganConfig TINY = new DcganConfig(16, 1, 8, 4, 4);

    static ImageSet data() {
        Rng rng = new Rng(5);
        float[] px = new float[40 * 16 * 16];
        for (int i = 0; i < px.length; i++) px[i] = (float) (rng.nextDouble() * 2 - 1);
        return new ImageSet(px, 40, 1, 16, 16, "synthetic");
    }

    static TrainOptions options() {
        // 40 images / batch 8 = 5 batches per epoch; 2 epochs; checkpoint every 3 batches as well.
        return new TrainOptions("synthetic", TINY, 2, 8, 2e-4f, 0.5f, 0, 0, 42, 3);
    }

    @Test
    void killedAndResumedRunEndsBitIdentical(@TempDir Path tmp) {
        ImageSet data = data();
        Dcgan straight = Trainer.start(options(), tmp.resolve("a"), data).train();

        Path run = tmp.resolve("b");
        Trainer.start(options(), run, data).stopAfter(7).train(); // "killed" after batch 7; last checkpoint at 6
        Dcgan resumed = Trainer.resume(run, 0, o -> data).train();

        assertSameState(straight.generator.stateDict(), resumed.generator.stateDict());
        assertSameState(straight.discriminator.stateDict(), resumed.discriminator.stateDict());
        assertTrue(Files.exists(run.resolve(ModelFiles.GENERATOR)));
        assertTrue(Files.exists(run.resolve("samples/epoch-002.png")));
        assertTrue(Files.exists(run.resolve("losses.png")));
    }

    @Test
    void aRunKilledRightAfterItsEpochCheckpointGetsThatEpochsPicturesOnResume(@TempDir Path tmp) {
        ImageSet data = data();
        Dcgan straight = Trainer.start(options(), tmp.resolve("a"), data).train();
        Path run = tmp.resolve("b");
        Trainer.start(options(), run, data).stopAfter(5).train(); // epoch 1 ends at batch 5: checkpoint and pictures
        Path grid = run.resolve("samples/epoch-001.png");
        assertTrue(Files.exists(grid), "the pictures are written with (before) the epoch's checkpoint");
        try {
            Files.delete(grid); // as a kill between the two used to leave it
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Dcgan resumed = Trainer.resume(run, 0, o -> data).train();
        assertTrue(Files.exists(grid), "redone on resume");
        assertTrue(Files.exists(run.resolve("samples/epoch-002.png")));
        assertSameState(straight.generator.stateDict(), resumed.generator.stateDict()); // the pictures change nothing
    }

    @Test
    void finalModelFilesLoadBackIntoTheSameNetworks(@TempDir Path tmp) {
        Dcgan trained = Trainer.start(options().withEpochs(1), tmp, data()).train();
        Dcgan loaded = ModelFiles.load(tmp);
        assertEquals(TINY, loaded.config);
        assertSameState(trained.generator.stateDict(), loaded.generator.stateDict());
        assertSameState(trained.discriminator.stateDict(), loaded.discriminator.stateDict());
    }

    @Test
    void startingOverAnExistingRunIsRefused(@TempDir Path tmp) {
        Trainer.start(options().withEpochs(1), tmp, data()).train();
        assertThrows(UserError.class, () -> Trainer.start(options(), tmp, data()));
    }

    @Test
    void truncatedCheckpointIsAClearError(@TempDir Path tmp) throws Exception {
        Trainer.start(options().withEpochs(1), tmp, data()).train();
        Path ck = tmp.resolve(Checkpoint.FILE);
        byte[] b = Files.readAllBytes(ck);
        Files.write(ck, java.util.Arrays.copyOf(b, b.length / 2));
        UserError e = assertThrows(UserError.class, () -> Trainer.resume(tmp, 2, o -> data()));
        assertTrue(e.getMessage().contains(Checkpoint.FILE), e.getMessage());
    }

    static void assertSameState(Map<String, StateTensor> a, Map<String, StateTensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            if (a.get(k).isLong()) assertArrayEquals(a.get(k).longs(), b.get(k).longs(), k);
            else assertArrayEquals(a.get(k).floats(), b.get(k).floats(), 0f, k); // bit for bit
        }
    }

    @Test
    void nanLossStopsTheRunAndKeepsTheLastGoodCheckpoint(@TempDir Path tmp) throws Exception {
        Trainer.start(options().withEpochs(1), tmp, data()).train();
        byte[] good = Files.readAllBytes(tmp.resolve(Checkpoint.FILE));
        ImageSet poisoned = data();
        java.util.Arrays.fill(poisoned.pixels(), Float.NaN);
        UserError e = assertThrows(UserError.class, () -> Trainer.resume(tmp, 2, o -> poisoned).train());
        assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains(Checkpoint.FILE), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(tmp.resolve(Checkpoint.FILE)), "checkpoint untouched");
    }
}
