package org.semfill.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semfill.gan.RunDirectory;
import org.semfill.data.PngBomb;
import org.semfill.data.ImageSet;
import org.semfill.data.Npy;
import org.semfill.data.PrepareOptions;
import org.semfill.data.Preparation;
import org.semfill.gan.Checkpoint;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.ModelFiles;
import org.semfill.gan.TrainOptions;
import org.semfill.gan.Trainer;
import org.semfill.internal.Rng;
import org.semfill.io.Images;

/**
 * The files the bad-input catalogue points at, built once in a temporary folder and named by placeholders
 * ({@code {model}}, {@code {bomb}}, ...) that the catalogue's rows use. Everything is tiny (16 x 16 grey images,
 * a DCGAN with nz 8 and 4 filters) so each row runs in well under a second.
 */
final class BadInputFixtures {
    static final DcganConfig TINY = new DcganConfig(16, 1, 8, 4, 4);
    static final int IMAGES = 40;

    final Path root;
    final Map<String, Path> files = new LinkedHashMap<>();
    private int outs;

    BadInputFixtures(Path root) throws IOException {
        this.root = root;
        Path model = dir("model");
        ModelFiles.save(Dcgan.create(TINY, 3), model);
        files.put("model", model);
        put("img", png(root.resolve("img.png"), 16, 16, 0.3f));
        byte[] valid = Files.readAllBytes(png(root.resolve("noise.png"), 16, 16, Float.NaN));
        put("corrupt", write("corrupt.png", garbage(200, 7)));
        put("truncated", write("truncated.png", Arrays.copyOf(valid, valid.length / 2)));
        put("empty", write("empty.png", new byte[0]));
        put("bomb", write("bomb.png", bomb()));
        put("mask20", png(root.resolve("mask20.png"), 20, 20, 1f));
        put("maskBlack", png(root.resolve("mask-black.png"), 16, 16, -1f));
        byte[] g = Files.readAllBytes(model.resolve(ModelFiles.GENERATOR));
        put("truncModel", broken("trunc-model", Arrays.copyOf(g, g.length / 2), model));
        put("garbageModel", broken("garbage-model", garbage(g.length, 11), model));
        put("outFile", write("results.txt", "earlier results\n".getBytes()));
        Dcgan nan = Dcgan.create(TINY, 4);
        nan.generator.parameters().get(0).data()[0] = Float.NaN; // as a diverged run would leave it
        put("nanModel", dir("nan-model"));
        ModelFiles.save(nan, files.get("nanModel"));
        put("badEncoderModel", dir("bad-encoder-model")); // a sound model beside a damaged encoder
        ModelFiles.save(Dcgan.create(TINY, 3), files.get("badEncoderModel"));
        Files.write(files.get("badEncoderModel").resolve(org.semfill.gan.Encoder.FILE), garbage(3000, 17));
        put("nope", root.resolve("no-such-folder"));
        put("cache", dir("cache"));

        Path data = photos("data", IMAGES);
        put("data", data);
        put("run", trainedRun("run", data));
        byte[] ck = Files.readAllBytes(files.get("run").resolve(Checkpoint.FILE));
        Files.write(files.get("run").resolve(Checkpoint.FILE), garbage(ck.length, 13)); // corrupt, same length
        put("ckpt", files.get("run").resolve(Checkpoint.FILE));

        // Crafted .npy shapes: 2^62 images in the training cache and in a run's held-out.npy; a held-out.npy of no images.
        Path hugeCache = dir("huge-cache");
        Preparation.obtain(data.toString(), new PrepareOptions(16, 1, 0, 0, false), hugeCache, 1,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).images().close();
        try (var npys = Files.list(hugeCache)) {
            for (Path f : npys.filter(p -> p.toString().endsWith(".npy")).toList()) overwriteHeader(f, 1L << 62, 1, 16, 16);
        }
        put("hugeCache", hugeCache);
        put("hugeHeldRun", heldOutRun("huge-held-run", Npy.header(1L << 62, 1, 16, 16)));
        put("emptyHeldRun", heldOutRun("empty-held-run", Npy.header(0, 1, 16, 16)));
        Path size64 = copyModel("size64-run", files.get("run"));
        Files.writeString(size64.resolve("config.json"), Files.readString(files.get("run").resolve("config.json")).replace("\"size\": 16", "\"size\": 64"));
        put("size64Run", size64);
        // A FIFO where the generator should be: opening it to read would wait for a writer forever.
        Path fifo = dir("fifo-model");
        Files.copy(model.resolve(ModelFiles.DISCRIMINATOR), fifo.resolve(ModelFiles.DISCRIMINATOR));
        mkfifo(fifo.resolve(ModelFiles.GENERATOR));
        put("fifoModel", fifo);
        put("truncJpeg", write("truncated.jpg", PngBomb.truncatedJpeg()));
        // A valid safetensors file of half-precision weights: a type semfill does not read, not a damaged file.
        String f16 = "{\"0.weight\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        java.io.ByteArrayOutputStream st = new java.io.ByteArrayOutputStream();
        st.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(f16.length()).array());
        st.write(f16.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        st.write(new byte[] {0, 60, 0, 60}); // 1.0, 1.0 in F16
        put("f16Model", broken("f16-model", st.toByteArray(), model));

        Path shrinking = photos("shrinking-data", IMAGES);
        put("shrunkRun", trainedRun("shrunk-run", shrinking));
        for (int i = IMAGES / 2; i < IMAGES; i++) Files.delete(shrinking.resolve(String.format("p%03d.png", i)));
        put("shrunkData", shrinking);
    }

