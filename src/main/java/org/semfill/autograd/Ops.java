package org.semfill.autograd;

import org.semfill.tensor.Tensor;

/**
 * The differentiable operations, in one place to discover them. Each delegates to the small class that
 * keeps its forward and backward side by side.
 */
public final class Ops {
    private Ops() {}

    // elementwise, with broadcasting
    public static Tensor add(Tensor a, Tensor b) { return Arithmetic.add(a, b); }
    public static Tensor sub(Tensor a, Tensor b) { return Arithmetic.sub(a, b); }
    public static Tensor mul(Tensor a, Tensor b) { return Arithmetic.mul(a, b); }
    public static Tensor div(Tensor a, Tensor b) { return Arithmetic.div(a, b); }
    public static Tensor addScalar(Tensor x, float c) { return Arithmetic.addScalar(x, c); }
    public static Tensor mulScalar(Tensor x, float c) { return Arithmetic.mulScalar(x, c); }
    public static Tensor neg(Tensor x) { return Activations.neg(x); }

    // unary functions and activations
    public static Tensor exp(Tensor x) { return Activations.exp(x); }
    public static Tensor log(Tensor x) { return Activations.log(x); }
    public static Tensor abs(Tensor x) { return Activations.abs(x); }
    public static Tensor clamp(Tensor x, float lo, float hi) { return Activations.clamp(x, lo, hi); }
    public static Tensor relu(Tensor x) { return Activations.relu(x); }
    public static Tensor leakyRelu(Tensor x, float slope) { return Activations.leakyRelu(x, slope); }
    public static Tensor tanh(Tensor x) { return Activations.tanh(x); }
    public static Tensor sigmoid(Tensor x) { return Activations.sigmoid(x); }

    // reductions and shapes
    public static Tensor sum(Tensor x) { return Reductions.sum(x); }
    public static Tensor mean(Tensor x) { return Reductions.mean(x); }
    public static Tensor sum(Tensor x, boolean keepDims, int... axes) { return Reductions.sum(x, keepDims, axes); }
    public static Tensor mean(Tensor x, boolean keepDims, int... axes) { return Reductions.mean(x, keepDims, axes); }
    public static Tensor reshape(Tensor x, int... shape) { return Reshaping.reshape(x, shape); }
    public static Tensor concat(int axis, Tensor... xs) { return Reshaping.concat(axis, xs); }
    /** Means of non-overlapping k x k blocks: (N, C, H, W) to (N, C, H/k, W/k); H and W multiples of k. */
    public static Tensor avgPool2d(Tensor x, int k) { return Pooling.avgPool2d(x, k); }

    // linear algebra and convolutions
    public static Tensor matmul(Tensor a, Tensor b) { return MatMul.matmul(a, b); }
    public static Tensor linear(Tensor x, Tensor w, Tensor b) { return MatMul.linear(x, w, b); }
    public static Tensor conv2d(Tensor x, Tensor w, int stride, int pad) { return Convolution.conv2d(x, w, stride, pad); }
    public static Tensor convTranspose2d(Tensor x, Tensor w, int stride, int pad) { return Convolution.convTranspose2d(x, w, stride, pad); }
    public static Tensor batchNorm2d(Tensor x, Tensor gamma, Tensor beta, float[] runningMean, float[] runningVar,
                                     boolean training, float momentum, float eps) {
        return BatchNorm.batchNorm2d(x, gamma, beta, runningMean, runningVar, training, momentum, eps);
    }

    /** Batch norm followed by a leaky ReLU (slope 0: ReLU) in one op: no pass of its own for the activation. */
    public static Tensor batchNorm2dLeakyRelu(Tensor x, Tensor gamma, Tensor beta, float[] runningMean, float[] runningVar,
                                              boolean training, float momentum, float eps, float slope) {
        return BatchNorm.batchNorm2d(x, gamma, beta, runningMean, runningVar, training, momentum, eps, slope);
    }

    // losses (means over all elements; softmax cross-entropy: over the rows)
    public static Tensor l1Loss(Tensor p, Tensor t) { return Losses.l1(p, t); }
    public static Tensor mseLoss(Tensor p, Tensor t) { return Losses.mse(p, t); }
    public static Tensor bce(Tensor p, Tensor t) { return Losses.bce(p, t); }
    public static Tensor bceWithLogits(Tensor x, Tensor t) { return Losses.bceWithLogits(x, t); }
    /** Mean over the rows of -log softmax(logits)[label]: logits (N, K), labels N class indices in [0, K). */
    public static Tensor softmaxCrossEntropy(Tensor logits, int[] labels) { return Losses.softmaxCrossEntropy(logits, labels); }
}
