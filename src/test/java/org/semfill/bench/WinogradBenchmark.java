package org.semfill.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.semfill.internal.Rng;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.Parallel;
import org.semfill.kernels.PreparedA;
import org.semfill.kernels.WinogradConvolution;

/**
 * The DCGAN's stride-2, kernel-4, pad-1 layers with frozen weights on a batch of 64: the direct path of
 * {@code autograd.Convolution} (im2col GEMM with packed weights; transposed: GEMM then col2im) against
 * {@link WinogradConvolution}, on the vector kernels, split over the images with {@link Parallel#forSlices}
 * on {@code threads} threads. Milliseconds per batch. Shapes "c:C:O:H" (conv2d of C channels H x H to O) and
 * "t:C:O:H" (convTranspose2d of C channels H x H to O): config a's and config b's layers.
 * Run with the command in docs/performance.md and {@code -Djmh.include=WinogradBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WinogradBenchmark {
    @Param({"c:64:128:32", "c:128:256:16", "c:256:512:8", "t:512:256:4", "t:256:128:8", "t:128:64:16",
            "c:32:64:16", "c:64:128:8", "t:128:64:4", "t:64:32:8", "t:64:3:32", "c:3:64:64"})
    public String shape;

    @Param({"direct", "winograd"})
    public String path;

    @Param({"1", "2"})
    public int threads;

    private static final int BATCH = 64;
    /** Convolution.chunkImages's size target: the unfolded matrix of a chunk, about 512 KB (its 256-column floor is left out here). */
    private static final int CHUNK_FLOATS = 1 << 17;

    private Kernels kk;
    private boolean transposed;
    private int c, o, h, oh;
    private float[] x, out;
    private PreparedA weights;
    private WinogradConvolution plan;
    private int previousThreads;

    @Setup
    public void setUp() {
        kk = KernelProvider.loadVector();
        String[] p = shape.split(":");
        transposed = p[0].equals("t");
        c = Integer.parseInt(p[1]);
        o = Integer.parseInt(p[2]);
        h = Integer.parseInt(p[3]);
        oh = transposed ? 2 * h : h / 2;
        Rng rng = new Rng(42);
        x = new float[BATCH * c * h * h];
        float[] w = new float[c * o * 16];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        for (int i = 0; i < w.length; i++) w[i] = (float) (0.02 * rng.nextGaussian());
        out = new float[BATCH * o * oh * oh];
        if (path.equals("winograd")) {
            plan = transposed ? WinogradConvolution.transposed(kk, w, c, o, h, h) : WinogradConvolution.conv(kk, w, o, c, h, h);
        } else {
            weights = transposed ? kk.prepareA(true, o * 16, c, w, 0) : kk.prepareA(false, o, c * 16, w, 0);
        }
        previousThreads = Parallel.threads();
        Parallel.setThreads(threads);
    }

    @TearDown
    public void tearDown() {
        Parallel.setThreads(previousThreads);
    }

    @Benchmark
    public float[] layer() {
        if (plan != null) Parallel.forSlices(BATCH, (s, from, to) -> plan.apply(x, from, to, out, false));
        else if (transposed) Parallel.forSlices(BATCH, this::directTransposed);
        else Parallel.forSlices(BATCH, this::directConv);
        return out;
    }

    /** Per-thread buffers reused across calls, as Convolution's Scratch (allocating a few MB per call skews times). */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private static float[] scratch(int which, int size) {
        float[][] s = SCRATCH.get();
        if (s[which].length < size) s[which] = new float[size];
        return s[which];
    }

    /** Convolution.conv2d's forward for images [from, to). */
    private void directConv(int slice, int from, int to) {
        int ckk = c * 16, ohw = oh * oh, chunk = Math.max(1, CHUNK_FLOATS / (ckk * ohw));
        float[] col = scratch(0, ckk * chunk * ohw), y = scratch(1, o * chunk * ohw);
        for (int c0 = from; c0 < to; c0 += chunk) {
            int c1 = Math.min(to, c0 + chunk), cols = (c1 - c0) * ohw;
            kk.gemmPatches(weights, x, c0, c1, c, h, h, 4, 2, 1, oh, oh, col, y);
            for (int i = c0; i < c1; i++) {
                for (int r = 0; r < o; r++) System.arraycopy(y, r * cols + (i - c0) * ohw, out, (i * o + r) * ohw, ohw);
            }
        }
    }

    /** Convolution.convTranspose2d's forward for images [from, to). */
    private void directTransposed(int slice, int from, int to) {
        int okk = o * 16, hw = h * h, ohw = oh * oh, chunk = Math.max(1, CHUNK_FLOATS / (okk * hw));
        float[] xCols = scratch(1, c * chunk * hw), col = scratch(0, okk * chunk * hw);
        Arrays.fill(out, from * o * ohw, to * o * ohw, 0f);
        for (int c0 = from; c0 < to; c0 += chunk) {
            int c1 = Math.min(to, c0 + chunk), cols = (c1 - c0) * hw;
            for (int i = c0; i < c1; i++) {
                for (int r = 0; r < c; r++) System.arraycopy(x, (i * c + r) * hw, xCols, r * cols + (i - c0) * hw, hw);
            }
            kk.gemm(weights, cols, xCols, 0, col, 0);
            for (int i = c0; i < c1; i++) kk.col2im(col, (i - c0) * hw, cols, o, oh, oh, 4, 2, 1, h, h, out, i * o * ohw);
        }
    }
}
