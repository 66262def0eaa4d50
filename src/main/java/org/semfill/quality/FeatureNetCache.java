package org.semfill.quality;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.semfill.gan.StateFiles;
import org.semfill.internal.UserError;
import org.semfill.io.SafeTensors;

/**
 * Trains the feature network once per data set and keeps it in {@code classifier-<hash>.safetensors}, so every
 * later measurement on the same data uses the same ruler: FIDs are only comparable when measured with the same
 * feature network. The hash covers the training pixels and labels, the image size, the task, the architecture
 * version and the training settings; a file whose recorded hash differs (or that cannot be read) is trained
 * again and replaced.
 *
 * <p>The file goes in the folder that holds the run directories ({@link #folderFor}), so all runs in
 * {@code runs/} share one classifier and their FIDs can be compared.
 */
public final class FeatureNetCache {
    /** One seed for every feature network: a different seed would give a different ruler. */
    public static final long SEED = 1;
    /** Bump when the architecture or training changes, so old files are not reused. */
    static final int VERSION = 1;
    static final String KEY = "semfill.featurenet.key";

    private FeatureNetCache() {}

    /** A ready feature network, how well it does its task on held-out images, and where it is kept. */
    public record Entry(FeatureNet net, FeatureTask task, double heldOutAccuracy, Path file, boolean reused) {
        public String describe() {
            return String.format(Locale.ROOT, "feature network %s (task: %s; held-out accuracy %.1f%%)%s", file.getFileName(),
                    task.describe(net.classes), 100 * heldOutAccuracy, reused ? ", reused" : ", trained now");
        }
    }

    /** Where runs in {@code run} keep their shared classifier: the run's parent folder, or the run itself if that is not writable. */
    public static Path folderFor(Path run) {
        Path parent = run.toAbsolutePath().normalize().getParent();
        return parent != null && Files.isDirectory(parent) && Files.isWritable(parent) ? parent : run.toAbsolutePath().normalize();
    }

    /** The feature network for {@code data}: loaded from {@code folder} if it is there, else trained (a few seconds) and saved. */
    public static Entry obtain(RealData data, Path folder, PrintStream log) {
        FeatureTask task = data.labelled() ? FeatureTask.CLASSES : FeatureTask.ROTATION;
        int classes = task == FeatureTask.ROTATION ? 4 : Math.max(2, Arrays.stream(data.trainLabels()).max().orElse(0) + 1);
        int size = data.train().h(), channels = data.train().c();
        String key = key(data, task, classes);
        Path file = folder.resolve("classifier-" + key.substring(0, 12) + ".safetensors");
        FeatureNet net = FeatureNet.create(size, channels, classes, SEED);
        if (Files.isRegularFile(file)) {
            Entry e = tryLoad(file, key, net, task, log);
            if (e != null) return e;
        }
        log.printf("training the feature network for FID on %d images (%s) ...%n", data.train().n(), task.describe(classes));
        FeatureNetTraining.train(net, data.train(), data.trainLabels(), FeatureNetTraining.EPOCHS, SEED);
        double accuracy = FeatureNetTraining.accuracy(net, data.heldOut(), data.heldOutLabels());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(KEY, key);
        meta.put("task", task.name());
        meta.put("accuracy", Double.toString(accuracy));
        meta.put("data", data.spec());
        meta.put("architecture", net.toString());
        try {
            Files.createDirectories(folder);
        } catch (IOException ex) {
            throw new UserError("cannot create " + folder + " for the feature network: " + ex.getMessage());
        }
        SafeTensors.write(file, StateFiles.toArrays(net.network().stateDict(), ""), meta);
        return new Entry(net, task, accuracy, file, false);
    }

    private static Entry tryLoad(Path file, String key, FeatureNet net, FeatureTask task, PrintStream log) {
        try {
            SafeTensors.Contents c = SafeTensors.read(file);
            Map<String, String> meta = c.metadata();
            if (meta == null || !key.equals(meta.get(KEY))) {
                log.println(file + " was made for other data; training a new one");
                return null;
            }
            StateFiles.load(net.network().stateDict(), c.tensors(), "", file);
            net.network().train(false);
            return new Entry(net, task, Double.parseDouble(meta.get("accuracy")), file, true);
        } catch (UserError | NumberFormatException | NullPointerException e) {
            log.println("cannot reuse " + file + " (" + e.getMessage() + "); training a new one");
            return null;
        }
    }

    /** SHA-256 (hex) of everything that decides the trained network. */
    static String key(RealData data, FeatureTask task, int classes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String settings = String.join("|", "v" + VERSION, task.name(), Integer.toString(classes), data.train().n() + "x" + data.train().c()
                    + "x" + data.train().h() + "x" + data.train().w(), "epochs=" + FeatureNetTraining.EPOCHS, "batch=" + FeatureNetTraining.BATCH,
                    "lr=" + FeatureNetTraining.LR, "seed=" + SEED);
            md.update(settings.getBytes(StandardCharsets.UTF_8));
            float[] px = data.train().pixels();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < px.length; from += buf.capacity() / 4) {
                int m = Math.min(buf.capacity() / 4, px.length - from);
                buf.clear();
                buf.asFloatBuffer().put(px, from, m);
                md.update(buf.array(), 0, 4 * m);
            }
            if (data.trainLabels() != null) for (int l : data.trainLabels()) md.update((byte) l);
            StringBuilder hex = new StringBuilder();
            for (byte b : md.digest()) hex.append(String.format("%02x", b));
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