    /** {@code {name}} replaced by the fixture's path; {@code {out}} by a new, not yet existing folder per call. */
    String expand(String text) {
        String s = text;
        if (s.contains("{out}")) s = s.replace("{out}", root.resolve("outs").resolve("out" + ++outs).toString());
        for (Map.Entry<String, Path> e : files.entrySet()) s = s.replace("{" + e.getKey() + "}", e.getValue().toString());
        if (s.matches(".*\\{[A-Za-z0-9]+}.*")) throw new IllegalArgumentException("unknown placeholder in: " + text);
        return s;
    }

    private void put(String name, Path p) {
        files.put(name, p);
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(root.resolve(name), bytes);
    }

    /** A folder holding a broken generator file and a valid discriminator beside it; returns the generator. */
    private Path broken(String name, byte[] generator, Path model) throws IOException {
        Path d = dir(name);
        Files.copy(model.resolve(ModelFiles.DISCRIMINATOR), d.resolve(ModelFiles.DISCRIMINATOR));
        return Files.write(d.resolve(ModelFiles.GENERATOR), generator);
    }

    /** A grey PNG filled with {@code value} in [-1, 1], or noise for NaN. */
    private static Path png(Path file, int w, int h, float value) {
        float[] px = new float[w * h];
        Rng rng = new Rng(w * 31L + h);
        for (int i = 0; i < px.length; i++) px[i] = Float.isNaN(value) ? (float) (rng.nextDouble() * 2 - 1) : value;
        Images.writePng(file, px, 1, h, w);
        return file;
    }

    private Path photos(String name, int n) throws IOException {
        Path d = dir(name);
        for (int i = 0; i < n; i++) {
            float[] px = new float[16 * 16];
            Rng rng = new Rng(100 + i);
            for (int k = 0; k < px.length; k++) px[k] = (float) (rng.nextDouble() * 2 - 1);
            Images.writePng(d.resolve(String.format("p%03d.png", i)), px, 1, 16, 16);
        }
        return d;
    }

    /** One epoch of the tiny DCGAN on the folder's images; the run's config names the folder as its data. */
    private Path trainedRun(String name, Path data) {
        float[] px = new float[IMAGES * 16 * 16];
        for (int i = 0; i < IMAGES; i++) {
            float[] one = Images.readSquare(data.resolve(String.format("p%03d.png", i)), 16, 1).pixels();
            System.arraycopy(one, 0, px, i * one.length, one.length);
        }
        Path run = root.resolve(name);
        TrainOptions o = new TrainOptions(data.toString(), TINY, 1, 8, 2e-4f, 0.5f, 0, 0, 42, 0);
        Trainer.start(o, run, new ImageSet(px, IMAGES, 1, 16, 16, name)).train();
        return run;
    }

    /** A run folder (the tiny trained run's config with --hold-out 4, and its model) whose held-out.npy is {@code npy}. */
    private Path heldOutRun(String name, byte[] npy) throws IOException {
        Path d = copyModel(name, files.get("run"));
        String config = Files.readString(files.get("run").resolve("config.json"));
        if (!config.contains("\"holdOut\": 0")) throw new IllegalStateException("unexpected config: " + config);
        Files.writeString(d.resolve("config.json"), config.replace("\"holdOut\": 0", "\"holdOut\": 4"));
        Files.write(d.resolve(RunDirectory.HELD_OUT), npy);
        return d;
    }

    /** A new folder holding the run's model files and config. */
    private Path copyModel(String name, Path run) throws IOException {
        Path d = dir(name);
        for (String f : new String[] {ModelFiles.GENERATOR, ModelFiles.DISCRIMINATOR, "config.json"}) Files.copy(run.resolve(f), d.resolve(f));
        return d;
    }

    private static void overwriteHeader(Path npy, long... shape) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(npy, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(Npy.header(shape)), 0);
        }
    }

    private static void mkfifo(Path p) throws IOException {
        try {
            Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
            if (mk.waitFor() != 0) throw new IOException("mkfifo " + p + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }


    static byte[] garbage(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    /** A PNG of a few hundred bytes whose header says 40000 x 40000. */
    static byte[] bomb() throws IOException {
        return org.semfill.data.PngBomb.bytes(40_000, 40_000);
    }
}
