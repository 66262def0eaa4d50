package org.semfill.quality;

import org.semfill.data.Batcher;
import org.semfill.autograd.Ops;
import org.semfill.data.ImageSet;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.optim.Adam;
import org.semfill.tensor.Tensor;

/**
 * Trains a {@link FeatureNet} with our own engine: Adam (lr 1e-3, the usual default for classifiers) on softmax
 * cross-entropy, seeded batches. With class labels it learns the classes; without (labels null) it learns to
 * tell how many quarter turns each image was rotated by, a fresh random turn per image per epoch.
 */
public final class FeatureNetTraining {
    public static final int EPOCHS = 2, BATCH = 64;
    public static final float LR = 1e-3f;

    private FeatureNetTraining() {}

    /** Trains {@code net} in place for {@code epochs} passes over {@code images}; labels null = rotation task. */
    public static void train(FeatureNet net, ImageSet images, int[] labels, int epochs, long seed) {
        Rng rng = new Rng(seed);
        Batcher batcher = new Batcher(images.n(), Math.min(BATCH, images.n()), rng.split());
        Rng turns = rng.split();
        Adam adam = new Adam(net.network().parameters(), LR, 0.9f);
        int b = batcher.batchSize(), per = images.imageSize();
        float[] batch = new float[b * per]; // (B, C, S, S)
        int[] batchLabels = new int[b];
        long total = (long) epochs * batcher.batchesPerEpoch();
        net.network().train(true);
        try (Progress bar = Progress.start("feature net", total, "batch")) {
            for (long it = 0; it < total; it++) {
                int[] idx = batcher.next();
                for (int i = 0; i < b; i++) {
                    if (labels != null) {
                        System.arraycopy(images.pixels(), idx[i] * per, batch, i * per, per);
                        batchLabels[i] = labels[idx[i]];
                    } else {
                        batchLabels[i] = turns.nextInt(4);
                        Rotations.rotate(images.pixels(), idx[i] * per, images.c(), images.h(), batchLabels[i], batch, i * per);
                    }
                }
                adam.zeroGrad();
                Tensor loss = Ops.softmaxCrossEntropy(net.logits(Tensor.of(batch, b, images.c(), images.h(), images.w())), batchLabels);
                loss.backward();
                adam.step();
                bar.status(String.format("loss %.3f", loss.item()));
                bar.step(1);
            }
        }
        net.network().train(false);
    }

    /**
     * The fraction of {@code images} the network gets right: their class, or (labels null) the number of quarter
     * turns, image i being turned i mod 4 times.
     */
    public static double accuracy(FeatureNet net, ImageSet images, int[] labels) {
        int n = images.n(), per = images.imageSize();
        float[] x = images.pixels();
        int[] truth = labels;
        if (labels == null) {
            x = new float[n * per];
            truth = new int[n];
            for (int i = 0; i < n; i++) {
                truth[i] = i % 4;
                Rotations.rotate(images.pixels(), i * per, images.c(), images.h(), truth[i], x, i * per);
            }
        }
        int[] predicted = net.predict(x, n);
        int right = 0;
        for (int i = 0; i < n; i++) if (predicted[i] == truth[i]) right++;
        return right / (double) n;
    }
}
