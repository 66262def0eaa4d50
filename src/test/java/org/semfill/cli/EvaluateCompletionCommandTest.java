package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.Trainer;
import org.semfill.kernels.Parallel;

/**
 * evaluate-completion on a run's own data: held-out images from RUN/held-out.npy (or, without it, the hold-out tail of
 * the prepared data: the same images), training images for the nearest-neighbour fill streamed from the prepared data.
 */
class EvaluateCompletionCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldOut;
    int oldThreads;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldThreads = Parallel.threads();
        System.setOut(new PrintStream(out, true));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        Parallel.setThreads(oldThreads);
    }

    @Test
    void evaluatesTheRunsHeldOutImagesAgainstItsStreamedTrainingImages(@TempDir Path tmp) throws IOException {
        Path faces = org.semfill.data.SyntheticPhotos.faces(tmp.resolve("faces"), 24), run = tmp.resolve("run");
        assertEquals(0, Main.run("train", "--data", faces.toString(), "--size", "16", "--channels", "3", "--limit", "20", "--hold-out", "4",
                "--epochs", "1", "--batch", "8", "--ngf", "8", "--ndf", "8", "--out", run.toString(), "--threads", "2"), out.toString());
        assertTrue(Files.isRegularFile(run.resolve(Trainer.HELD_OUT)));

        String[] eval = {"evaluate-completion", "--model", run.toString(), "--data", faces.toString(), "--limit", "3", "--iters", "2",
                "--threads", "2", "--out"};
        out.reset();
        assertEquals(0, Main.run(concat(eval, tmp.resolve("eval1").toString())), out.toString());
        String log = out.toString();
        assertTrue(log.contains(Trainer.HELD_OUT + ") (3 images)"), log);
        assertTrue(log.contains("nearest neighbours searched among 20 training images"), log);

        // Without the held-out file, the same images come from the prepared data's hold-out tail: the same table.
        Files.delete(run.resolve(Trainer.HELD_OUT));
        out.reset();
        assertEquals(0, Main.run(concat(eval, tmp.resolve("eval2").toString())), out.toString());
        assertTrue(out.toString().contains("nearest neighbours searched among 20 training images"), out.toString());
        assertEquals(Files.readString(tmp.resolve("eval1/table.csv")), Files.readString(tmp.resolve("eval2/table.csv")));

        // --train-data names other training images: all 24 photos, prepared and streamed.
        out.reset();
        assertEquals(0, Main.run(concat(eval, tmp.resolve("eval3").toString(), "--train-data", faces.toString())), out.toString());
        assertTrue(out.toString().contains("nearest neighbours searched among 24 training images"), out.toString());
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
