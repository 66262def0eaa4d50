package org.semfill.quality;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.semfill.data.IdxReader;
import org.semfill.data.ImageSet;
import org.semfill.internal.Rng;

/**
 * Small labelled image sets for the tests: 16x16 grey images of three classes (0: a horizontal bar, 1: a vertical
 * bar, 2: a filled square) at random positions, with pixel noise. Values in [-1, 1].
 */
final class Synthetic {
    static final int SIDE = 16;

    private Synthetic() {}

    record Labelled(ImageSet images, int[] labels) {}

    static Labelled make(int n, long seed) {
        Rng rng = new Rng(seed);
        int p = SIDE * SIDE;
        float[] px = new float[n * p];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(3);
            labels[i] = c;
            int y0 = 2 + rng.nextInt(8), x0 = 2 + rng.nextInt(8);
            for (int y = 0; y < SIDE; y++)
                for (int x = 0; x < SIDE; x++) {
                    boolean on = switch (c) {
                        case 0 -> y >= y0 && y < y0 + 2 && x >= 2 && x < 14;
                        case 1 -> x >= x0 && x < x0 + 2 && y >= 2 && y < 14;
                        default -> y >= y0 && y < y0 + 5 && x >= x0 && x < x0 + 5;
                    };
                    float v = (on ? 0.8f : -0.8f) + (float) (0.15 * rng.nextGaussian());
                    px[i * p + y * SIDE + x] = Math.max(-1f, Math.min(1f, v));
                }
        }
        return new Labelled(new ImageSet(px, n, 1, SIDE, SIDE, "synthetic"), labels);
    }

    /** n unlabelled images that have an "up": a bright band along the top and a random square below it. */
    static ImageSet upright(int n, long seed) {
        Rng rng = new Rng(seed);
        int p = SIDE * SIDE;
        float[] px = new float[n * p];
        for (int i = 0; i < n; i++) {
            int y0 = 5 + rng.nextInt(7), x0 = rng.nextInt(12);
            for (int y = 0; y < SIDE; y++)
                for (int x = 0; x < SIDE; x++) {
                    boolean on = y < 3 || (y >= y0 && y < y0 + 4 && x >= x0 && x < x0 + 4);
                    px[i * p + y * SIDE + x] = Math.max(-1f, Math.min(1f, (on ? 0.8f : -0.8f) + (float) (0.15 * rng.nextGaussian())));
                }
        }
        return new ImageSet(px, n, 1, SIDE, SIDE, "synthetic upright");
    }

    /** Writes the set as {@code dir/train-images-idx3-ubyte} and, if {@code withLabels}, the labels file beside it. */
    static Path writeIdx(Labelled set, Path dir, boolean withLabels) throws IOException {
        Files.createDirectories(dir);
        ImageSet s = set.images();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.IMAGES_MAGIC);
        out.writeInt(s.n());
        out.writeInt(SIDE);
        out.writeInt(SIDE);
        for (float v : s.pixels()) out.writeByte(Math.round((v + 1) * 127.5f));
        Path images = dir.resolve("train-images-idx3-ubyte");
        Files.write(images, bytes.toByteArray());
        if (withLabels) {
            bytes.reset();
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(s.n());
            for (int l : set.labels()) out.writeByte(l);
            Files.write(dir.resolve("train-labels-idx1-ubyte"), bytes.toByteArray());
        }
        return images;
    }
}
