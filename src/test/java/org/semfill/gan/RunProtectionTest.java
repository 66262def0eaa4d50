package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.cli.ConsoleTest;
import org.semfill.cli.Main;

/** A run directory that holds a model or a run is never overwritten silently; --resume refuses what it cannot honour. */
class RunProtectionTest extends ConsoleTest {
    @TempDir
    Path tmp;

    /** A tiny run on the bundled images: 32 images, batches of 8 (4 per epoch). */
    int train(Path run, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--out", run.toString(), "--size", "16", "--nz", "8", "--ngf", "4", "--ndf", "4",
                "--limit", "32", "--batch", "8", "--threads", "1", "--cache", tmp.resolve("cache").toString()));
        a.addAll(List.of(more));
        err.reset();
        out.reset();
        return Main.run(a.toArray(String[]::new));
    }

    int resume(Path run, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--out", run.toString(), "--resume", "--threads", "1", "--cache", tmp.resolve("cache").toString()));
        a.addAll(List.of(more));
        err.reset();
        out.reset();
        return Main.run(a.toArray(String[]::new));
    }

    String error() {
        String e = err.toString().strip();
        assertFalse(e.contains("\n"), "one line: " + e);
        return e;
    }

    @Test
    void aFinishedModelWithoutCheckpointIsNeverOverwritten() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, "--epochs", "1"), err.toString());
        Files.delete(run.resolve(Checkpoint.FILE)); // a model copied elsewhere, or a run whose checkpoint was removed
        byte[] g = Files.readAllBytes(run.resolve(ModelFiles.GENERATOR)), config = Files.readAllBytes(run.resolve(RunDirectory.CONFIG));

        assertEquals(2, train(run, "--epochs", "2", "--seed", "9"));
        assertTrue(error().contains("already holds a trained model") && error().contains("--force"), error());
        assertArrayEquals(g, Files.readAllBytes(run.resolve(ModelFiles.GENERATOR)), "the model is untouched");
        assertArrayEquals(config, Files.readAllBytes(run.resolve(RunDirectory.CONFIG)), "the config is untouched");

        assertEquals(2, resume(run));
        assertTrue(error().contains("holds a finished model but no " + Checkpoint.FILE) && !error().contains("without --resume"), error());

        // A config.json alone (a run killed before its first checkpoint) is protected too.
        Path bare = tmp.resolve("bare");
        Files.createDirectories(bare);
        Files.write(bare.resolve(RunDirectory.CONFIG), config);
        assertEquals(2, train(bare, "--epochs", "1"));
        assertTrue(error().contains("already holds files of a training run (config.json)"), error());

        // --force starts over: the old run's files go, other files stay.
        Files.writeString(run.resolve("notes.txt"), "mine");
        assertEquals(2, train(run, "--epochs", "1", "--force", "--resume"));
        assertTrue(error().contains("exclude each other"), error());
        assertEquals(0, train(run, "--epochs", "1", "--seed", "9", "--force"), err.toString());
        assertFalse(java.util.Arrays.equals(g, Files.readAllBytes(run.resolve(ModelFiles.GENERATOR))), "retrained with another seed");
        assertEquals(9, RunDirectory.of(run).config().seed());
        assertTrue(Files.exists(run.resolve("notes.txt")));
    }

    @Test
    void aFinishedRunSaysHowToTrainLongerAndResumeRefusesOptionsItWouldIgnore() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, "--epochs", "2"), err.toString());
        byte[] config = Files.readAllBytes(run.resolve(RunDirectory.CONFIG));

        assertEquals(2, train(run, "--epochs", "3"));
        assertTrue(error().contains("already holds a trained model (2 epochs)") && error().contains("--resume --epochs"), error());
        assertEquals(2, resume(run));
        assertTrue(error().contains("has finished training: all 2 epochs are done") && error().contains("--epochs 3 or more"), error());
        assertEquals(2, resume(run, "--epochs", "1"));
        assertTrue(error().contains("2 epochs are done; give --epochs 3 or more"), error());
        String[][] changes = {{"--size", "32", "--size 16"}, {"--channels", "3", "--channels 1"}, {"--nz", "9", "--nz 8"},
                {"--ngf", "5", "--ngf 4"}, {"--ndf", "5", "--ndf 4"}, {"--batch", "4", "--batch 8"}, {"--lr", "0.001", "--lr 2.0E-4"},
                {"--crop", "10", "--crop 0"}, {"--limit", "16", "--limit 32"}, {"--hold-out", "4", "--hold-out 0"},
                {"--data", "elsewhere", "--data bundled"}, {"--seed", "7", "--seed 1"}, {"--beta1", "0.9", "--beta1 0.5"}};
        for (String[] c : changes) {
            assertEquals(2, resume(run, "--epochs", "3", c[0], c[1]), c[0]);
            assertTrue(error().contains("--resume cannot change " + c[0]) && error().contains("has " + c[2] + " "), error());
        }
        assertArrayEquals(config, Files.readAllBytes(run.resolve(RunDirectory.CONFIG)), "refusals leave config.json alone");

        // What can change is applied and recorded: a larger total, the checkpoint interval; options equal to the stored ones pass.
        assertEquals(0, resume(run, "--epochs", "3", "--size", "16", "--checkpoint-minutes", "5"), err.toString());
        assertTrue(out.toString().contains("resuming at iteration 8 (epoch 3)"), out.toString());
        TrainOptions o = RunDirectory.of(run).config();
        assertEquals(3, o.epochs());
        assertEquals(5.0, o.checkpointMinutes());
        assertTrue(Files.exists(run.resolve("samples/epoch-003.png")));
    }

    /** --force starts over with the encoder too: the old encoder, its checkpoint and log belonged to the deleted G. */
    @Test
    void forceRemovesTheEncoderOfTheOldModel() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, "--epochs", "1"), err.toString());
        Dcgan old = ModelFiles.load(run);
        Encoder.create(old.config, 1).save(run.resolve(Encoder.FILE), old.generatorSha256());
        for (String f : new String[] {RunDirectory.ENCODER_CHECKPOINT, RunDirectory.ENCODER_LOG, RunDirectory.ENCODER_CHART})
            Files.writeString(run.resolve(f), "the old encoder's");
        assertEquals(0, train(run, "--epochs", "1", "--seed", "9", "--force"), err.toString());
        for (String f : new String[] {Encoder.FILE, RunDirectory.ENCODER_CHECKPOINT, RunDirectory.ENCODER_LOG, RunDirectory.ENCODER_CHART})
            assertFalse(Files.exists(run.resolve(f)), f + " went with the old model");
        assertFalse(ModelFiles.load(run).hasEncoder());

        // An encoder without its model is a run's leftover too: refused without --force.
        Path encoderOnly = Files.createDirectories(tmp.resolve("encoder-only"));
        Files.writeString(encoderOnly.resolve(RunDirectory.ENCODER_LOG), "step,loss\n");
        assertEquals(RunDirectory.State.ENCODER_WITHOUT_MODEL, RunDirectory.of(encoderOnly).state());
        assertEquals(2, train(encoderOnly, "--epochs", "1"));
        assertTrue(error().contains(RunDirectory.ENCODER_LOG) && error().contains("--force"), error());
    }

    /** complete refuses, in one line naming the file and what to do, an encoder that another G was trained with. */
    @Test
    void completeRefusesAnEncoderOfAnotherGenerator() throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertEquals(0, train(a, "--epochs", "1"), err.toString());
        assertEquals(0, train(b, "--epochs", "1", "--seed", "9"), err.toString());
        Dcgan ga = ModelFiles.load(a);
        Encoder.create(ga.config, 1).save(b.resolve(Encoder.FILE), ga.generatorSha256()); // a's encoder beside b's model of the same widths
        Path image = tmp.resolve("image.png");
        org.semfill.io.Images.writePng(image, new float[16 * 16], 1, 16, 16);
        err.reset();
        assertEquals(2, Main.run("complete", "--model", b.toString(), "--images", image.toString(), "--out", tmp.resolve("out").toString(),
                "--threads", "1"));
        assertTrue(error().contains(b.resolve(Encoder.FILE).toString()) && error().contains("another generator")
                && error().contains("train-encoder"), error());
        try (var written = Files.exists(tmp.resolve("out")) ? Files.list(tmp.resolve("out")) : java.util.stream.Stream.<Path>empty()) {
            assertTrue(written.noneMatch(f -> f.toString().endsWith(".png")), "no completion from the stale encoder");
        }
    }

    /** A run inside the photo folder it trains on is refused: its sample grids would become training photos. */
    @Test
    void refusesAnOutInsideTheDataFolder() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (int i = 0; i < 12; i++) org.semfill.io.Images.writePng(photos.resolve("p" + i + ".png"), new float[16 * 16], 1, 16, 16);
        for (Path out : new Path[] {photos, photos.resolve("runs/faces")}) {
            List<String> a = List.of("train", "--data", photos.toString(), "--out", out.toString(), "--size", "16", "--nz", "8", "--ngf", "4",
                    "--ndf", "4", "--batch", "4", "--epochs", "1", "--threads", "1", "--cache", tmp.resolve("cache").toString());
            err.reset();
            assertEquals(2, Main.run(a.toArray(String[]::new)));
            assertTrue(error().contains("is inside the data folder " + photos) && error().contains("choose an --out outside"), error());
            assertFalse(Files.exists(out.resolve(RunDirectory.CONFIG)));
        }
    }
}
