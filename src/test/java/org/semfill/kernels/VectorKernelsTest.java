package org.semfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.semfill.kernels.KernelTestData.SIZES;
import static org.semfill.kernels.KernelTestData.assertClose;
import static org.semfill.kernels.KernelTestData.uniform;
import static org.semfill.kernels.KernelTestData.vectorOrSkip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Vector API streaming kernels and im2col/col2im against the scalar reference on the same seeded
 * inputs, at every length of {@link KernelTestData#SIZES}: every kernel gives the reference's bits (the order of
 * operations in {@link Kernels}), and both stay within the named tolerances of the definition computed in double.
 * (Kernels that VectorKernels inherits unchanged from the reference, such as add, are not compared: that test could
 * not fail.)
 */
class VectorKernelsTest {
    /** tanh and sigmoid: our float versions against double StrictMath.tanh/exp, absolute. */
    static final double TRANSCENDENTAL_ABS_TOLERANCE = 2e-7;
    /** axpy uses a fused multiply-add: at most one rounding apart, relative to |y| + |alpha x|. */
    static final double FMA_REL_TOLERANCE = 0x1p-23;
    /** Double-precision reductions in another summation order, relative to the sum of |terms|. */
    static final double REDUCTION_REL_TOLERANCE = 1e-12;

    /** The shared lengths, and one long enough that the activations split over the threads. */
    static final int[] sizes = IntStream.concat(Arrays.stream(SIZES), IntStream.of(100_003)).toArray();

    private final Kernels scalar = new ScalarKernels();
    private Kernels vector;

    @BeforeEach
    void loadVector() {
        vector = vectorOrSkip();
    }

    @Test
    void describesItself() {
        assertEquals("vector", vector.name());
        assertTrue(vector.describe().startsWith("FloatVector "), vector.describe());
    }

    @ParameterizedTest(name = "n={0}")
    @FieldSource("sizes")
    void axpy(int n) {
        float[] x = uniform(1, n + 3);
        float[] y = uniform(2, n + 5);
        float[] expected = y.clone();
        scalar.axpy(n, 0.75f, x, 3, expected, 5);
        vector.axpy(n, 0.75f, x, 3, y, 5);
        double[] exact = new double[y.length];
        double[] scale = new double[y.length];
        float[] y0 = uniform(2, n + 5);
        for (int i = 0; i < y.length; i++) {
            double ax = i >= 5 ? 0.75 * x[i - 2] : 0;
            exact[i] = y0[i] + ax;
            scale[i] = Math.abs(y0[i]) + Math.abs(ax);
        }
        assertArrayEquals(expected, y, "vector axpy");
        assertClose(exact, expected, 0, scale, FMA_REL_TOLERANCE, "scalar axpy");
    }

    @ParameterizedTest(name = "n={0}")
    @FieldSource("sizes")
    void reductionsInDouble(int n) {
        float[] x = uniform(5, n + 4, -2f, 3f);
        double absSum = 0;
        for (int i = 4; i < n + 4; i++) absSum += Math.abs(x[i]);
        double exact = 0;
        for (int i = 4; i < n + 4; i++) exact += x[i];
        assertEquals(scalar.sum(x, 4, n), vector.sum(x, 4, n), "sum");
        assertEquals(exact, scalar.sum(x, 4, n), REDUCTION_REL_TOLERANCE * absSum, "sum");
    }

