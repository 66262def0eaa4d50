package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.data.Npy;
import org.semfill.data.PreparedImages;
import org.semfill.internal.Rng;
import org.semfill.io.SafeTensors;

/** Long runs: batches read from a prepared file, checkpoints by the clock, and a bit-identical resume mid-epoch. */
class TrainerLongRunTest {
    /** 40 random 16 x 16 grey images as a prepared .npy file. */
    static PreparedImages prepared(Path dir) throws IOException {
        byte[] px = new byte[40 * 16 * 16];
        Rng rng = new Rng(9);
        for (int i = 0; i < px.length; i++) px[i] = (byte) (rng.nextDouble() * 256);
        Path f = dir.resolve("data.npy");
        byte[] all = new byte[Npy.HEADER_BYTES + px.length];
        System.arraycopy(Npy.header(40, 1, 16, 16), 0, all, 0, Npy.HEADER_BYTES);
        System.arraycopy(px, 0, all, Npy.HEADER_BYTES, px.length);
        Files.write(f, all);
        return PreparedImages.open(f, "synthetic npy");
    }

    /** 5 batches of 8 an epoch, 2 epochs; no checkpoints by count, one after (nearly) every batch by the clock. */
    static TrainOptions options(double minutes) {
        return new TrainOptions("synthetic", TrainerResumeTest.TINY, 2, 8, 2e-4f, 0.5f, 0, 0, 42, 0, 0, minutes);
    }

    @Test
    void timeBasedCheckpointsLetAKilledRunResumeMidEpochBitIdentical(@TempDir Path tmp) throws IOException {
        try (PreparedImages data = prepared(tmp)) {
            Dcgan straight = Trainer.start(options(0), tmp.resolve("a"), data).train();

            Path run = tmp.resolve("b");
            Trainer.start(options(1e-9), run, data).stopAfter(3).train(); // "killed" after batch 3 of epoch 1
            long saved = SafeTensors.read(run.resolve(Checkpoint.FILE)).require("iteration").longs()[0];
            assertEquals(3, saved, "a clock checkpoint was written after the third batch, mid-epoch");

            Dcgan resumed = Trainer.resume(run, 0, o -> data).train();
            TrainerResumeTest.assertSameState(straight.generator.stateDict(), resumed.generator.stateDict());
            TrainerResumeTest.assertSameState(straight.discriminator.stateDict(), resumed.discriminator.stateDict());
        }
    }

    @Test
    void withoutClockCheckpointsOnlyEpochEndsAreSaved(@TempDir Path tmp) throws IOException {
        try (PreparedImages data = prepared(tmp)) {
            Path run = tmp.resolve("c");
            Trainer.start(options(0), run, data).stopAfter(3).train();
            assertTrue(!Files.exists(run.resolve(Checkpoint.FILE)), "no checkpoint before the first epoch ends");
        }
    }
}
