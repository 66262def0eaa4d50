package org.semfill.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.RunDirectory;
import org.semfill.data.DataSources;
import org.semfill.data.ImageSet;
import org.semfill.data.Npy;
import org.semfill.data.Pixels;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.ModelFiles;
import org.semfill.internal.UserError;

/**
 * Where the studio's example images come from: --data, the run's held-out.npy, the bundled held-out garments for a
 * model trained on bundled, the run's training data (labelled so), or none with a hint. Never garments for a model
 * trained on anything else.
 */
class ExampleImagesTest {
    /** A tiny colour model, as a face model would be (only smaller): garments are grey 28 x 28, never this. */
    static final DcganConfig COLOUR = new DcganConfig(16, 3, 8, 4, 4);
    static final int N = 5, S = COLOUR.size(), C = COLOUR.channels();

    /** A run folder: the model files, a config.json naming {@code data}, and (if heldOut) a held-out.npy of {@link #heldOutBytes}. */
    static Path run(Path dir, String data, boolean heldOut) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        ModelFiles.save(Dcgan.create(COLOUR, 3), run);
        JsonObject model = new JsonObject();
        model.addProperty("size", S);
        model.addProperty("channels", C);
        model.addProperty("nz", COLOUR.nz());
        model.addProperty("ngf", COLOUR.ngf());
        model.addProperty("ndf", COLOUR.ndf());
        JsonObject config = new JsonObject();
        config.addProperty("data", data);
        config.add("model", model);
        config.addProperty("epochs", 1);
        config.addProperty("batch", 8);
        config.addProperty("lr", 2e-4);
        config.addProperty("beta1", 0.5);
        config.addProperty("limit", 0);
        config.addProperty("holdOut", heldOut ? N : 0);
        config.addProperty("seed", 1);
        config.addProperty("checkpointEvery", 0);
        Files.writeString(run.resolve(RunDirectory.CONFIG), config.toString());
        if (heldOut) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Npy.header(N, C, S, S));
            out.write(heldOutBytes());
            Files.write(run.resolve(RunDirectory.HELD_OUT), out.toByteArray());
        }
        return run;
    }

    /** N recognisable images (N, C, S, S): image i is a ramp whose level and slope depend on i and the channel. */
    static byte[] heldOutBytes() {
        byte[] b = new byte[N * C * S * S];
        for (int i = 0; i < b.length; i++) {
            int img = i / (C * S * S), ch = i / (S * S) % C, px = i % (S * S);
            b[i] = (byte) ((img * 50 + ch * 30 + px * (img + 1)) % 256);
        }
        return b;
    }

    static float[] heldOutPixels(int n) {
        byte[] b = heldOutBytes();
        float[] f = new float[n * C * S * S];
        for (int i = 0; i < f.length; i++) f[i] = Pixels.fromByte(b[i] & 0xFF);
        return f;
    }

    /** A folder of a few photos (the "training data" of a run). */
    static Path photos(Path dir, int n) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < n; i++) Files.write(folder.resolve("p" + i + ".png"), StudioFixtures.picture(20 + 4 * i, 24, "png"));
        return folder;
    }

    static ExampleImages choose(Path model, String data, int count) {
        return ExampleImages.choose(model, data, S, C, count);
    }

    @Test
    void aRunsHeldOutImagesAreItsExamplesNotGarments(@TempDir Path dir) throws IOException {
        Path run = run(dir, photos(dir, 3).toString(), true); // the training data still exists, but held-out images come first
        ExampleImages e = choose(run, null, 16);
        assertEquals(N, e.n(), e.note());
        assertArrayEquals(new int[] {C, S, S}, e.images().imageShape());
        assertArrayEquals(heldOutPixels(N), e.images().pixels());
        assertTrue(e.note().contains("held-out") && e.note().contains("never trained on"), e.note());
        assertFalse(e.note().contains("Fashion-MNIST"), e.note());

        ExampleImages three = choose(run, null, 3);
        assertEquals(3, three.n());
        assertArrayEquals(heldOutPixels(3), three.images().pixels());
    }

    @Test
    void aGeneratorFileInsideARunFindsTheRunsHeldOutImages(@TempDir Path dir) throws IOException {
        Path run = run(dir, dir.resolve("gone").toString(), true);
        ExampleImages e = choose(run.resolve(ModelFiles.GENERATOR), null, 16);
        assertArrayEquals(heldOutPixels(N), e.images().pixels());
    }

    @Test
    void dataOptionWinsOverTheRunsOwnImages(@TempDir Path dir) throws IOException {
        Path run = run(dir, "bundled", true);
        Path other = Files.createDirectories(dir.resolve("other"));
        for (int i = 0; i < 4; i++) Files.write(other.resolve("q" + i + ".png"), StudioFixtures.picture(30, 30 + i, "png"));
        ExampleImages e = choose(run, other.toString(), 16);
        assertEquals(4, e.n(), e.note());
        assertArrayEquals(DataSources.load(other.toString(), S, C, 16).pixels(), e.images().pixels());
        assertTrue(e.note().contains(other.toString()) && e.note().contains("--data"), e.note());

        assertEquals(2, choose(run, other.toString(), 2).n(), "the count still applies");
        ExampleImages garments = choose(run, "bundled", 3);
        assertEquals(3, garments.n(), "--data bundled asks for garments, at the model's size");
        assertArrayEquals(new int[] {C, S, S}, garments.images().imageShape());
        UserError missing = assertThrows(UserError.class, () -> choose(run, dir.resolve("nope").toString(), 16));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }

    @Test
    void aRunTrainedOnBundledWithoutHeldOutFileOffersTheBundledHeldOutGarments(@TempDir Path dir) throws IOException {
        Path run = run(dir, "bundled", false);
        ExampleImages e = choose(run, null, 4);
        ImageSet expected = DataSources.loadBundledHeldOut(S, C, 4);
        assertArrayEquals(expected.pixels(), e.images().pixels());
        assertTrue(e.note().contains("held-out (test)"), e.note());
    }

    @Test
    void aRunWithoutHeldOutImagesOffersItsTrainingImagesLabelledAsSuch(@TempDir Path dir) throws IOException {
        Path photos = photos(dir, 3);
        ExampleImages e = choose(run(dir, photos.toString(), false), null, 16);
        assertEquals(3, e.n(), e.note());
        assertArrayEquals(DataSources.load(photos.toString(), S, C, 16).pixels(), e.images().pixels());
        assertTrue(e.note().contains("from the training data") && e.note().contains("saw them"), e.note());
    }

    @Test
    void aRunWhoseTrainingDataIsGoneOffersNoExamplesAndNoGarments(@TempDir Path dir) throws IOException {
        ExampleImages e = choose(run(dir, dir.resolve("faces-deleted").toString(), false), null, 16);
        assertNull(e.images());
        assertEquals(0, e.n());
        assertTrue(e.note().contains("--data FOLDER") && e.note().contains("--hold-out N"), e.note());
        assertTrue(e.note().contains("faces-deleted"), e.note());
    }

    @Test
    void aBareModelOffersNoExamplesAndNoError(@TempDir Path dir) throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        ModelFiles.save(Dcgan.create(COLOUR, 3), bare);
        for (Path model : new Path[] {bare, bare.resolve(ModelFiles.GENERATOR)}) {
            ExampleImages e = choose(model, null, 16);
            assertNull(e.images(), model.toString());
            assertTrue(e.note().startsWith("no example images") && e.note().contains("--data FOLDER"), e.note());
        }
        assertEquals(0, choose(run(dir, "bundled", true), null, 0).n(), "--examples 0 asks for none");
    }

    @Test
    void theStudioServesTheRunsHeldOutImagesAndSaysWhereTheyComeFrom(@TempDir Path dir) throws Exception {
        Path run = run(dir, dir.resolve("gone").toString(), true);
        Dcgan gan = ModelFiles.load(run);
        StudioServer.Options o = new StudioServer.Options(0, 16, 1);
        ExampleImages e = ExampleImages.choose(run, null, gan.config.size(), gan.config.channels(), o.examples());
        try (StudioServer server = StudioServer.start(gan, "run", e, o)) {
            JsonObject h = get(server, "/api/heldout");
            assertEquals(e.note(), h.get("note").getAsString());
            JsonArray images = h.getAsJsonArray("images");
            assertEquals(N, images.size());
            byte[] bytes = heldOutBytes();
            for (int i = 0; i < N; i++) {
                BufferedImage img = StudioServerTest.dataUrlImage(images.get(i).getAsJsonObject().get("png").getAsString());
                assertEquals(S, img.getWidth());
                for (int ch = 0; ch < C; ch++) {
                    int at = i * C * S * S + ch * S * S + 5 * S + 7, rgb = img.getRGB(7, 5); // pixel (y 5, x 7)
                    assertEquals(bytes[at] & 0xFF, rgb >> (16 - 8 * ch) & 0xFF, "image " + i + " channel " + ch);
                }
            }
        }
    }

    @Test
    void aStudioWithoutExamplesStillTakesUploads(@TempDir Path dir) throws Exception {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        ModelFiles.save(Dcgan.create(COLOUR, 3), bare);
        Dcgan gan = ModelFiles.load(bare);
        ExampleImages none = ExampleImages.choose(bare, null, S, C, 16);
        try (StudioServer server = StudioServer.start(gan, "bare", none, new StudioServer.Options(0, 16, 1))) {
            JsonObject h = get(server, "/api/heldout");
            assertEquals(0, h.getAsJsonArray("images").size());
            assertTrue(h.get("note").getAsString().contains("--hold-out N"), h.toString());
            HttpResponse<String> up = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/api/images"))
                    .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(StudioFixtures.picture(40, 30, "png")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, up.statusCode(), up.body());
        }
    }

    @Test
    void examplesOfTheWrongShapeAreRefused(@TempDir Path dir) {
        ImageSet grey = new ImageSet(new float[S * S], 1, 1, S, S, "grey");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> StudioServer.start(
                Dcgan.create(COLOUR, 3), "m", new ExampleImages(grey, "grey"), new StudioServer.Options(0, 16, 1)));
        assertTrue(x.getMessage().contains("1x16x16"), x.getMessage());
    }

    static JsonObject get(StudioServer server, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }
}
