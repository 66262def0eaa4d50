package org.semfill.kernels;

/**
 * The arithmetic under the whole engine: one SGEMM with its transpose variants, im2col/col2im, and the
 * streaming kernels of activations, batch norm and Adam. Two implementations: {@link ScalarKernels}
 * (plain Java, the readable reference) and {@code simd.VectorKernels} (the Java Vector API), picked once by
 * {@link KernelProvider}.
 *
 * <p>Conventions (as in llm.c / EJML): plain {@code float[]} arrays with explicit dimensions, inputs first and
 * the output last, row-major matrices, an offset for each array so a kernel can work on one image of a batch.
 * Unless a method says it accumulates, the output is overwritten. Arrays are not checked for aliasing here:
 * callers (the ops) never pass the same array as input and output unless a method allows it.
 *
 * <p><b>The same bits everywhere.</b> Every result is defined by an order of float operations that depends on
 * neither the thread count nor the vector width nor the JDK, and both implementations follow it: a GEMM entry is
 * one chain of fused multiply-adds along K in order, starting from C (or 0); an elementwise kernel computes every
 * element, vector body and scalar tail alike, with the same formula; a plane sum runs on {@link #SUM_LANES} lanes
 * (emulated in plain Java, 1, 2 or 4 vectors of hardware); tanh and sigmoid are {@link FloatMath}'s, made of
 * exact operations (no library exp whose last bit may differ between JDKs or between interpreter and JIT).
 *
 * <p>Dimension legend: M, N, K matrix sizes; C channels; H, W input height/width; OH, OW output
 * height/width; KH = KW = k kernel size; n element count.
 */
public interface Kernels {

    /**
     * The lanes of a plane sum, whatever the hardware: lane j adds the elements at offsets i + j of each plane
     * (i = 0, 16, 32, ... below the plane's largest multiple of 16), image after image, in float; the rest of
     * each plane (its tail) adds in double; at the end the 16 lanes are added in lane order in double, then
     * the tail. 16 is the widest float vector of x86 (AVX-512); narrower machines use two or four vectors.
     */
    int SUM_LANES = 16;

    /** Short name printed by {@code semfill info}: "scalar" or "vector". */
    String name();

    /** A one-line description of the SIMD width in use, e.g. "FloatVector 512-bit (16 lanes)". */
    String describe();

    /**
     * C = op(A) op(B), or C += op(A) op(B) with {@link Assign#ADD}. C is M x N. op(A) is M x K: A is stored M x K,
     * or K x M when {@code t} transposes it. op(B) is K x N: B is stored K x N, or N x K when {@code t} transposes
     * it. All contiguous row-major starting at the given offsets. Modified: c.
     */
    void gemm(Transpose t, int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, Assign assign);

    /**
     * The same product as {@link #gemm}, for one large GEMM that is worth splitting over the threads of
     * {@link Parallel}: the result is identical to {@link #gemm}'s for every thread count. Do not call it
     * from inside a {@link Parallel#forSlices} body (the pool would wait on itself). Default: {@link #gemm}
     * on the calling thread. Modified: c.
     */
    default void gemmParallel(Transpose t, int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                              Assign assign) {
        gemm(t, m, n, k, a, aOff, b, bOff, c, cOff, assign);
    }

    /** op(A) made ready for several {@link #gemm(PreparedA, int, float[], int, float[], int)} calls. */
    default PreparedA prepareA(boolean transA, int m, int k, float[] a, int aOff) {
        return new PreparedA(transA, m, k, a, aOff, null);
    }

    /**
     * a again after its values changed in place (weights after an optimiser step): packed into a's own arrays, so a
     * training step allocates nothing for it. The kernels that keep no packed copy have nothing to do.
     */
    default PreparedA repack(PreparedA a) {
        return a;
    }

    /**
     * C = op(A) B with a prepared op(A) (M x K), B stored K x N: the same bits as {@link #gemm} on A itself.
     * Modified: c (overwritten).
     */
    default void gemm(PreparedA a, int n, float[] b, int bOff, float[] c, int cOff) {
        gemm(Transpose.of(a.trans(), false), a.rows(), n, a.depth(), a.data(), a.offset(), b, bOff, c, cOff, Assign.SET);
    }

    /**
     * C (M x N, overwritten) = op(A) times the patch matrix of images [from, to) of x (C, H, W each): the
     * (C k k) x ((to - from) OH OW) matrix of {@link #im2col}, images side by side, N = (to - from) OH OW. This is
     * a convolution's forward product. By default the patches are unfolded into {@code scratch} (at least
     * C k k N floats) and multiplied; the vector kernels pack the GEMM's panels straight from the image where
     * they can, never writing the patch matrix. Modified: c, scratch.
     */
    default void gemmPatches(PreparedA a, float[] x, int from, int to, int c, int h, int w, int k, int stride, int pad,
                             int oh, int ow, float[] scratch, float[] out) {
        int ohw = oh * ow, cols = (to - from) * ohw;
        for (int i = from; i < to; i++) im2col(x, i * c * h * w, c, h, w, k, stride, pad, oh, ow, scratch, (i - from) * ohw, cols);
        gemm(a, cols, scratch, 0, out, 0);
    }