    /**
     * Batch norm's kernels on images [1, 4) of a (5, 3, hw) tensor: the reductions (float lanes, so a float
     * tolerance) against the definition in double and bit for bit against each other; normalize and its backward
     * bit for bit, and nothing outside the images touched.
     */
    @ParameterizedTest(name = "hw={0}")
    @FieldSource("sizes")
    void batchNormKernelsAgree(int hw) {
        int n = 5, c = 3, from = 1, to = 4, size = n * c * hw;
        float[] x = uniform(5, size, -2f, 3f);
        float[] y = uniform(6, size);
        float[] mean = {0.25f, -0.5f, 1f}, invStd = {1.5f, 0.7f, 2f}, gamma = {0.8f, 1.1f, -0.3f}, beta = {-0.1f, 0f, 0.4f};
        double[] sum = new double[c], sq = new double[c], abs = new double[c], absSq = new double[c];
        for (int i = from; i < to; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = (i * c + ch) * hw; p < (i * c + ch + 1) * hw; p++) {
                    sum[ch] += x[p];
                    sq[ch] += (x[p] - mean[ch]) * (double) (x[p] - mean[ch]);
                    abs[ch] += Math.abs(x[p]);
                    absSq[ch] += (x[p] - mean[ch]) * (double) (x[p] - mean[ch]);
                }
            }
        }
        for (float slope : new float[] {1f, 0.2f, 0f}) { // 1: plain batch norm; else with a (leaky) ReLU after it
            float[] act = uniform(7, size); // the activation's output, for the mask in the backward kernels
            double[] gSum = new double[c], gDot = new double[c], gAbs = new double[c];
            for (int i = from; i < to; i++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int p = (i * c + ch) * hw; p < (i * c + ch + 1) * hw; p++) {
                        float gp = slope == 1f || act[p] > 0 ? y[p] : slope * y[p];
                        gSum[ch] += gp;
                        gDot[ch] += (double) gp * x[p];
                        gAbs[ch] += Math.abs(gp) + Math.abs((double) gp * x[p]);
                    }
                }
            }
            List<double[]> results = new ArrayList<>();
            for (Kernels k : new Kernels[] {scalar, vector}) {
                double[] s = {1, 2, 3}, q = {1, 2, 3}, sy = {1, 2, 3}, d = {1, 2, 3}; // the kernels add to what is there
                k.channelSums(x, from, to, c, hw, s);
                k.channelSquaredDeviations(x, from, to, c, hw, mean, q);
                k.channelSumsAndDots(y, act, slope, x, from, to, c, hw, sy, d);
                results.addAll(List.of(s, q, sy, d));
                for (int ch = 0; ch < c; ch++) {
                    double tol = 1e-5 * abs[ch] + 1e-9;
                    assertEquals(sum[ch] + ch + 1, s[ch], tol, k.name() + " channelSums " + ch);
                    assertEquals(sq[ch] + ch + 1, q[ch], 1e-5 * absSq[ch] + 1e-9, k.name() + " channelSquaredDeviations " + ch);
                    assertEquals(gSum[ch] + ch + 1, sy[ch], 1e-5 * gAbs[ch] + 1e-9, k.name() + " channelSumsAndDots (sum) " + ch + " slope " + slope);
                    assertEquals(gDot[ch] + ch + 1, d[ch], 1e-5 * gAbs[ch] + 1e-9, k.name() + " channelSumsAndDots (dot) " + ch + " slope " + slope);
                }
            }
            for (int r = 0; r < 4; r++) assertArrayEquals(results.get(r), results.get(r + 4), "reduction " + r + " of the two kernels, slope " + slope);
            float[] expected = y.clone(), actual = y.clone();
            scalar.normalize(x, from, to, c, hw, mean, invStd, gamma, beta, slope, expected);
            vector.normalize(x, from, to, c, hw, mean, invStd, gamma, beta, slope, actual);
            assertArrayEquals(expected, actual, "normalize, slope " + slope);
            for (int p = 0; p < from * c * hw; p++) assertEquals(y[p], actual[p], "normalize wrote before its images");
            float z = (x[from * c * hw] - mean[0]) * (invStd[0] * gamma[0]) + beta[0];
            assertEquals(z > 0 ? z : slope * z, actual[from * c * hw], 1e-6f, "by definition");
            float[] meanDy = {0.01f, -0.2f, 0.3f}, meanDyXhat = {-0.02f, 0.1f, 0f};
            scalar.normalizeBackward(x, y, act, slope, from, to, c, hw, mean, invStd, gamma, meanDy, meanDyXhat, expected);
            vector.normalizeBackward(x, y, act, slope, from, to, c, hw, mean, invStd, gamma, meanDy, meanDyXhat, actual);
            assertArrayEquals(expected, actual, "normalizeBackward, slope " + slope);
        }
    }

    /** Adam is the reference loop split over the threads when long: the same bits at every length. */
    @ParameterizedTest(name = "n={0}")
    @FieldSource("sizes")
    void adamIsBitIdentical(int n) {
        float[] g = uniform(30, n);
        float[][] expected = {uniform(31, n), uniform(32, n), uniform(33, n, 0f, 1f)};
        float[][] actual = {expected[0].clone(), expected[1].clone(), expected[2].clone()};
        for (int step = 1; step <= 3; step++) {
            float bc1 = (float) (1 - Math.pow(0.5, step)), bc2 = (float) (1 - Math.pow(0.999, step));
            scalar.adam(n, expected[0], g, expected[1], expected[2], 2e-4f, 0.5f, 0.999f, 1e-8f, bc1, bc2);
            vector.adam(n, actual[0], g, actual[1], actual[2], 2e-4f, 0.5f, 0.999f, 1e-8f, bc1, bc2);
        }
        assertArrayEquals(expected[0], actual[0], "parameters");
        assertArrayEquals(expected[1], actual[1], "first moments");
        assertArrayEquals(expected[2], actual[2], "second moments");
    }

    @ParameterizedTest(name = "n={0}")
    @FieldSource("sizes")
    void leakyReluForwardAndBackwardAreBitIdentical(int n) {
        float[] x = uniform(7, n);
        if (n > 3) x[3] = 0f; // the boundary: 0 is not positive
        float[] dy = uniform(8, n);
        for (float slope : new float[] {0f, 0.2f}) {
            float[] expected = new float[n];
            float[] actual = new float[n];
            scalar.leakyRelu(n, slope, x, expected);
            vector.leakyRelu(n, slope, x, actual);
            assertArrayEquals(expected, actual, "leakyRelu slope " + slope);
            float[] dxExpected = uniform(9, n);
            float[] dxActual = dxExpected.clone();
            scalar.leakyReluBackward(n, slope, x, dy, dxExpected);
            vector.leakyReluBackward(n, slope, x, dy, dxActual);
            assertArrayEquals(dxExpected, dxActual, "leakyReluBackward slope " + slope);
        }
    }

    @ParameterizedTest(name = "n={0}")
    @FieldSource("sizes")
    void absBackwardIsBitIdentical(int n) {
        float[] x = uniform(11, n);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int i = 0; i < n; i += 3) x[i] = special[(i / 3) % special.length]; // in vector lanes and in the tail
        float[] dy = uniform(12, n);
        if (n > 1) dy[1] = -dy[1];
        float[] expected = uniform(13, n);
        if (n > 0) expected[0] = -0f; // -0 + (dy * +0) is +0 only when the sum is made as the reference makes it
        float[] actual = expected.clone();
        scalar.absBackward(n, x, dy, expected);
        vector.absBackward(n, x, dy, actual);
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest(name = "n={0}")
    @FieldSource("sizes")
    void tanhAndSigmoidAreBitIdenticalAndClose(int n) {
        float[] x = uniform(10, n, -12f, 12f);
        if (n > 2) {
            x[0] = 0f;
            x[1] = -100f;
            x[2] = 100f;
        }
        float[] expected = new float[n];
        float[] actual = new float[n];
        double[] tanh = new double[n], sigmoid = new double[n];
        for (int i = 0; i < n; i++) {
            tanh[i] = StrictMath.tanh(x[i]);
            sigmoid[i] = 1 / (1 + StrictMath.exp(-x[i]));
        }
        scalar.tanh(n, x, expected);
        vector.tanh(n, x, actual);
        assertArrayEquals(expected, actual, "tanh");
        assertClose(tanh, actual, TRANSCENDENTAL_ABS_TOLERANCE, 0, "tanh");
        scalar.sigmoid(n, x, expected);
        vector.sigmoid(n, x, actual);
        assertArrayEquals(expected, actual, "sigmoid");
        assertClose(sigmoid, actual, TRANSCENDENTAL_ABS_TOLERANCE, 0, "sigmoid");
    }

    @ParameterizedTest(name = "c={0} h={1} w={2} k={3} stride={4} pad={5}")
    @CsvSource({"1,3,3,2,1,0", "3,8,8,4,2,1", "2,5,7,3,2,2", "4,7,7,7,1,0", "2,6,5,3,1,1", "1,1,1,4,1,3",
            "2,9,9,4,3,0", "3,64,64,4,2,1", "2,17,17,3,1,1", "1,4,4,4,1,0", "1,32,32,4,2,1", "2,33,33,4,2,1",
            "2,40,40,5,2,2", "1,31,31,3,2,0", "4,8,8,4,2,1"})
    void im2colAndCol2imAreBitIdenticalAndAdjoint(int c, int h, int w, int k, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        int xOff = 2;
        float[] x = uniform(21, xOff + c * h * w + 40); // 40 floats of a neighbouring image after it
        // The block sits at column 3 of a matrix with 7 more columns than the block, as one image of a batch.
        int ohw = oh * ow, colOff = 3, ld = ohw + 7, rows = c * k * k;
        float[] garbage = uniform(22, rows * ld); // what the kernels must overwrite inside the block, keep outside
        float[] expected = garbage.clone();
        float[] actual = garbage.clone();
        scalar.im2col(x, xOff, c, h, w, k, stride, pad, oh, ow, expected, colOff, ld);
        vector.im2col(x, xOff, c, h, w, k, stride, pad, oh, ow, actual, colOff, ld);
        assertArrayEquals(expected, actual, "im2col");
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < ld; j++) {
                boolean inside = j >= colOff && j < colOff + ohw;
                if (!inside) assertEquals(garbage[r * ld + j], actual[r * ld + j], "im2col wrote outside its block");
            }
        }
        float[] col = uniform(24, expected.length);
        float[] foldedExpected = uniform(25, x.length);
        float[] foldedActual = foldedExpected.clone();
        scalar.col2im(col, colOff, ld, c, h, w, k, stride, pad, oh, ow, foldedExpected, xOff);
        vector.col2im(col, colOff, ld, c, h, w, k, stride, pad, oh, ow, foldedActual, xOff);
        assertArrayEquals(foldedExpected, foldedActual, "col2im (and nothing outside the image)");
        // Into a fresh (all-zero) image, and into one whose only non-zero bits are a -0.0 (which must survive).
        for (boolean negativeZero : new boolean[] {false, true}) {
            float[] zerosExpected = new float[x.length], zerosActual = new float[x.length];
            if (negativeZero) zerosExpected[x.length - 41] = zerosActual[x.length - 41] = -0f;
            scalar.col2im(col, colOff, ld, c, h, w, k, stride, pad, oh, ow, zerosExpected, xOff);
            vector.col2im(col, colOff, ld, c, h, w, k, stride, pad, oh, ow, zerosActual, xOff);
            assertArrayEquals(zerosExpected, zerosActual, "col2im into zeros, -0.0 " + negativeZero);
        }
        ScalarKernelsTest.checkAdjoint(vector, c, h, w, k, stride, pad);
    }
}
