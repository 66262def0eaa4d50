package org.semfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.semfill.kernels.KernelTestData.SIZES;
import static org.semfill.kernels.KernelTestData.uniform;
import static org.semfill.kernels.KernelTestData.vectorOrSkip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked Vector API SGEMM against the double-precision definition (with the rounding bound of
 * {@link ScalarKernelsTest#ROUNDING_PER_STEP}) and against the scalar reference, for every transpose
 * variant, with and without accumulation, at offsets, over shapes that exercise partial tiles, the
 * skinny (transposed) path and several K blocks; and gemmParallel against gemm, bit for bit.
 */
class VectorGemmTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"1,1,1", "1,1000,1", "1000,1,65", "1,1,1000", "7,17,63", "63,65,17", "65,64,1000", "48,48,192",
            "49,47,193", "200,9,385", "17,7,1", "128,1024,256", "5,3000,20", "3,0,5", "0,4,5", "4,5,0",
            "100,16,70", "9,32,300", "24,16,5", "7,16,3", "1030,16,200", "40,32,1"})
    void namedShapesMatchTheDefinition(int m, int n, int k) {
        Kernels vector = vectorOrSkip();
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    ScalarKernelsTest.checkGemm(vector, transA, transB, m, n, k, accumulate, 97L * m + 13L * n + k);
                }
            }
        }
    }

    @Test
    void everyCombinationOfTheTestSizesMatchesTheDefinition() {
        Kernels vector = vectorOrSkip();
        int[] sizes = {1, 7, 17, 63, 64, 65};
        long seed = 0;
        for (int m : sizes) {
            for (int n : sizes) {
                for (int k : sizes) {
                    boolean transA = (seed & 1) != 0;
                    boolean transB = (seed & 2) != 0;
                    ScalarKernelsTest.checkGemm(vector, transA, transB, m, n, k, (seed & 4) != 0, seed++);
                }
            }
        }
    }

    @Test
    void largeSizeMatchesTheDefinitionAlongEachDimension() {
        Kernels vector = vectorOrSkip();
        int big = SIZES[SIZES.length - 1];
        ScalarKernelsTest.checkGemm(vector, false, false, big, 33, 40, true, 1);
        ScalarKernelsTest.checkGemm(vector, true, true, 40, big, 33, false, 2);
        ScalarKernelsTest.checkGemm(vector, false, true, 33, 40, big, true, 3);
    }

    @Test
    void reusedBuffersDoNotLeakBetweenCalls() {
        // A large call fills the per-thread packing buffers; a smaller one afterwards must not read stale data.
        Kernels vector = vectorOrSkip();
        ScalarKernelsTest.checkGemm(vector, false, false, 300, 400, 500, false, 5);
        ScalarKernelsTest.checkGemm(vector, true, false, 9, 50, 7, false, 6);
        ScalarKernelsTest.checkGemm(vector, false, true, 9, 5, 3, true, 7);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"1,1,1", "64,64,64", "65,1000,17", "1000,65,17", "128,1024,256", "300,7,50", "7,300,50", "100,16,30",
            "20,1000,3"})
    void gemmParallelEqualsGemmBitForBitWithOneAndTwoThreads(int m, int n, int k) {
        Kernels vector = vectorOrSkip();
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    float[] a = uniform(1, m * k + 1);
                    float[] b = uniform(2, k * n + 2);
                    float[] serial = uniform(3, m * n + 3);
                    float[] parallel = serial.clone();
                    vector.gemm(Transpose.of(transA, transB), m, n, k, a, 1, b, 2, serial, 3, Assign.ADD);
                    vector.gemmParallel(Transpose.of(transA, transB), m, n, k, a, 1, b, 2, parallel, 3, Assign.ADD);
                    assertArrayEquals(serial, parallel,
                            "threads=" + threads + " transA=" + transA + " transB=" + transB);
                }
            }
        }
    }

    @Test
    void notANumberPropagatesEvenThroughZeros() {
        // 0 * NaN is NaN: a NaN weight must show up even where the activation is zero (no zero-skipping).
        for (Kernels kernels : new Kernels[] {new ScalarKernels(), vectorOrSkip()}) {
            for (int n : new int[] {1, 16, 50}) {
                float[] a = new float[3 * 20]; // all zeros
                float[] b = uniform(4, 20 * n);
                b[5 * n + n - 1] = Float.NaN; // op(B)[5, n-1]
                float[] c = new float[3 * n];
                kernels.gemm(Transpose.NONE, 3, n, 20, a, 0, b, 0, c, 0, Assign.SET);
                for (int i = 0; i < 3; i++) {
                    assertTrue(Float.isNaN(c[i * n + n - 1]),
                            kernels.name() + " n=" + n + " row " + i);
                    if (n > 1) assertEquals(0f, c[i * n], kernels.name());
                }
            }
        }
    }

    @Test
    void scalarGemmParallelDefaultEqualsGemm() {
        Kernels scalar = new ScalarKernels();
        Parallel.setThreads(2);
        float[] a = uniform(1, 20 * 30);
        float[] b = uniform(2, 30 * 40);
        float[] serial = new float[20 * 40];
        float[] parallel = new float[20 * 40];
        scalar.gemm(Transpose.B, 20, 40, 30, a, 0, b, 0, serial, 0, Assign.SET);
        scalar.gemmParallel(Transpose.B, 20, 40, 30, a, 0, b, 0, parallel, 0, Assign.SET);
        assertArrayEquals(serial, parallel);
    }

    /** A prepared (packed once) op(A) gives gemm's bits, on the packed path and on every shape gemm packs nothing for. */
    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"64,512,1024", "128,128,1024", "33,100,400", "200,49,70", "8,48,192", "50,16,30", "50,32,30",
            "3,5,7", "1,40,9", "40,1,9", "7,0,3"})
    void preparedAGivesTheSameBits(int m, int n, int k) {
        Kernels vector = vectorOrSkip();
        for (Transpose t : new Transpose[] {Transpose.NONE, Transpose.A}) {
            float[] a = uniform(1, m * k + 3), b = uniform(2, k * n + 5);
            float[] expected = uniform(3, m * n + 4), actual = expected.clone();
            vector.gemm(t, m, n, k, a, 3, b, 5, expected, 4, Assign.SET);
            PreparedA prepared = vector.prepareA(t.a(), m, k, a, 3);
            vector.gemm(prepared, n, b, 5, new float[m * n + 4], 4); // used once already
            vector.gemm(prepared, n, b, 5, actual, 4);
            assertArrayEquals(expected, actual, "transpose " + t);
        }
    }

    /**
     * A convolution's forward product with the GEMM panels packed straight from the images equals unfolding
     * then multiplying, bit for bit: where the panel path applies (4x4, 8x8 and 16x16 outputs) and where it
     * does not (7x7 outputs, one or two images of 4x4, which gemm computes without panels).
     */
    @ParameterizedTest(name = "images={0} c={1} h={2} o={3}")
    @CsvSource({"3,4,8,20", "5,3,32,8", "2,6,16,16", "1,4,8,9", "2,4,8,9", "3,2,14,8", "4,5,8,33"})
    void patchProductsMatchUnfoldThenMultiply(int images, int c, int h, int o) {
        Kernels vector = vectorOrSkip();
        int k = 4, stride = 2, pad = 1, oh = h / 2, ohw = oh * oh, ckk = c * k * k, cols = images * ohw, from = 1;
        float[] x = uniform(11, (from + images + 1) * c * h * h), w = uniform(12, o * ckk);
        PreparedA weights = vector.prepareA(false, o, ckk, w, 0);
        float[] col = new float[ckk * cols], expected = new float[o * cols];
        for (int i = 0; i < images; i++) vector.im2col(x, (from + i) * c * h * h, c, h, h, k, stride, pad, oh, oh, col, i * ohw, cols);
        vector.gemm(weights, cols, col, 0, expected, 0);
        float[] actual = uniform(13, o * cols); // overwritten
        vector.gemmPatches(weights, x, from, from + images, c, h, h, k, stride, pad, oh, oh, new float[ckk * cols], actual);
        assertArrayEquals(expected, actual);
    }
}