    /**
     * Unfolds the patches of one image x (C, H, W) at xOff into a (C*k*k, OH*OW) block of col whose row r
     * starts at col[colOff + r*ld] (ld >= OH*OW, so several images can sit side by side in one matrix):
     * row (c, ky, kx), column (oy, ox) holds x[c, oy*stride - pad + ky, ox*stride - pad + kx], or 0
     * outside the image. Modified: the block of col (fully overwritten).
     */
    void im2col(float[] x, int xOff, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                float[] col, int colOff, int ld);

    /**
     * The adjoint of {@link #im2col}: adds every entry of the (C*k*k, OH*OW) block of col at colOff (row
     * length ld) back onto its source pixel of x (C, H, W) at xOff. Accumulates into x.
     */
    void col2im(float[] col, int colOff, int ld, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                float[] x, int xOff);

    /** y[i] = fma(alpha, x[i], y[i]) for i < n. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** out[i] = a[i] + b[i]. */
    void add(int n, float[] a, float[] b, float[] out);

    /** out[i] = a[i] * b[i]. */
    void mul(int n, float[] a, float[] b, float[] out);

    /** out[i] = alpha * a[i]. May alias. */
    void scale(int n, float alpha, float[] a, float[] out);

    /** Sum of x[off .. off+n), accumulated in double for accuracy, in index order (one chain). */
    double sum(float[] x, int off, int n);

    // Batch norm works on images [from, to) of a (N, C, H, W) tensor, in memory order (image after image,
    // channel after channel) so the caches stream; per-channel results are indexed by channel.

    /** sums[ch] += the sum of channel ch over images [from, to), on {@link #SUM_LANES} lanes. */
    void channelSums(float[] x, int from, int to, int c, int hw, double[] sums);

    /**
     * sums[ch] += the sum of (x - mean[ch])^2 over channel ch of images [from, to), on {@link #SUM_LANES} lanes
     * (each lane: d = x - mean in float, lane = fma(d, d, lane)).
     */
    void channelSquaredDeviations(float[] x, int from, int to, int c, int hw, float[] mean, double[] sums);

    /**
     * sumDy[ch] += the sum of g, and sumDyX[ch] += the sum of g * x, over channel ch of images [from, to), on
     * {@link #SUM_LANES} lanes (lane = fma(g, x, lane) for the second), where g is dy passed back through a leaky ReLU of the given slope that produced y:
     * g = y > 0 ? dy : slope * dy (slope 1: g = dy, and y is not read).
     */
    void channelSumsAndDots(float[] dy, float[] y, float slope, float[] x, int from, int to, int c, int hw,
                            double[] sumDy, double[] sumDyX);

    /** out = x where x > 0, else slope * x (ReLU when slope = 0). */
    void leakyRelu(int n, float slope, float[] x, float[] out);

    /** dx += dy where x > 0, else slope * dy. */
    void leakyReluBackward(int n, float slope, float[] x, float[] dy, float[] dx);

    /** dx += dy * signum(x): the gradient of |x| (0 at x = 0, NaN where x is NaN). */
    void absBackward(int n, float[] x, float[] dy, float[] dx);

    /** out = tanh(x), as {@link FloatMath#tanh}. */
    void tanh(int n, float[] x, float[] out);

    /** dx += dy * (1 - y^2), y = tanh(x). */
    void tanhBackward(int n, float[] y, float[] dy, float[] dx);

    /** out = 1 / (1 + exp(-x)), as {@link FloatMath#sigmoid}. */
    void sigmoid(int n, float[] x, float[] out);

    /** dx += dy * y * (1 - y), y = sigmoid(x). */
    void sigmoidBackward(int n, float[] y, float[] dy, float[] dx);

    /**
     * Batch norm of images [from, to), then a leaky ReLU of the given slope (slope 1: none, bit for bit):
     * z = (x - mean[ch]) * (invStd[ch] * gamma[ch]) + beta[ch]; out = z > 0 ? z : slope * z.
     */
    void normalize(float[] x, int from, int to, int c, int hw, float[] mean, float[] invStd, float[] gamma,
                   float[] beta, float slope, float[] out);

    /**
     * Batch-norm backward of images [from, to), given per-channel sums already reduced over the batch:
     * dx += gamma invStd (g - meanDy - xhat meanDyXhat), xhat = (x - mean) invStd, all per channel, with g as in
     * {@link #channelSumsAndDots} (dy through the leaky ReLU that produced y).
     */
    void normalizeBackward(float[] x, float[] dy, float[] y, float slope, int from, int to, int c, int hw,
                           float[] mean, float[] invStd, float[] gamma, float[] meanDy, float[] meanDyXhat, float[] dx);

