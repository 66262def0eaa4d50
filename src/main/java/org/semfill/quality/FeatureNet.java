package org.semfill.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semfill.internal.Check;
import org.semfill.internal.Rng;
import org.semfill.nn.Activation;
import org.semfill.nn.BatchNorm2d;
import org.semfill.nn.Conv2d;
import org.semfill.nn.Flatten;
import org.semfill.nn.Inference;
import org.semfill.nn.Init;
import org.semfill.nn.Linear;
import org.semfill.nn.Module;
import org.semfill.nn.Sequential;
import org.semfill.tensor.Tensor;

/**
 * The small convolutional classifier whose hidden layer is our "feature space" for the Fréchet distance, in the
 * role Inception-v3 plays for FID (Heusel et al. 2017) but small enough to train here in seconds:
 * <pre>
 *   conv(C -> 16, 4x4, stride 2, pad 1) + LeakyReLU(0.2)          28 -> 14 (32 -> 16)
 *   conv(16 -> 32, 4x4, stride 2, pad 1) + BatchNorm + LeakyReLU   14 -> 7  (16 -> 8)
 *   [more such convs, widths doubling up to 64, until the side is at most 8]
 *   flatten, linear(-> 64) + ReLU      the FEATURE layer (64 numbers per image)
 *   linear(64 -> classes)              logits
 * </pre>
 * The layers sit in one {@link Sequential} so the state keys are "0.weight", "2.weight", ... as in PyTorch.
 */
public final class FeatureNet {
    /** Width of the feature layer. */
    public static final int FEATURES = 64;
    /** Images per forward pass when extracting features. */
    static final int CHUNK = 250;

    public final int size, channels, classes;
    final Sequential net;

    private FeatureNet(int size, int channels, int classes, Sequential net) {
        this.size = size;
        this.channels = channels;
        this.classes = classes;
        this.net = net;
    }

    /** A fresh network for images (channels, size, size) and {@code classes} outputs, initialised from {@code seed}. */
    public static FeatureNet create(int size, int channels, int classes, long seed) {
        Check.arg(size >= 8, "the feature network needs images of at least 8x8, got " + size);
        Check.arg(classes >= 2, "a classifier needs at least 2 classes, got " + classes);
        Rng rng = new Rng(seed);
        List<Module> layers = new ArrayList<>();
        int side = size, in = channels, width = 16;
        for (int conv = 0; conv < 2 || side > 8; conv++) {
            Conv2d c = new Conv2d(in, width, 4, 2, 1);
            Init.normal(c.weight, rng, 0f, (float) Math.sqrt(2.0 / (in * 16))); // He et al. 2015, for (leaky) ReLU
            layers.add(c);
            if (conv > 0) layers.add(new BatchNorm2d(width));
            layers.add(Activation.leakyRelu(0.2f));
            side = side / 2; // (side + 2 - 4) / 2 + 1
            in = width;
            width = Math.min(64, width * 2);
        }
        layers.add(new Flatten());
        layers.add(new Linear(in * side * side, FEATURES, true, rng));
        layers.add(Activation.relu());
        layers.add(new Linear(FEATURES, classes, true, rng));
        return new FeatureNet(size, channels, classes, new Sequential(layers));
    }

    /** The 64 features of each image x (N, C, S, S): the network up to and including the ReLU after the first linear layer. */
    public Tensor features(Tensor x) {
        checkInput(x);
        for (int i = 0; i < net.size() - 1; i++) x = net.get(i).forward(x);
        return x;
    }

    /** Class scores (N, classes) before the softmax. */
    public Tensor logits(Tensor x) {
        checkInput(x);
        return net.forward(x);
    }

    /**
     * Features of many images (n, C, S, S) in evaluation mode without a graph, {@value #CHUNK} at a time;
     * returns (n, {@value #FEATURES}). Batch norm uses its running statistics, so an image's features do not
     * depend on the other images it is processed with.
     */
    public float[] featuresOf(float[] images, int n) {
        int per = channels * size * size;
        Check.arg(images.length == n * per, "featuresOf: " + images.length + " values are not " + n + " images of " + per);
        float[] out = new float[n * FEATURES];
        try (var s = Inference.of(net)) {
            for (int from = 0; from < n; from += CHUNK) {
                int m = Math.min(CHUNK, n - from);
                float[] chunk = Arrays.copyOfRange(images, from * per, (from + m) * per);
                Tensor f = features(Tensor.of(chunk, m, channels, size, size));
                System.arraycopy(f.data(), 0, out, from * FEATURES, m * FEATURES);
            }
        }
        return out;
    }

    /** Predicted classes of many images (n, C, S, S), evaluation mode. */
    public int[] predict(float[] images, int n) {
        int per = channels * size * size;
        int[] out = new int[n];
        try (var s = Inference.of(net)) {
            for (int from = 0; from < n; from += CHUNK) {
                int m = Math.min(CHUNK, n - from);
                float[] chunk = Arrays.copyOfRange(images, from * per, (from + m) * per);
                System.arraycopy(argmax(logits(Tensor.of(chunk, m, channels, size, size))), 0, out, from, m);
            }
        }
        return out;
    }

    /** The index of the largest logit of each row of (N, K) logits: the predicted class (the first, on a tie). */
    static int[] argmax(Tensor logits) {
        int n = logits.dim(0), k = logits.dim(1);
        float[] x = logits.data();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (x[i * k + j] > x[i * k + best]) best = j;
            out[i] = best;
        }
        return out;
    }

    /** The whole network, for its parameters and state dict. */
    public Sequential network() {
        return net;
    }

    private void checkInput(Tensor x) {
        Check.arg(x.rank() == 4 && x.dim(1) == channels && x.dim(2) == size && x.dim(3) == size,
                "the feature network takes (N, " + channels + ", " + size + ", " + size + ") images, got " + Arrays.toString(x.shape()));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FeatureNet " + channels + "x" + size + "x" + size + " -> " + FEATURES + " features -> " + classes + " classes:");
        for (Module m : net.children())
            sb.append(' ').append(m instanceof Linear l ? "Linear(" + l.weight.dim(1) + ", " + l.weight.dim(0) + ")" : m).append(';');
        return sb.toString();
    }
}
