package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.kernels.Parallel;

/** {@link TrainOptions#defaults} and its {@code withX} methods, and the trainer's log stream. */
class TrainOptionsAndLogTest {
    static final DcganConfig TINY = new DcganConfig(16, 1, 8, 4, 4);

    @Test
    void defaultsAreTheDcganSettingsAndWithersChangeOneThing() {
        DcganConfig c = new DcganConfig(28, 1, 100, 32, 32);
        TrainOptions d = TrainOptions.defaults("bundled", c);
        assertEquals(new TrainOptions("bundled", c, 5, 64, 2e-4f, 0.5f, 0, 0, 1, 0), d);
        assertEquals(new TrainOptions("bundled", c, 3, 64, 2e-4f, 0.5f, 0, 0, 7, 0), d.withEpochs(3).withSeed(7));
        assertEquals(new TrainOptions("x", TINY, 2, 8, 1e-3f, 0.9f, 100, 10, 42, 3, 12, 0),
                d.withData("x").withModel(TINY).withEpochs(2).withBatch(8).withLr(1e-3f).withBeta1(0.9f).withLimit(100).withHoldOut(10)
                        .withSeed(42).withCrop(12).withCheckpoints(3, 0));
    }

    @Test
    void configJsonKeepsItsFieldNames() {
        String json = Json.GSON.toJson(TrainOptions.defaults("bundled", TINY));
        for (String field : new String[] {"data", "model", "epochs", "batch", "lr", "beta1", "limit", "holdOut", "seed", "checkpointEvery",
                "crop", "checkpointMinutes"}) assertTrue(json.contains("\"" + field + "\""), json);
    }

    @Test
    void theTrainerWritesItsMessagesToItsLog(@TempDir Path tmp) {
        PrintStream oldOut = System.out;
        int oldThreads = Parallel.threads();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            Parallel.setThreads(1);
            TrainOptions o = TrainOptions.defaults("synthetic", TINY).withEpochs(1).withBatch(8).withSeed(42);
            Trainer.start(o, tmp.resolve("run"), TrainerResumeTest.data()).log(new PrintStream(log, true, StandardCharsets.UTF_8)).train();
        } finally {
            System.setOut(oldOut);
            Parallel.setThreads(oldThreads);
        }
        String logged = log.toString(StandardCharsets.UTF_8), printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("training on 40 images"), logged);
        assertTrue(logged.contains("Generator"), logged);
        assertFalse(printed.contains("training on"), printed);
    }

    @Test
    void configJsonRecordsTheSeedAndTheEngineThatMadeTheRun(@TempDir Path tmp) throws java.io.IOException {
        Path run = tmp.resolve("run");
        TrainOptions o = TrainOptions.defaults("synthetic", TINY).withEpochs(1).withBatch(8).withSeed(42);
        Trainer.start(o, run, TrainerResumeTest.data());
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(
                java.nio.file.Files.readString(run.resolve(RunDirectory.CONFIG))).getAsJsonObject();
        assertEquals(42, json.get("seed").getAsLong());
        assertEquals(org.semfill.kernels.Engine.VERSION, json.get("engine").getAsInt());
        assertEquals(org.semfill.kernels.Engine.VERSION, RunDirectory.of(run).engine());
        assertEquals(o, RunDirectory.of(run).config(), "the engine field does not disturb reading the options back");
        java.nio.file.Files.writeString(run.resolve(RunDirectory.CONFIG), Json.GSON.toJson(o)); // a run from before the field
        assertEquals(1, RunDirectory.of(run).engine());
    }
}