    /**
     * One Adam step (Kingma and Ba 2015) on n parameters: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * p -= lr * (m / bc1) / (sqrt(v / bc2) + eps), with bc1 = 1 - b1^t, bc2 = 1 - b2^t. Modified: p, m, v.
     */
    void adam(int n, float[] p, float[] g, float[] m, float[] v, float lr, float b1, float b2, float eps,
              float bc1, float bc2);

    /**
     * The loop of {@code bench --peak}: {@code rounds} rounds of independent fused multiply-adds on accumulators that
     * stay in registers (no memory traffic), enough independent chains to hide the FMA latency on every FMA pipe.
     * Does {@link #fmaFlopsPerRound()} floating-point operations per round (an FMA counts two). Returns a value that
     * depends on every accumulator, so the JIT cannot drop the loop. The reference uses scalar {@link Math#fma}
     * (one float per instruction); the vector kernels use whole vectors of the preferred width.
     */
    default float fmaLoop(long rounds) {
        float a0 = 0f, a1 = 0.1f, a2 = 0.2f, a3 = 0.3f, a4 = 0.4f, a5 = 0.5f, a6 = 0.6f, a7 = 0.7f;
        float a8 = 0.8f, a9 = 0.9f, a10 = 1.0f, a11 = 1.1f;
        final float x = 0.999f, y = 0.001f; // a -> a x + y converges to 1: no overflow, no subnormals
        for (long r = 0; r < rounds; r++) {
            a0 = Math.fma(a0, x, y); a1 = Math.fma(a1, x, y); a2 = Math.fma(a2, x, y); a3 = Math.fma(a3, x, y);
            a4 = Math.fma(a4, x, y); a5 = Math.fma(a5, x, y); a6 = Math.fma(a6, x, y); a7 = Math.fma(a7, x, y);
            a8 = Math.fma(a8, x, y); a9 = Math.fma(a9, x, y); a10 = Math.fma(a10, x, y); a11 = Math.fma(a11, x, y);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    /** Floating-point operations per round of {@link #fmaLoop}: 2 per FMA lane. */
    default long fmaFlopsPerRound() {
        return 2L * 12;
    }

    /**
     * The small two-sided transform of Winograd convolution ({@link WinogradConvolution}) on n tiles at once, one tile
     * per lane t: out[a][b] = sum over i, j of left[a][i] in[i][j] right[j][b], where left is rowsOut x rowsIn and
     * right colsIn x colsOut (row-major), tile entry in[i][j] of lane t is in[inOff + i inRowStride + j inStride + t] and
     * out[a][b] goes to out[outOff + (a colsOut + b) outStride + t]. First tmp = in right, then out = left tmp, each
     * entry one chain: the first term's product, then a fused multiply-add of every other term in index order (zero
     * coefficients included). So a lane's bits depend on neither n nor the kernels: the vector override gives the
     * same bits. Modified: out.
     */
    default void tileTransform(int rowsOut, int rowsIn, float[] left, int colsIn, int colsOut, float[] right,
                               float[] in, int inOff, int inRowStride, int inStride, float[] out, int outOff, int outStride, int n) {
        float[] tmp = new float[rowsIn * colsOut];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < rowsIn; i++) {
                int row = inOff + i * inRowStride + t;
                for (int b = 0; b < colsOut; b++) {
                    float acc = in[row] * right[b];
                    for (int j = 1; j < colsIn; j++) acc = Math.fma(in[row + j * inStride], right[j * colsOut + b], acc);
                    tmp[i * colsOut + b] = acc;
                }
            }
            for (int a = 0; a < rowsOut; a++) {
                for (int b = 0; b < colsOut; b++) {
                    float acc = tmp[b] * left[a * rowsIn];
                    for (int i = 1; i < rowsIn; i++) acc = Math.fma(tmp[i * colsOut + b], left[a * rowsIn + i], acc);
                    out[outOff + (a * colsOut + b) * outStride + t] = acc;
                }
            }
        }
    }

    /**
     * Gathers n values: dst[dstOff + t] = zero[off + t] ? 0 : src[base + index[off + t]] (Winograd's tile windows,
     * {@link WinogradConvolution}). Every base + index must be inside src, zeroed lanes included. Modified: dst.
     */
    default void gatherLanes(float[] src, int base, int[] index, boolean[] zero, int off, float[] dst, int dstOff, int n) {
        for (int t = 0; t < n; t++) dst[dstOff + t] = zero[off + t] ? 0f : src[base + index[off + t]];
    }

    /**
     * Scatters n values: dst[base + index[off + t]] = src[srcOff + t], or += when accumulate. The n targets must be
     * distinct. Modified: dst.
     */
    default void scatterLanes(float[] src, int srcOff, float[] dst, int base, int[] index, int off, int n, boolean accumulate) {
        if (accumulate) {
            for (int t = 0; t < n; t++) dst[base + index[off + t]] += src[srcOff + t];
        } else {
            for (int t = 0; t < n; t++) dst[base + index[off + t]] = src[srcOff + t];
        }
    }
}
