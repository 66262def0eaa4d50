package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semfill.data.Npy;
import org.semfill.io.SafeTensors;
import org.semfill.tensor.Tensor;

/**
 * tools/pytorch/train_dcgan.py trains semfill's DCGAN in PyTorch from a prepared .npy file; semfill must load
 * what it writes and compute the same G(z). Skips (with a message) when no Python with torch is found:
 * {@code $SEMFILL_PYTHON} if set (and only it), else {@code python3} on the PATH, then {@code /usr/bin/python3}.
 */
class PyTorchRoundTripTest {
    static final Path SCRIPT = Path.of("tools", "pytorch", "train_dcgan.py").toAbsolutePath();
    static final String PYTHON_ENV = "SEMFILL_PYTHON";
    // Enough steps at a brisk rate that the running statistics settle and the outputs are far from their
    // near-zero start: a comparison of near-zero numbers would prove nothing.
    static final int STEPS = 40, BATCH = 16, IMAGES = 128;

    private static String python; // the interpreter found, "" if none
    private static String why;

    @ParameterizedTest
    @CsvSource({"28,1,8,4,6", "16,3,12,6,5"})
    void semfillLoadsWhatPyTorchTrainedAndComputesTheSameImages(int size, int channels, int nz, int ngf, int ndf, @TempDir Path dir)
            throws Exception {
        String py = findPython();
        assumeTrue(!py.isEmpty(), "no Python with torch and numpy (" + why + "); set " + PYTHON_ENV
                + " or install python3-torch python3-numpy to run the PyTorch round trip");
        assertTrue(Files.isRegularFile(SCRIPT), "missing " + SCRIPT);

        Path data = dir.resolve("prepared.npy"), run = dir.resolve("run"), check = dir.resolve("check");
        writePrepared(data, IMAGES, channels, size);
        List<String> cmd = new ArrayList<>(List.of(py, SCRIPT.toString(), data.toString(), "--out", run.toString(),
                "--device", "cpu", "--batch", "" + BATCH, "--max-steps", "" + STEPS, "--epochs", "100", "--lr", "0.001",
                "--nz", "" + nz, "--ngf", "" + ngf, "--ndf", "" + ndf, "--seed", "7", "--check-out", check.toString(), "--check-n", "5"));
        String out = run(cmd, dir.resolve("log.txt"), 120);

        Dcgan gan = ModelFiles.load(run); // throws if a key, shape or dtype is not the one semfill's networks have
        assertEquals(new DcganConfig(size, channels, nz, ngf, ndf), gan.config, "config read back\n" + out);

        // The files are exactly what semfill itself would write: same keys in the same order, same metadata.
        for (String name : List.of(ModelFiles.GENERATOR, ModelFiles.DISCRIMINATOR)) {
            SafeTensors.Contents c = SafeTensors.read(run.resolve(name));
            var state = name.equals(ModelFiles.GENERATOR) ? gan.generator.stateDict() : gan.discriminator.stateDict();
            assertEquals(List.copyOf(state.keySet()), List.copyOf(c.tensors().keySet()), name + " keys");
            assertEquals(new TreeMap<>(Map.of(ModelFiles.CONFIG_KEY, Json.config(gan.config), "format", "pt")),
                    new TreeMap<>(c.metadata()), name + " metadata");
        }
        // Training really happened, and the batch counters came through as I64 scalars: each step runs G once
        // and D three times (real, fake for D's update, fake for G's).
        assertEquals(STEPS, gan.generator.stateDict().get("1.num_batches_tracked").longs()[0]);
        assertEquals(3L * STEPS, gan.discriminator.stateDict().get("3.num_batches_tracked").longs()[0]); // D's first batch norm
        assertTrue(gan.generator.stateDict().get("1.running_mean").floats()[0] != 0f, "running statistics were saved");

        // G(z) in eval mode (running batch-norm statistics): PyTorch's numbers against semfill's.
        NpyF32 z = NpyF32.read(check.resolve("z.npy")), expected = NpyF32.read(check.resolve("g_z.npy"));
        assertArrayEquals(new int[] {5, nz, 1, 1}, z.shape);
        Tensor x = Reports.generate(gan.generator, Tensor.of(z.values, z.shape));
        assertArrayEquals(expected.shape, x.shape(), "G(z) shape");
        assertArrayEquals(new int[] {5, channels, size, size}, x.shape());
        assertClose(expected.values, x.data(), "G(z)");
        // And D's verdicts on those images, D also in eval mode (Reports.generate works for any network).
        NpyF32 verdicts = NpyF32.read(check.resolve("d_g_z.npy"));
        Tensor p = Reports.generate(gan.discriminator, Tensor.of(expected.values, expected.shape));
        assertArrayEquals(verdicts.shape, p.shape(), "D(G(z)) shape");
        assertClose(logits(verdicts.values), logits(p.data()), "D(G(z))'s logit");
    }

