package org.semfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.semfill.kernels.KernelTestData.assertClose;
import static org.semfill.kernels.KernelTestData.naiveGemm;
import static org.semfill.kernels.KernelTestData.uniform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference kernels against their definitions: GEMM against a double-precision triple loop, im2col
 * by hand and col2im as its adjoint.
 */
class ScalarKernelsTest {
    /**
     * Float rounding per step of a length-k dot product: the error of any summation order is at most
     * about k * 2^-24 times the sum of |products| (Higham, "Accuracy and Stability of Numerical
     * Algorithms", 2002, sec. 3.1); (k + 2) steps allow for the initial C and the final rounding.
     */
    static final double ROUNDING_PER_STEP = 0x1p-24;

    private final Kernels scalar = new ScalarKernels();

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"1,1,1", "1,7,3", "7,1,17", "7,17,63", "17,63,7", "65,64,33", "3,5,0"})
    void gemmMatchesDoublePrecisionTripleLoop(int m, int n, int k) {
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    checkGemm(scalar, transA, transB, m, n, k, accumulate, 31L * m + 7L * n + k);
                }
            }
        }
    }

    /** Runs one product with non-zero offsets and garbage around the operands, checks it against the double loop. */
    static void checkGemm(Kernels kernels, boolean transA, boolean transB, int m, int n, int k,
                          boolean accumulate, long seed) {
        int aOff = 3, bOff = 5, cOff = 2;
        float[] a = uniform(seed, aOff + m * k + 4);
        float[] b = uniform(seed + 1, bOff + k * n + 4);
        float[] c = uniform(seed + 2, cOff + m * n + 4);
        float[] before = c.clone();
        double[] bound = new double[m * n];
        double[] expected = naiveGemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, bound);
        kernels.gemm(Transpose.of(transA, transB), m, n, k, a, aOff, b, bOff, c, cOff, accumulate ? Assign.ADD : Assign.SET);
        String what = kernels.name() + " gemm transA=" + transA + " transB=" + transB + " " + m + "x" + n + "x" + k
                + " accumulate=" + accumulate;
        assertClose(expected, c, cOff, bound, (k + 2) * ROUNDING_PER_STEP, what);
        for (int i = 0; i < cOff; i++) assertEquals(before[i], c[i], what + ": wrote before C");
        for (int i = cOff + m * n; i < c.length; i++) assertEquals(before[i], c[i], what + ": wrote after C");
    }

    @Test
    void im2colOfSmallImageByHand() {
        // x (1, 3, 3) = 1..9; 2x2 patches, stride 1, no padding -> OH = OW = 2.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] col = new float[4 * 4];
        scalar.im2col(x, 0, 1, 3, 3, 2, 1, 0, 2, 2, col, 0, 4);
        assertArrayEquals(new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, col);
    }

    @Test
    void im2colPadsWithZerosByHand() {
        // x (1, 2, 2) = 1..4 at offset 1; 3x3 patches, stride 2, padding 1 -> OH = OW = 1, centred on pixel (0, 0).
        float[] x = {99, 1, 2, 3, 4};
        float[] col = new float[9];
        scalar.im2col(x, 1, 1, 2, 2, 3, 2, 1, 1, 1, col, 0, 1);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 3, 4}, col);
    }

    @ParameterizedTest(name = "c={0} h={1} w={2} k={3} stride={4} pad={5}")
    @CsvSource({"1,3,3,2,1,0", "3,8,8,4,2,1", "2,5,7,3,2,2", "4,7,7,7,1,0", "2,6,5,3,1,1", "1,1,1,4,1,3",
            "2,9,9,4,3,0"})
    void col2imIsTheAdjointOfIm2col(int c, int h, int w, int k, int stride, int pad) {
        checkAdjoint(scalar, c, h, w, k, stride, pad);
    }

    /** <col2im(u), v> == <u, im2col(v)> for random u (columns) and v (image), both in double. */
    static void checkAdjoint(Kernels kernels, int c, int h, int w, int k, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        int xOff = 3;
        float[] u = uniform(11, c * k * k * oh * ow);
        float[] v = uniform(12, xOff + c * h * w);
        float[] col = new float[u.length];
        kernels.im2col(v, xOff, c, h, w, k, stride, pad, oh, ow, col, 0, oh * ow);
        float[] folded = new float[v.length];
        kernels.col2im(u, 0, oh * ow, c, h, w, k, stride, pad, oh, ow, folded, xOff);
        double left = 0, right = 0, scale = 0;
        for (int i = xOff; i < v.length; i++) left += (double) folded[i] * v[i];
        for (int i = 0; i < u.length; i++) {
            right += (double) u[i] * col[i];
            scale += Math.abs((double) u[i] * col[i]);
        }
        assertEquals(right, left, 1e-5 * scale + 1e-12, kernels.name() + " adjointness");
        for (int i = 0; i < xOff; i++) assertEquals(0f, folded[i], "col2im wrote before the image");
    }
}
