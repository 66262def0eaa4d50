package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.encoder.EncoderTraining;
import org.semfill.gan.Dcgan;
import org.semfill.gan.Encoder;
import org.semfill.gan.ModelFiles;
import org.semfill.io.Images;

/** train-encoder, then complete and evaluate-completion starting from it (or not, with --init random). */
class TrainEncoderCommandTest extends ConsoleTest {
    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void setUp() {
        model = tmp.resolve("model");
        ModelFiles.save(Dcgan.create(BadInputFixtures.TINY, 3), model); // no config.json: G's images only
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    Path image(String name) {
        float[] px = new float[256];
        for (int i = 0; i < px.length; i++) px[i] = (i % 7) / 3f - 1;
        Path f = tmp.resolve(name);
        Images.writePng(f, px, 1, 16, 16);
        return f;
    }

    @Test
    void trainsResumesAndIsUsedByComplete() {
        String m = model.toString();
        assertEquals(Main.USER_ERROR, Main.run("complete", "--model", m, "--images", image("a.png").toString(), "--out",
                tmp.resolve("o0").toString(), "--iters", "2", "--init", "learned"));
        assertTrue(err().contains("train-encoder"), err());
        assertEquals(0, Main.run("train-encoder", "--model", m, "--steps", "4", "--batch", "4"), err());
        assertTrue(out().contains("G's images only"), out());
        assertTrue(Files.exists(model.resolve(Encoder.FILE)) && Files.exists(model.resolve(EncoderTraining.CHART)));
        err.reset();
        assertEquals(Main.USER_ERROR, Main.run("train-encoder", "--model", m, "--steps", "4"));
        assertTrue(err().contains("--resume") && err().contains("--force"), err());
        err.reset();
        assertEquals(Main.USER_ERROR, Main.run("train-encoder", "--model", m, "--resume", "--lr", "0.1"));
        assertTrue(err().contains("cannot change --lr"), err());
        err.reset();
        assertEquals(0, Main.run("train-encoder", "--model", m, "--resume", "--steps", "6"), err());
        assertTrue(out().contains("resuming at step 4"), out());

        out.reset();
        assertEquals(0, Main.run("complete", "--model", m, "--images", image("b.png").toString(), "--out", tmp.resolve("o1").toString(),
                "--iters", "2", "--snapshots", "0", "--gif", "false"), err());
        assertTrue(out().contains("starts from the model's encoder"), out());
        out.reset();
        assertEquals(0, Main.run("complete", "--model", m, "--images", image("c.png").toString(), "--out", tmp.resolve("o2").toString(),
                "--iters", "2", "--snapshots", "0", "--gif", "false", "--init", "random"), err());
        assertTrue(!out().contains("starts from the model's encoder"), out());
        err.reset();
        assertEquals(Main.USER_ERROR, Main.run("complete", "--model", m, "--images", image("d.png").toString(), "--out",
                tmp.resolve("o3").toString(), "--init", "clever"));
        assertTrue(err().contains("--init must be learned or random"), err());
    }

    @Test
    void fromTheEncodersStartTheSearchTakesAHundredIterationsUnlessToldOtherwise() {
        String m = model.toString();
        assertEquals(0, Main.run("train-encoder", "--model", m, "--steps", "2", "--batch", "4"), err());
        out.reset();
        assertEquals(0, Main.run("complete", "--model", m, "--images", image("e.png").toString(), "--out", tmp.resolve("o4").toString(),
                "--snapshots", "0", "--gif", "false"), err());
        assertTrue(out().contains("mask center, " + SearchOptions.LEARNED_ITERATIONS + " iterations"), out());
        out.reset();
        assertEquals(0, Main.run("complete", "--model", m, "--images", image("f.png").toString(), "--out", tmp.resolve("o5").toString(),
                "--snapshots", "0", "--gif", "false", "--iters", "3"), err());
        assertTrue(out().contains("mask center, 3 iterations"), out());
    }

    @Test
    void compareStartsWritesTheCurvesAndSaysHowManyIterationsItSaves() throws Exception {
        String m = model.toString();
        assertEquals(0, Main.run("train-encoder", "--model", m, "--steps", "3", "--batch", "4"), err());
        Path o = tmp.resolve("cmp");
        assertEquals(0, Main.run("evaluate-completion", "--model", m, "--data", "bundled", "--limit", "3", "--compare-starts",
                "--iters", "6", "--every", "2", "--out", o.toString()), err());
        assertTrue(out().contains("random start:") && out().contains("learned start:"), out());
        var lines = Files.readAllLines(o.resolve("starts.csv"));
        assertEquals("iteration,psnr_hole_random_start,psnr_hole_learned_start", lines.get(0));
        assertEquals(1 + 4, lines.size(), "after steps 1, 2, 4, 6: " + lines);
        assertTrue(Files.size(o.resolve("starts.png")) > 1000);
    }

    @Test
    void compareStartsWithoutAnEncoderSaysHowToGetOne() {
        assertEquals(Main.USER_ERROR, Main.run("evaluate-completion", "--model", model.toString(), "--data", "bundled", "--limit", "2",
                "--compare-starts", "--out", tmp.resolve("x").toString()));
        assertTrue(err().contains("train-encoder"), err());
    }
}