    /**
     * Agreement to 1e-4 and to 0.01% of the largest value (float32 sums in another order differ by about 1e-6
     * of it), and the values must not be all near zero, where any two networks would agree.
     */
    static void assertClose(float[] pytorch, float[] semfill, String what) {
        double worst = 0, scale = 0;
        for (int i = 0; i < semfill.length; i++) {
            worst = Math.max(worst, Math.abs(semfill[i] - pytorch[i]));
            scale = Math.max(scale, Math.abs(pytorch[i]));
        }
        System.out.printf("%s: largest |value| %.4g, largest difference %.3g%n", what, scale, worst);
        assertTrue(scale > 1e-2, what + " is near zero everywhere (" + scale + "): the comparison would prove nothing");
        assertTrue(worst < 1e-4 && worst < 1e-4 * scale, "semfill's " + what + " differs from PyTorch's by up to " + worst
                + " (values up to " + scale + ")");
    }

    /** log(p / (1 - p)): D's verdict before its sigmoid, where the differences are not squashed. */
    static float[] logits(float[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) out[i] = (float) (Math.log(p[i]) - Math.log1p(-p[i]));
        return out;
    }

    /** A prepared file as semfill writes it: its own 128-byte npy header, then N*C*H*W bytes of smooth blobs. */
    static void writePrepared(Path file, int n, int c, int size) throws IOException {
        Random r = new Random(42);
        byte[] pixels = new byte[n * c * size * size];
        for (int i = 0; i < n; i++) {
            double cx = r.nextDouble() * size, cy = r.nextDouble() * size, rad = 2 + r.nextDouble() * size / 3;
            for (int ch = 0; ch < c; ch++)
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++) {
                        double d = Math.hypot(x - cx, y - cy) / rad;
                        pixels[((i * c + ch) * size + y) * size + x] = (byte) Math.min(255, (int) (255 * Math.exp(-d * d)) + r.nextInt(8));
                    }
        }
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(Npy.header(n, c, size, size));
            o.write(pixels);
        }
    }

    /** Runs a command, its output into {@code log}; fails with the output if it exits non-zero or hangs. */
    static String run(List<String> cmd, Path log, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly().waitFor();
        String out = Files.readString(log);
        assertTrue(done, "timed out after " + seconds + " s: " + String.join(" ", cmd) + "\n" + out);
        assertEquals(0, p.exitValue(), "failed: " + String.join(" ", cmd) + "\n" + out);
        return out;
    }

    /** The first candidate interpreter that imports torch and numpy, or "" (and {@link #why} says what was tried). */
    static synchronized String findPython() {
        if (python != null) return python;
        String env = System.getenv(PYTHON_ENV);
        List<String> candidates = env != null && !env.isBlank() ? List.of(env) : List.of("python3", "/usr/bin/python3");
        List<String> tried = new ArrayList<>();
        python = "";
        for (String c : candidates) {
            String result = probe(c);
            if (result == null) {
                python = c;
                break;
            }
            tried.add(c + ": " + result);
        }
        why = String.join("; ", tried);
        return python;
    }

    /** null if {@code exe} imports torch and numpy, else why not. */
    private static String probe(String exe) {
        Path log = null;
        try {
            log = Files.createTempFile("semfill-python-probe", ".txt");
            Process p = new ProcessBuilder(exe, "-c", "import torch, numpy").redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(); // to a file: a hung interpreter cannot block a pipe read
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out importing torch";
            }
            if (p.exitValue() == 0) return null;
            String[] lines = Files.readString(log).strip().split("\n");
            return lines[lines.length - 1];
        } catch (IOException e) {
            return "cannot run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (log != null) log.toFile().delete();
        }
    }

    /** A float32 .npy as numpy.save writes it (version 1 or 2 header, little-endian, C order). */
    record NpyF32(int[] shape, float[] values) {
        private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

        static NpyF32 read(Path file) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals("\u0093NUMPY", new String(b.array(), 0, 6, StandardCharsets.ISO_8859_1), file + " magic");
            int major = b.get(6);
            int len = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
            int start = major == 1 ? 10 : 12;
            String dict = new String(b.array(), start, len, StandardCharsets.ISO_8859_1);
            assertTrue(dict.contains("'descr': '<f4'") && dict.contains("'fortran_order': False"), file + ": " + dict);
            Matcher m = SHAPE.matcher(dict);
            assertTrue(m.find(), dict);
            int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            float[] v = new float[Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
            b.position(start + len);
            b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return new NpyF32(shape, v);
        }
    }
}
