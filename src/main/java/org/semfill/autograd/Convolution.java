package org.semfill.autograd;

import java.util.Arrays;
import org.semfill.autograd.FrozenWeights.Kind;
import org.semfill.internal.Check;
import org.semfill.kernels.Assign;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.Parallel;
import org.semfill.kernels.PreparedA;
import org.semfill.kernels.WinogradConvolution;
import org.semfill.kernels.Transpose;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * 2-D convolution and transposed convolution as im2col + GEMM, parallel over slices (or fixed groups) of the batch.
 * Shapes: x (N, C, H, W); conv weight (O, C, k, k) -> y (N, O, OH, OW), OH = (H + 2p - k) / s + 1.
 * Transposed conv weight (C, O, k, k) (PyTorch's layout) -> y (N, O, OH, OW), OH = (H - 1) s - 2p + k.
 *
 * <p>Per image, with col = im2col(x_n) (C k k, OH OW): conv forward y_n = W col; backward
 * dW += dy_n col^T and dx_n = col2im(W^T dy_n). A transposed conv is the same three products with the
 * roles of forward and input-gradient swapped (Dumoulin and Visin 2016, "A guide to convolution arithmetic").
 *
 * <p>A chunk of a slice's (or group's) images is laid side by side as the columns of one matrix (C k k, nb OH OW), so
 * each product is one wide GEMM instead of nb thin ones: the 4x4 and 7x7 feature maps of a DCGAN would
 * otherwise give GEMMs only 16 or 49 columns wide, and the weights would be packed again for every image.
 * Weight gradients are summed per group of images ({@link Parallel#forGroups}: a number of groups fixed by
 * the batch, not the threads), then the groups in order: the same bits on every thread count.
 *
 * <p>With {@code --conv winograd} ({@link ConvAlgorithm}) the forward and input-gradient products of the stride-2,
 * kernel-4 layers are {@link WinogradConvolution}'s instead (same result up to rounding, fewer multiplies): every such
 * layer of the frozen networks of a search, and in training the layers with enough tiles per image to pay for a plan
 * per call. The weight gradient stays direct. The input gradient of a convolution is the transposed convolution with the
 * same weight array, and the other way round, so one plan of each kind serves all four products.
 */
final class Convolution {
    private Convolution() {}

    static Tensor conv2d(Tensor x, Tensor w, int stride, int pad) {
        checkRank(x, w, "conv2d");
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(0), k = w.dim(2);
        Check.arg(w.dim(1) == c && w.dim(3) == k, "conv2d: input has " + c + " channels, weight is " + Arrays.toString(w.shape()));
        int oh = (h + 2 * pad - k) / stride + 1, ow = (wd + 2 * pad - k) / stride + 1;
        Check.arg(oh > 0 && ow > 0, "conv2d: kernel " + k + " larger than padded input " + h + "x" + wd);
        if (k == h && k == wd && pad == 0) return wholeImage(x, w);
        int ckk = c * k * k, ohw = oh * ow, chw = c * h * wd;
        int chunk = chunkImages(ckk, ohw);
        float[] xd = x.data();
        float[] out = Buffers.forOverwrite(n * o * ohw);
        if (winograd(w, false, c, o, h, wd, k, stride, pad)) {
            WinogradConvolution plan = convPlan(w, o, c, h, wd);
            Parallel.forSlices(n, (slice, from, to) -> plan.apply(xd, from, to, out, false));
        } else {
            PreparedA weights = FrozenWeights.prepareA(false, o, ckk, w); // packed once for every chunk
            Parallel.forSlices(n, (slice, from, to) -> {
                Kernels kk = KernelProvider.get();
                for (int c0 = from; c0 < to; c0 += chunk) {
                    int c1 = Math.min(to, c0 + chunk), cols = (c1 - c0) * ohw;
                    float[] col = Scratch.get(Scratch.BATCH_A, ckk * cols, false);
                    float[] y = Scratch.get(Scratch.BATCH_B, o * cols, false);
                    kk.gemmPatches(weights, xd, c0, c1, c, h, wd, k, stride, pad, oh, ow, col, y);
                    for (int i = c0; i < c1; i++) fromColumns(y, cols, (i - c0) * ohw, o, ohw, out, i * o * ohw, false);
                }
            });
        }
        Tensor r = Tensor.result(out, new int[] {n, o, oh, ow}, "conv2d", x, w);
        r.onBackward(() -> {
            float[] dy = r.grad();
            float[] dx = x.requiresGrad() ? x.grad() : null;
            float[][] dwParts = weightGradientParts(n, w);
            WinogradConvolution dxPlan = dx != null && winograd(w, true, o, c, oh, ow, k, stride, pad) ? transposedPlan(w, o, c, oh, ow) : null;
            PreparedA weightsT = dx == null || dxPlan != null ? null : FrozenWeights.prepareA(true, ckk, o, w);
            backwardOverBatch(n, w, (part, from, to) -> {
                Kernels kk = KernelProvider.get();
                float[] dw = dwParts[part]; // overwritten by the group's first chunk, accumulated by the others
                for (int c0 = from; c0 < to && (dw != null || weightsT != null); c0 += chunk) {
                    int c1 = Math.min(to, c0 + chunk), cols = (c1 - c0) * ohw;
                    float[] dyCols = Scratch.get(Scratch.BATCH_B, o * cols, false); // (O, chunk OH OW)
                    for (int i = c0; i < c1; i++) toColumns(dy, i * o * ohw, o, ohw, dyCols, cols, (i - c0) * ohw);
                    if (dw != null) { // unfolding again is cheaper than keeping the forward's copy: it stays in cache
                        float[] col = Scratch.get(Scratch.BATCH_A, ckk * cols, false);
                        unfold(xd, c0, c1, c, h, wd, k, stride, pad, oh, ow, col);
                        kk.gemm(Transpose.B, o, ckk, cols, dyCols, 0, col, 0, dw, 0, c0 > from ? Assign.ADD : Assign.SET);
                    }
                    if (weightsT != null) {
                        float[] dcol = Scratch.get(Scratch.BATCH_A, ckk * cols, false);
                        kk.gemm(weightsT, cols, dyCols, 0, dcol, 0);
                        for (int i = c0; i < c1; i++)
                            kk.col2im(dcol, (i - c0) * ohw, cols, c, h, wd, k, stride, pad, oh, ow, dx, i * chw);
                    }
                }
                if (dxPlan != null) dxPlan.apply(dy, from, to, dx, true);
            });
            addParts(dwParts, w);
        });
        return r;
    }

    static Tensor convTranspose2d(Tensor x, Tensor w, int stride, int pad) {
        checkRank(x, w, "convTranspose2d");
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(1), k = w.dim(2);
        Check.arg(w.dim(0) == c && w.dim(3) == k, "convTranspose2d: input has " + c + " channels, weight is " + Arrays.toString(w.shape()));
        int oh = (h - 1) * stride - 2 * pad + k, ow = (wd - 1) * stride - 2 * pad + k;
        Check.arg(oh > 0 && ow > 0, "convTranspose2d: output would be empty for input " + h + "x" + wd);
        if (h == 1 && wd == 1 && pad == 0) return fromPoint(x, w);
        int okk = o * k * k, hw = h * wd, ohw = oh * ow;
        int chunk = chunkImages(okk, hw);
        float[] xd = x.data();
        float[] out = Buffers.zeroed(n * o * ohw); // col2im adds into it
        if (winograd(w, true, c, o, h, wd, k, stride, pad)) {
            WinogradConvolution plan = transposedPlan(w, c, o, h, wd);
            Parallel.forSlices(n, (slice, from, to) -> plan.apply(xd, from, to, out, false));
        } else {
            PreparedA weightsT = FrozenWeights.prepareA(true, okk, c, w);
            Parallel.forSlices(n, (slice, from, to) -> {
                Kernels kk = KernelProvider.get();
                for (int c0 = from; c0 < to; c0 += chunk) {
                    int c1 = Math.min(to, c0 + chunk), cols = (c1 - c0) * hw;
                    float[] xCols = Scratch.get(Scratch.BATCH_B, c * cols, false); // (C, chunk H W)
                    for (int i = c0; i < c1; i++) toColumns(xd, i * c * hw, c, hw, xCols, cols, (i - c0) * hw);
                    float[] col = Scratch.get(Scratch.BATCH_A, okk * cols, false);
                    kk.gemm(weightsT, cols, xCols, 0, col, 0);
                    for (int i = c0; i < c1; i++)
                        kk.col2im(col, (i - c0) * hw, cols, o, oh, ow, k, stride, pad, h, wd, out, i * o * ohw);
                }
            });
        }
        Tensor r = Tensor.result(out, new int[] {n, o, oh, ow}, "convTranspose2d", x, w);
        r.onBackward(() -> {
            float[] dy = r.grad();
            float[] dx = x.requiresGrad() ? x.grad() : null;
            float[][] dwParts = weightGradientParts(n, w);
            WinogradConvolution dxPlan = dx != null && winograd(w, false, o, c, oh, ow, k, stride, pad) ? convPlan(w, c, o, oh, ow) : null;
            PreparedA weights = dx == null || dxPlan != null ? null : FrozenWeights.prepareA(false, c, okk, w);
            backwardOverBatch(n, w, (part, from, to) -> {
                Kernels kk = KernelProvider.get();
                float[] dw = dwParts[part]; // overwritten by the group's first chunk, accumulated by the others
                for (int c0 = from; c0 < to && (dw != null || weights != null); c0 += chunk) {
                    int c1 = Math.min(to, c0 + chunk), cols = (c1 - c0) * hw;
                    float[] dcol = Scratch.get(Scratch.BATCH_A, okk * cols, false); // (O k k, chunk H W)
                    unfold(dy, c0, c1, o, oh, ow, k, stride, pad, h, wd, dcol);
                    if (dw != null) {
                        float[] xCols = Scratch.get(Scratch.BATCH_B, c * cols, false);
                        for (int i = c0; i < c1; i++) toColumns(xd, i * c * hw, c, hw, xCols, cols, (i - c0) * hw);
                        kk.gemm(Transpose.B, c, okk, cols, xCols, 0, dcol, 0, dw, 0, c0 > from ? Assign.ADD : Assign.SET);
                    }
                    if (weights != null) {
                        float[] dxCols = Scratch.get(Scratch.BATCH_B, c * cols, false);
                        kk.gemm(weights, cols, dcol, 0, dxCols, 0);
                        for (int i = c0; i < c1; i++) fromColumns(dxCols, cols, (i - c0) * hw, c, hw, dx, i * c * hw, true);
                    }
                }
                if (dxPlan != null) dxPlan.apply(dy, from, to, dx, true);
            });
            addParts(dwParts, w);
        });
        return r;
    }

    /**
     * A convolution whose kernel covers the whole unpadded image (D's last layer: 4x4 or 7x7 to 1x1) is a
     * fully connected layer: y (N, O) = x (N, C k k) W^T, with no unfolding (which here would only transpose
     * x) and the batch as the GEMM's rows. Each product is split over the threads by gemmParallel.
     */
    private static Tensor wholeImage(Tensor x, Tensor w) {
        int n = x.dim(0), o = w.dim(0), ckk = x.numel() / n;
        float[] xd = x.data(), wdat = w.data();
        float[] out = Buffers.forOverwrite(n * o);
        Kernels kk = KernelProvider.get();
        kk.gemmParallel(Transpose.B, n, o, ckk, xd, 0, wdat, 0, out, 0, Assign.SET);
        Tensor r = Tensor.result(out, new int[] {n, o, 1, 1}, "conv2d", x, w);
        r.onBackward(() -> {
            float[] dy = r.grad();
            if (w.requiresGrad()) kk.gemmParallel(Transpose.A, o, ckk, n, dy, 0, xd, 0, w.grad(), 0, Assign.ADD);
            if (x.requiresGrad()) kk.gemmParallel(Transpose.NONE, n, ckk, o, dy, 0, wdat, 0, x.grad(), 0, Assign.ADD);
        });
        return r;
    }

    /**
     * A transposed convolution of a 1x1 input without padding (G's first layer: z to 4x4 or 7x7) spreads each
     * input value by its weights: y (N, O k k) = x (N, C) W, W read as (C, O k k). No col2im needed.
     */
    private static Tensor fromPoint(Tensor x, Tensor w) {
        int n = x.dim(0), c = x.dim(1), o = w.dim(1), k = w.dim(2), okk = o * k * k;
        float[] xd = x.data(), wdat = w.data();
        float[] out = Buffers.forOverwrite(n * okk);
        Kernels kk = KernelProvider.get();
        kk.gemmParallel(Transpose.NONE, n, okk, c, xd, 0, wdat, 0, out, 0, Assign.SET);
        Tensor r = Tensor.result(out, new int[] {n, o, k, k}, "convTranspose2d", x, w);
        r.onBackward(() -> {
            float[] dy = r.grad();
            if (w.requiresGrad()) kk.gemmParallel(Transpose.A, c, okk, n, xd, 0, dy, 0, w.grad(), 0, Assign.ADD);
            if (x.requiresGrad()) kk.gemmParallel(Transpose.B, n, c, okk, dy, 0, wdat, 0, x.grad(), 0, Assign.ADD);
        });
        return r;
    }

    /**
     * Whether this product goes the Winograd way: chosen with --conv winograd, a geometry the plans handle, and a plan
     * that pays: weights frozen inside a {@link FrozenWeights} scope (a search: the plan is made once and used for every
     * step), or, for weights that change every step (training), enough tiles per image that one call's GEMM savings
     * outweigh making the plan ({@link WinogradConvolution#paysForOneCall}).
     */
    private static boolean winograd(Tensor weight, boolean transposed, int in, int out, int h, int w, int k, int stride, int pad) {
        if (ConvAlgorithm.get() != ConvAlgorithm.winograd || k != 4 || stride != 2 || pad != 1
                || !WinogradConvolution.applies(transposed, in, out, h, w)) return false;
        return FrozenWeights.frozenForSearch(weight) || WinogradConvolution.paysForOneCall(transposed, h, w);
    }

    /** The Winograd plan of conv2d with weight w read as (o, c, 4, 4), on inputs (c, h, wd): made once per search when w is frozen. */
    private static WinogradConvolution convPlan(Tensor w, int o, int c, int h, int wd) {
        return FrozenWeights.cached(w, Kind.WINOGRAD_CONV, (long) h << 32 | wd, kk -> WinogradConvolution.conv(kk, w.data(), o, c, h, wd),
                (kk, plan) -> plan.refresh(w.data()));
    }

    /** The Winograd plan of convTranspose2d with weight w read as (c, o, 4, 4), on inputs (c, h, wd). */
    private static WinogradConvolution transposedPlan(Tensor w, int c, int o, int h, int wd) {
        return FrozenWeights.cached(w, Kind.WINOGRAD_TRANSPOSED, (long) h << 32 | wd, kk -> WinogradConvolution.transposed(kk, w.data(), c, o, h, wd),
                (kk, plan) -> plan.refresh(w.data()));
    }

    /**
     * How many images go side by side into one unfolded matrix of {@code rows} x {@code columnsPerImage} floats per
     * image: enough for wide GEMMs, few enough that the matrix (~512 KB) is still in L2 when the GEMM packs it.
     * Unfolding a whole 32-image slice at once would write several MB per layer that go out to memory and come back,
     * and im2col/col2im would cost as much as the GEMM; in chunks they stay in cache, and the forward keeps no copy for
     * the weight gradient (unfolding again is cheaper).
     *
     * <p>But never fewer than {@link #MIN_COLUMNS} columns: for the 4x4 and 8x8 maps of config a (4,096 and 2,048 rows)
     * the size rule alone gives chunks of 32 or 64 columns, so the forward streams all the weights (up to 8 MB) once
     * per two images, and the weight gradient's product, whose depth is the columns, loads and stores its whole output
     * every 32 steps. With 256 columns config a's train step ran 7 % faster (three interleaved rounds). The bits do
     * not change: every output of a GEMM is one fma chain over its depth in order ({@code MicroKernel}), so a weight
     * gradient summed in one wide chunk or in several narrow ones is the same chain.
     */
    static int chunkImages(int rows, int columnsPerImage) {
        int bySize = CHUNK_FLOATS / (rows * columnsPerImage);
        int byColumns = (MIN_COLUMNS + columnsPerImage - 1) / columnsPerImage;
        return Math.max(1, Math.max(bySize, byColumns));
    }

    private static final int CHUNK_FLOATS = Integer.getInteger("semfill.chunk", 1 << 17);
    /** The fewest columns of a chunk's matrix ({@link #chunkImages}). */
    private static final int MIN_COLUMNS = 256;

    /**
     * im2col of images [from, to) of src (N, C, H, W), side by side into col as one (C k k, (to - from) OH OW)
     * matrix whose columns (i - from) OH OW ... hold image i's patches. Modified: col.
     */
    private static void unfold(float[] src, int from, int to, int c, int h, int w, int k, int stride, int pad,
                               int oh, int ow, float[] col) {
        Kernels kk = KernelProvider.get();
        int ohw = oh * ow, cols = (to - from) * ohw;
        for (int i = from; i < to; i++) kk.im2col(src, i * c * h * w, c, h, w, k, stride, pad, oh, ow, col, (i - from) * ohw, cols);
    }

    /** Copies a (rows, cols) block at src[srcOff] into dst (row length ld) starting at column colOff. */
    private static void toColumns(float[] src, int srcOff, int rows, int cols, float[] dst, int ld, int colOff) {
        for (int r = 0; r < rows; r++) System.arraycopy(src, srcOff + r * cols, dst, r * ld + colOff, cols);
    }

    /** The inverse of {@link #toColumns}: writes (or adds, for gradients) the block into dst at dstOff. */
    private static void fromColumns(float[] src, int ld, int colOff, int rows, int cols, float[] dst, int dstOff, boolean add) {
        if (!add) {
            for (int r = 0; r < rows; r++) System.arraycopy(src, r * ld + colOff, dst, dstOff + r * cols, cols);
            return;
        }
        Kernels kk = KernelProvider.get();
        for (int r = 0; r < rows; r++) kk.axpy(cols, 1f, src, r * ld + colOff, dst, dstOff + r * cols);
    }

    /**
     * Runs a backward over the batch: in the fixed groups of {@link Parallel#forGroups} when w needs its gradient (a
     * sum over the batch), else in one slice per thread (each image's input gradient is its own: any split gives
     * the same bits, and wider slices give wider products).
     */
    private static void backwardOverBatch(int n, Tensor w, Parallel.Slice body) {
        if (w.requiresGrad()) Parallel.forGroups(n, body);
        else Parallel.forSlices(n, body);
    }

    /**
     * One weight-gradient array per group of {@link Parallel#forGroups} (none if w is frozen), at least w.numel()
     * long, overwritten by its group: a thread may run several groups, so a per-thread scratch buffer would not do.
     * Taken here on the caller from the caller's own {@link #PARTS}, which every convolution backward on this thread
     * reuses: the parts live only until {@link #addParts} has added them up, so no two ops need them at once (kept
     * until the step ended, as pool arrays, they would cost groups x the sum of all weights).
     */
    private static float[][] weightGradientParts(int n, Tensor w) {
        if (!w.requiresGrad()) return new float[Parallel.slices(n)][];
        float[][] parts = new float[Parallel.groups(n)][];
        float[][] cache = PARTS.get();
        if (cache.length < parts.length) {
            cache = Arrays.copyOf(cache, parts.length);
            PARTS.set(cache);
        }
        for (int s = 0; s < parts.length; s++) {
            if (cache[s] == null || cache[s].length < w.numel()) cache[s] = new float[w.numel()];
            parts[s] = cache[s];
        }
        return parts;
    }

    /** The weight-gradient parts of {@link #weightGradientParts}, per thread that runs a backward, grown as needed. */
    private static final ThreadLocal<float[][]> PARTS = ThreadLocal.withInitial(() -> new float[0][]);

    /**
     * Adds the per-group weight gradients into w.grad, every element summing the groups in group order (the same
     * bits on every thread count), with the elements split over the threads.
     */
    private static void addParts(float[][] parts, Tensor w) {
        if (!w.requiresGrad()) return;
        float[] g = w.grad();
        Parallel.forSlices(g.length, (slice, from, to) -> {
            // block by block, so a block of g stays in L1 while every part is added to it: g is read and written
            // once instead of once per part (config a: 8 parts of up to 8.4 MB); the order of the additions is unchanged
            for (int b = from; b < to; b += ADD_BLOCK) {
                int e = Math.min(to, b + ADD_BLOCK);
                for (float[] p : parts) {
                    for (int i = b; i < e; i++) g[i] += p[i];
                }
            }
        });
    }

    /** Floats of g per block of {@link #addParts}: 16 KB, half of the smallest L1 data cache in use. */
    private static final int ADD_BLOCK = 4096;

    private static void checkRank(Tensor x, Tensor w, String op) {
        Check.arg(x.rank() == 4, op + " needs input (N, C, H, W), got " + Arrays.toString(x.shape()));
        Check.arg(w.rank() == 4, op + " needs a 4-D weight, got " + Arrays.toString(w.shape()));
    }
}
