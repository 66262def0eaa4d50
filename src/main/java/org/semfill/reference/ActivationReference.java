package org.semfill.reference;

/**
 * The elementwise activations of a DCGAN: ReLU (G's hidden layers), leaky ReLU with slope 0.2 (D's hidden
 * layers), tanh (G's output, images in [-1, 1]) and sigmoid (D's output, a probability).
 *
 * <pre>
 * L       number of elements (any shape, flattened)
 * x, y, dy, dx  (L)
 * </pre>
 *
 * Each backward returns dx = dy * f'(x), with f' written in whichever of x or y is simpler.
 */
public final class ActivationReference {
    private ActivationReference() {}

    /** DCGAN's discriminator slope. */
    public static final float DCGAN_SLOPE = 0.2f;

    /** x for x > 0, slope x otherwise; slope 0 is the ReLU. */
    public static float[] leakyRelu(float[] x, float slope) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : slope * x[i];
        return y;
    }

    /** The derivative is 1 for x > 0, slope otherwise (at 0 the left side is taken, as semfill's kernels do). */
    public static float[] leakyReluBackward(float[] x, float[] dy, float slope) {
        float[] dx = new float[x.length];
        for (int i = 0; i < x.length; i++) dx[i] = x[i] > 0 ? dy[i] : slope * dy[i];
        return dx;
    }

    public static float[] relu(float[] x) {
        return leakyRelu(x, 0f);
    }

    public static float[] reluBackward(float[] x, float[] dy) {
        return leakyReluBackward(x, dy, 0f);
    }

    public static float[] tanh(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (float) Math.tanh(x[i]);
        return y;
    }

    /** d tanh(x) / dx = 1 - tanh(x)^2 = 1 - y^2: from the output, no second tanh. */
    public static float[] tanhBackward(float[] y, float[] dy) {
        float[] dx = new float[y.length];
        for (int i = 0; i < y.length; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
        return dx;
    }

    public static float[] sigmoid(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (float) (1 / (1 + Math.exp(-x[i])));
        return y;
    }

    /** d sigmoid(x) / dx = sigmoid(x) (1 - sigmoid(x)) = y (1 - y). */
    public static float[] sigmoidBackward(float[] y, float[] dy) {
        float[] dx = new float[y.length];
        for (int i = 0; i < y.length; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
        return dx;
    }
}
