package org.semfill.kernels;

/**
 * The DCGAN's convolution and transposed convolution with stride 2, kernel 4 and padding 1, computed with Winograd's
 * minimal filtering algorithms (Lavin and Gray 2016, "Fast Algorithms for Convolutional Neural Networks"), for frozen
 * weights: 2.56x fewer multiplications than the direct im2col GEMM (25 for every 64, with tiles m = 4; 1.78x, 9 for
 * every 16, with m = 2), as docs/performance.md derives.
 *
 * <p><b>Polyphase.</b> Winograd's algorithms are for stride 1, so the stride is taken out first. Conv2d: split the
 * input x into its four phase planes X_p[c][i][j] = x[c][2i + py][2j + px], p = (py, px). Each phase meets only the
 * taps (ky, kx) of matching parity, a 2x2 sub-kernel w_p, so the 4x4 stride-2 conv is the sum over the four phases
 * of stride-1 2x2 correlations (phase py = 1 starts one row up: X_1[a - 1] = x[2a - 1]). Transposed conv2d: each
 * output phase Y_q[o][a][b] = y[o][2a + qy][2b + qx] is a stride-1 2x2 correlation of x itself with the taps that
 * reach it (phase q = 0 starts one row up).
 *
 * <p><b>Winograd F(m x m, 2 x 2).</b> A stride-1 2x2 correlation of an (m + 1) x (m + 1) input tile d gives an
 * m x m output tile Y = A^T [(G g G^T) .* (B^T d B)] A ({@link WinogradMatrices}). Over a whole layer, the
 * (m + 1)^2 elementwise products become (m + 1)^2 independent GEMMs, one per transformed position:
 * M_pos (O x T) = U_pos (O x K) V_pos (K x T), T tiles, K the input rows. The conv stacks its four phase planes
 * into K = 4C, so the sum over phases happens inside the GEMM; the transposed conv runs its four output phases as
 * four groups of K = C (each phase shifts the input differently, so each has its own V). The weights U are
 * transformed and packed once, in the constructor; each call transforms only the inputs and outputs.
 *
 * <p><b>Order of work.</b> The tiles of a call's images are numbered in order and taken in blocks of about 48-256
 * tiles (whole images when an image has fewer tiles than that; then the block's input and output are staged
 * channel-major). Per block: for each input row, gather every tile's window into a tile-major buffer D[i][j][t]
 * ({@link Kernels#gatherLanes}) and transform it into V ({@link Kernels#tileTransform}, vectorised over the tiles
 * t); run the (m + 1)^2 GEMMs per group; transform M back per output channel and scatter the tiles. Every tile's
 * arithmetic is independent of the others in its block (each GEMM column is its own dot products, never a GEMV:
 * blocks are padded to whole vectors of 16 tiles; the transforms work lane by lane), so an image's result has the
 * same bits whichever images it is computed with, and for any thread count.
 *
 * <p>Immutable after construction; {@link #apply} may run on several threads at once (per-thread scratch).
 *
 * <p>Dimension legend: C input channels, O output channels, H x W input size (inH, inW), m tile size (tile), n = m + 1
 * tile input size (tileIn), K GEMM depth, T tiles in a block.
 */
public final class WinogradConvolution {
    /**
     * Smallest input and output channel count worth it: the transforms cost ~1/O and ~1/C of the GEMM's work. Batch
     * 64, vector kernels, 2 threads: C = 32 -> O = 64 ran 1.5x faster, 64 -> 32 1.2x, 16 -> 32 1.1x, 32 -> 16 0.9x,
     * 8 -> 16 0.8x.
     */
    static final int MIN_CHANNELS = 32;
    /**
     * Floats of V and M together per block (the GEMMs' working set, 4 MB): more than L2, but blocks a quarter of this
     * size measured no faster (within noise), and the GEMMs need wide blocks ({@link #MIN_BLOCK}).
     */
    private static final int BLOCK_FLOATS = 1 << 20;
    /** Tiles per block, at least: the GEMMs run at half speed with N = 16 columns, and near full speed from 48. */
    private static final int MIN_BLOCK = 48;
    /** Tiles per image, at least, for a plan made for one call ({@link #paysForOneCall}). */
    static final int MIN_TILES_PER_CALL = 4;
    /** Tiles per block, at most. */
    private static final int MAX_BLOCK = 256;
    /** Floats in a cache line. */
    private static final int LINE = 16;
    /** A block computes its tiles padded to a multiple of this: whole vectors in the transforms, never a GEMV. */
    private static final int TILE_ALIGN = 16;

    private final Kernels kernels;
    private final boolean transposed;
    private final int inC, outC, inH, inW, tile, tileIn;
    /** Output size per image. */
    private final int outH, outW;
    /** The plane the tiles cover (conv: a phase plane, OH x OW; transposed: one output phase, H x W). */
    private final int planeH, planeW, tilesY, tilesX;
    /** Side of the gathered input windows: conv n (one per phase), transposed n + 1 (shared by the 4 groups). */
    private final int span;
    /** GEMM depth: 4C for the conv, C for each transposed group. */
    private final int depth;
    /** Whether blocks are whole images, whose input and output are staged channel-major ({@link #stageInput}). */
    private final boolean stage;
    /** Tiles per block. */
    private final int block;
    /** A^T (m x n), A (n x m), B^T (n x n), B (n x n), as floats for tileTransform. */
    private final float[] outputLeft, outputRight, inputLeft, inputRight;
    /** Per group (conv: 1, transposed: the 4 output phases): the (m + 1)^2 transformed weights U_pos, prepared. */
    private final PreparedA[][] weightsU;
    /** G (n x 2), the weights' transform. */
    private final double[][] weightMatrix;

    private WinogradConvolution(Kernels kernels, boolean transposed, float[] weight, int inC, int outC, int inH, int inW,
                              int blockTiles, int tileAsked) {
        if (!handles(transposed, inC, outC, inH, inW))
            throw new IllegalArgumentException("Winograd cannot compute " + (transposed ? "convTranspose2d " : "conv2d ")
                    + inC + " -> " + outC + " channels at " + inH + "x" + inW);
        this.kernels = kernels;
        this.transposed = transposed;
        this.inC = inC;
        this.outC = outC;
        this.inH = inH;
        this.inW = inW;
        this.planeH = transposed ? inH : inH / 2;
        this.planeW = transposed ? inW : inW / 2;
        this.outH = transposed ? 2 * inH : inH / 2;
        this.outW = transposed ? 2 * inW : inW / 2;
        this.tile = tileAsked > 0 && planeH % tileAsked == 0 && planeW % tileAsked == 0 ? tileAsked : tileFor(planeH, planeW);
        this.tileIn = tile + 1;
        this.tilesY = planeH / tile;
        this.tilesX = planeW / tile;
        this.depth = transposed ? inC : 4 * inC;
        this.span = transposed ? tileIn + 1 : tileIn;

        int perTile = tileIn * tileIn * (depth + outC) * (transposed ? 4 : 1);
        int tiles = blockTiles > 0 ? blockTiles : Math.min(MAX_BLOCK, Math.max(MIN_BLOCK, BLOCK_FLOATS / perTile));
        int perImage = tilesY * tilesX, aligned = Math.max(TILE_ALIGN, tiles / TILE_ALIGN * TILE_ALIGN);
        // Blocks of whole images when an image fits, so that input and output can be staged (see apply).
        this.stage = perImage <= aligned;
        this.block = stage ? aligned / perImage * perImage : aligned;
        WinogradMatrices mats = WinogradMatrices.forTile(tile);
        this.outputLeft = WinogradMatrices.toFloat(mats.at(), false);
        this.outputRight = WinogradMatrices.toFloat(mats.at(), true);
        this.inputLeft = WinogradMatrices.toFloat(mats.bt(), false);
        this.inputRight = WinogradMatrices.toFloat(mats.bt(), true);
        this.weightMatrix = mats.g();
        this.weightsU = new PreparedA[transposed ? 4 : 1][];
        for (int grp = 0; grp < weightsU.length; grp++) {
            float[] transformed = new float[tileIn * tileIn * outC * depth];
            transformWeights(weight, grp, transformed);
            weightsU[grp] = prepare(transformed, null);
        }
    }

    /**
     * Whether the Winograd path handles this geometry and pays off: at least {@link #MIN_CHANNELS} channels in and
     * out, and tiles that divide the plane (m = 4, or for the conv also m = 2). NOTE: the transposed conv with m = 2
     * (input 14x14, 128 -> 64 channels) only broke even, so it stays direct; the conv with m = 2 ran 1.3-1.4x faster.
     */
    public static boolean applies(boolean transposed, int inChannels, int outChannels, int inH, int inW) {
        if (inChannels < MIN_CHANNELS || outChannels < MIN_CHANNELS || !handles(transposed, inChannels, outChannels, inH, inW)) return false;
        return !transposed || tileFor(inH, inW) == 4;
    }

    /**
     * Whether a plan made for a single call (training: the weights change every step) costs less than the call saves:
     * at least {@link #MIN_TILES_PER_CALL} tiles per image (per output phase for the transposed conv). Making a plan
     * reads the weights once and writes 25/4 of them twice (transformed and packed), while the GEMMs it saves are
     * worth about 10 multiply-adds per weight and tile; with one tile an image (the 4 x 4 maps) and batch 64 the
     * transform costs about as much as it saves.
     */
    public static boolean paysForOneCall(boolean transposed, int inH, int inW) {
        int planeH = transposed ? inH : inH / 2, planeW = transposed ? inW : inW / 2, tile = tileFor(planeH, planeW);
        return tile > 0 && (planeH / tile) * (planeW / tile) >= MIN_TILES_PER_CALL;
    }

    /** Whether this class can compute the geometry at all (every size that {@link #applies} accepts, and more). */
    static boolean handles(boolean transposed, int inChannels, int outChannels, int inH, int inW) {
        if (inChannels < 1 || outChannels < 1 || inH <= 0 || inW <= 0) return false;
        if (!transposed && (inH % 2 != 0 || inW % 2 != 0)) return false;
        return tileFor(transposed ? inH : inH / 2, transposed ? inW : inW / 2) > 0;
    }

    /** conv2d stride 2 k 4 pad 1 of inputs (c, h, w) with weight (o, c, 4, 4) read from weight[0..]. */
    public static WinogradConvolution conv(Kernels kernels, float[] weight, int o, int c, int inH, int inW) {
        return new WinogradConvolution(kernels, false, weight, c, o, inH, inW, 0, 0);
    }

    /** convTranspose2d stride 2 k 4 pad 1 of inputs (c, h, w) with weight (c, o, 4, 4); output (o, 2h, 2w). */
    public static WinogradConvolution transposed(Kernels kernels, float[] weight, int c, int o, int inH, int inW) {
        return new WinogradConvolution(kernels, true, weight, c, o, inH, inW, 0, 0);
    }

    /**
     * A plan with the given tiles per block (rounded down to a multiple of 16) and tile size (2 or 4, if it divides the
     * plane); 0 for either: automatic. For tests and tuning.
     */
    static WinogradConvolution withBlock(boolean transposed, Kernels kernels, float[] weight, int inC, int outC, int inH, int inW,
                                       int blockTiles, int tileAsked) {
        return new WinogradConvolution(kernels, transposed, weight, inC, outC, inH, inW, blockTiles, tileAsked);
    }

    /** The output tile size m for a plane: 4 when the tiles divide it, else 2, else 0 (does not apply). */
    private static int tileFor(int ph, int pw) {
        if (ph % 4 == 0 && pw % 4 == 0) return 4;
        if (ph % 2 == 0 && pw % 2 == 0) return 2;
        return 0;
    }

    public int tileSize() {
        return tile;
    }

    /** Tiles per internal block (whole images when one fits). */
    public int blockTiles() {
        return block;
    }

    /** Output height and width per image. */
    public int outHeight() {
        return outH;
    }

    public int outWidth() {
        return outW;
    }

    /*
     * Where the rows and taps come from. Conv: GEMM row k = p C + c reads phase plane p = (py, px) of channel c,
     * whose window starts at base(py) = -py. Transposed group q = (qy, qx): row k = c reads x itself, and its window
     * starts at qy - 1. The 2x2 taps: conv phase py, tap dy is kernel row kidx = py == 1 ? 2 dy : 2 dy + 1;
     * transposed phase qy, tap dy is kernel row 3 - 2 dy - qy.
     */

    private int rowPhaseY(int k) {
        return transposed ? 0 : (k / inC) >> 1;
    }

    private int rowPhaseX(int k) {
        return transposed ? 0 : (k / inC) & 1;
    }

    private int kernelIndex(int phase, int tap) {
        if (transposed) return 3 - 2 * tap - phase;
        return phase == 1 ? 2 * tap : 2 * tap + 1;
    }

    /**
     * This plan for new values of the same weight array (training: after an optimiser step), transformed and packed
     * into the plan's own arrays: nothing is allocated. The same bits as a new plan for those values.
     */
    public WinogradConvolution refresh(float[] weight) {
        for (int grp = 0; grp < weightsU.length; grp++) {
            transformWeights(weight, grp, weightsU[grp][0].data());
            prepare(weightsU[grp][0].data(), weightsU[grp]);
        }
        return this;
    }

    /**
     * U_pos[o][k] = (G g G^T)[pos] for each (o, k)'s 2x2 taps g, in double (G g first, then times G^T), output
     * channels split over the threads, into u[pos O K + o K + k]. NOTE: a plan costs about one forward pass of its
     * layer on small maps (config a: 3-45 ms), so for weights that change every step it pays only on maps of several
     * tiles an image ({@link #paysForOneCall}).
     */
    private void transformWeights(float[] weight, int grp, float[] u) {
        int positions = tileIn * tileIn, phases = transposed ? 1 : 4;
        double[][] g = weightMatrix;
        Parallel.forSlices(outC, (slice, from, to) -> {
            double[] taps = new double[4], gg = new double[2 * tileIn];
            // one (o, phase)'s inC values per position, then copied as runs: written straight into u, the 25 streams
            // sit O K floats apart, a multiple of 4 KB, and fall into one L1 set (3x slower)
            float[] run = new float[positions * inC];
            for (int o = from; o < to; o++) {
                for (int p = 0; p < phases; p++) {
                    int py = transposed ? grp >> 1 : p >> 1, px = transposed ? grp & 1 : p & 1;
                    int y0 = kernelIndex(py, 0) * 4, y1 = kernelIndex(py, 1) * 4, x0 = kernelIndex(px, 0), x1 = kernelIndex(px, 1);
                    for (int c = 0; c < inC; c++) {
                        // conv weight (O, C, 4, 4); transposed weight (C, O, 4, 4)
                        int base = transposed ? (c * outC + o) * 16 : (o * inC + c) * 16;
                        taps[0] = weight[base + y0 + x0];
                        taps[1] = weight[base + y0 + x1];
                        taps[2] = weight[base + y1 + x0];
                        taps[3] = weight[base + y1 + x1];
                        for (int i = 0; i < tileIn; i++) { // gg = G g (n x 2)
                            gg[2 * i] = g[i][0] * taps[0] + g[i][1] * taps[2];
                            gg[2 * i + 1] = g[i][0] * taps[1] + g[i][1] * taps[3];
                        }
                        for (int i = 0; i < tileIn; i++) {
                            for (int j = 0; j < tileIn; j++)
                                run[(i * tileIn + j) * inC + c] = (float) (gg[2 * i] * g[j][0] + gg[2 * i + 1] * g[j][1]);
                        }
                    }
                    for (int pos = 0; pos < positions; pos++) System.arraycopy(run, pos * inC, u, (pos * outC + o) * depth + p * inC, inC);
                }
            }
        });
    }

    /**
     * Each position's U_pos (O x K at u[pos O K]) prepared for the GEMMs: new, or packed again into {@code old}'s
     * arrays. One job for all positions: prepareA splits each packing over the threads too, but 25 small jobs cost
     * more in hand-offs than the packing itself (a nested forSlices runs on its caller).
     */
    private PreparedA[] prepare(float[] u, PreparedA[] old) {
        PreparedA[] prepared = old != null ? old : new PreparedA[tileIn * tileIn];
        Parallel.forSlices(prepared.length, (slice, from, to) -> {
            for (int pos = from; pos < to; pos++) {
                prepared[pos] = old != null ? kernels.repack(old[pos]) : kernels.prepareA(false, outC, depth, u, pos * outC * depth);
            }
        });
        return prepared;
    }

    /**
     * Per-thread scratch, grown only: D (one row's windows), V, M, Y (one output channel's tiles), the staged input and
     * output, and the block's gather/scatter tables.
     */
    private static final class Scratch {
        float[] windows = new float[0], transformedIn = new float[0], products = new float[0], outTiles = new float[0], stagedIn = new float[0], stagedOut = new float[0];
        int[] inIndex = new int[0], outIndex = new int[0];
        boolean[] inZero = new boolean[0];

        static float[] grow(float[] a, int size) {
            return a.length >= size ? a : new float[size];
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Images [from, to) of x (N, inC, h, w) -> the same images of out (N, outC, OH, OW); overwrites, or adds into out
     * when accumulate. Thread-safe on disjoint image ranges.
     */
    public void apply(float[] x, int from, int to, float[] out, boolean accumulate) {
        int perImage = tilesY * tilesX, total = (to - from) * perImage;
        Scratch s = SCRATCH.get();
        for (int t0 = 0; t0 < total; t0 += block) {
            int count = Math.min(block, total - t0), firstTile = from * perImage + t0;
            Block blk = new Block(s, firstTile / perImage, (firstTile + count - 1) / perImage + 1, count);
            indexTiles(s, firstTile, count, blk.lanes, stage ? inH * inW : inC * inH * inW, stage ? outH * outW : outC * outH * outW);
            if (stage) stageInput(x, blk);
            transformInputs(stage ? s.stagedIn : x, blk);
            multiply(blk);
            transformOutputs(blk, stage ? s.stagedOut : out, accumulate && !stage);
            if (stage) unstageOutput(blk, out, accumulate);
        }
    }

    /**
     * One block's geometry and buffers: images [firstImage, endImage) hold its count tiles, computed in lanes (count
     * rounded up to whole vectors; the padded lanes compute zeros that are never stored). V and M hold, per group
     * and position, a K x lanes and an O x lanes matrix; positions are one cache line more than that apart, since at
     * multiples of 4 KB the transforms' 25 streams would all fall into one L1 set.
     */
    private final class Block {
        final Scratch s;
        final int firstImage, images, count, lanes, vPos, mPos, vGroup, mGroup;

        Block(Scratch s, int firstImage, int endImage, int count) {
            this.s = s;
            this.firstImage = firstImage;
            this.images = endImage - firstImage;
            this.count = count;
            this.lanes = (count + TILE_ALIGN - 1) / TILE_ALIGN * TILE_ALIGN;
            this.vPos = depth * lanes + LINE;
            this.mPos = outC * lanes + LINE;
            this.vGroup = tileIn * tileIn * vPos;
            this.mGroup = tileIn * tileIn * mPos;
            s.windows = Scratch.grow(s.windows, span * span * lanes);
            s.transformedIn = Scratch.grow(s.transformedIn, weightsU.length * vGroup);
            s.products = Scratch.grow(s.products, weightsU.length * mGroup);
            s.outTiles = Scratch.grow(s.outTiles, tile * tile * lanes);
        }
    }

    /**
     * Copies the block's images channel-major, [c][image][h][w], and makes room for the output in the same order.
     * NOTE: gathered straight from x, the windows of one channel sit in planes C H W floats apart, often a multiple
     * of 4 KB: they all compete for one L1 set, and on small maps (one tile an image) the gathers and scatters took
     * as long as the GEMMs. Staged, one channel's planes are contiguous; 1.1-1.6x faster overall.
     */
    private void stageInput(float[] x, Block blk) {
        int hw = inH * inW;
        blk.s.stagedIn = Scratch.grow(blk.s.stagedIn, inC * blk.images * hw);
        blk.s.stagedOut = Scratch.grow(blk.s.stagedOut, outC * blk.images * outH * outW);
        for (int i = 0; i < blk.images; i++) {
            for (int c = 0; c < inC; c++)
                System.arraycopy(x, ((blk.firstImage + i) * inC + c) * hw, blk.s.stagedIn, (c * blk.images + i) * hw, hw);
        }
    }

    /** Writes (or adds) the staged output [o][image][OH][OW] into out (N, O, OH, OW). */
    private void unstageOutput(Block blk, float[] out, boolean accumulate) {
        int ohw = outH * outW;
        for (int i = 0; i < blk.images; i++) {
            for (int o = 0; o < outC; o++) {
                int src = (o * blk.images + i) * ohw, dst = ((blk.firstImage + i) * outC + o) * ohw;
                if (accumulate) kernels.axpy(ohw, 1f, blk.s.stagedOut, src, out, dst);
                else System.arraycopy(blk.s.stagedOut, src, out, dst, ohw);
            }
        }
    }

    /** Offset of channel c's plane of the block's first image in the input (staged or x itself). */
    private int inputPlane(Block blk, int c) {
        return stage ? c * blk.images * inH * inW : (blk.firstImage * inC + c) * inH * inW;
    }

    /**
     * V = B^T d B for every input row and tile of the block. The rows go channel by channel, so the windows of one
     * channel are gathered while its planes are in L1: the conv's four phases (rows c, C + c, 2C + c, 3C + c); the
     * transposed conv's one window of (m + 2)^2, which holds its four groups' windows shifted by 0 or 1.
     */
    private void transformInputs(float[] src, Block blk) {
        Scratch s = blk.s;
        int lanes = blk.lanes;
        for (int c = 0; c < inC; c++) {
            if (transposed) {
                gather(s, src, inputPlane(blk, c), lanes, 0, c);
                for (int grp = 0; grp < 4; grp++) {
                    int window = ((grp >> 1) * span + (grp & 1)) * lanes;
                    kernels.tileTransform(tileIn, tileIn, inputLeft, tileIn, tileIn, inputRight, s.windows, window, span * lanes, lanes, s.transformedIn, grp * blk.vGroup + c * lanes,
                            blk.vPos, lanes);
                }
            } else {
                for (int p = 0; p < 4; p++) {
                    int k = p * inC + c;
                    gather(s, src, inputPlane(blk, c), lanes, p, k);
                    kernels.tileTransform(tileIn, tileIn, inputLeft, tileIn, tileIn, inputRight, s.windows, 0, tileIn * lanes, lanes, s.transformedIn, k * lanes, blk.vPos, lanes);
                }
            }
        }
    }

    /** M_pos = U_pos V_pos: the (m + 1)^2 GEMMs of every group. */
    private void multiply(Block blk) {
        for (int grp = 0; grp < weightsU.length; grp++) {
            for (int pos = 0; pos < tileIn * tileIn; pos++) {
                kernels.gemm(weightsU[grp][pos], blk.lanes, blk.s.transformedIn, grp * blk.vGroup + pos * blk.vPos, blk.s.products,
                        grp * blk.mGroup + pos * blk.mPos);
            }
        }
    }

    /** Y = A^T M A for every output channel, group and tile, scattered into dst (staged output or out itself). */
    private void transformOutputs(Block blk, float[] dst, boolean accumulate) {
        Scratch s = blk.s;
        int ohw = outH * outW;
        for (int o = 0; o < outC; o++) {
            int plane = stage ? o * blk.images * ohw : (blk.firstImage * outC + o) * ohw;
            for (int grp = 0; grp < weightsU.length; grp++) {
                kernels.tileTransform(tile, tileIn, outputLeft, tileIn, tile, outputRight, s.products, grp * blk.mGroup + o * blk.lanes, tileIn * blk.mPos, blk.mPos, s.outTiles, 0,
                        blk.lanes, blk.lanes);
                scatter(s, blk.lanes, blk.count, grp, plane, dst, accumulate);
            }
        }
    }

    /**
     * The block's gather and scatter tables. Input: for each window start ({@link #windowStart}) and window entry
     * (i, j), lane t's offset from the block's first image's plane origin (zero flag set outside the plane, and on the
     * padded lanes). Output: for each output entry (i, j), lane t's offset from the first image's output plane.
     */
    private void indexTiles(Scratch s, int firstTile, int count, int lanes, int imageStride, int outImageStride) {
        int ss = span * span, starts = transposed ? 1 : 4, perImage = tilesY * tilesX, firstImage = firstTile / perImage;
        int inStride = transposed ? 1 : 2, outStride = transposed ? 2 : 1;
        if (s.inIndex.length < starts * ss * lanes) {
            s.inIndex = new int[starts * ss * lanes];
            s.inZero = new boolean[starts * ss * lanes];
        }
        if (s.outIndex.length < tile * tile * lanes) s.outIndex = new int[tile * tile * lanes];
        int[] in = s.inIndex, out = s.outIndex;
        boolean[] zero = s.inZero;
        for (int t = 0; t < lanes; t++) {
            boolean pad = t >= count;
            int tileIndex = firstTile + Math.min(t, count - 1), image = tileIndex / perImage - firstImage;
            int ty = tileIndex % perImage / tilesX, tx = tileIndex % tilesX;
            int inImage = image * imageStride, outImage = image * outImageStride;
            for (int start = 0; start < starts; start++) {
                int r0 = ty * tile + windowStart(start, true), c0 = tx * tile + windowStart(start, false);
                for (int i = 0; i < span; i++) {
                    for (int j = 0; j < span; j++) {
                        int r = r0 + i, col = c0 + j, slot = (start * ss + i * span + j) * lanes + t;
                        boolean inside = !pad && r >= 0 && r < planeH && col >= 0 && col < planeW;
                        in[slot] = inside ? inImage + r * inStride * inW + col * inStride : inImage;
                        zero[slot] = !inside;
                    }
                }
            }
            for (int i = 0; i < tile; i++) {
                for (int j = 0; j < tile; j++) out[(i * tile + j) * lanes + t] = outImage + ((ty * tile + i) * outW + tx * tile + j) * outStride;
            }
        }
    }

    /**
     * Where the gathered windows start relative to a tile's outputs, in plane rows (yAxis) or columns. Conv: one
     * window per phase p, starting at -py (-px). Transposed: one window for all four groups, starting at -1.
     */
    private int windowStart(int start, boolean yAxis) {
        return transposed ? -1 : -(yAxis ? start >> 1 : start & 1);
    }

    /**
     * d[(i span + j) lanes + t] = the window entry (i, j) of lane t's tile, or 0 outside the plane: conv, phase p of
     * channel k % C; transposed, channel k.
     */
    private void gather(Scratch s, float[] x, int plane, int lanes, int p, int k) {
        int py = rowPhaseY(k), px = rowPhaseX(k), ss = span * span;
        int base = plane + py * inW + px;
        kernels.gatherLanes(x, base, s.inIndex, s.inZero, p * ss * lanes, s.windows, 0, ss * lanes); // the tables run on over (i, j)
    }

    /** Writes (or adds) the m x m output tiles y[(i m + j) lanes + t] of group grp into the output plane at out[plane]. */
    private void scatter(Scratch s, int lanes, int count, int grp, int plane, float[] out, boolean accumulate) {
        float[] y = s.outTiles;
        int qy = transposed ? grp >> 1 : 0, qx = transposed ? grp & 1 : 0;
        int base = plane + qy * outW + qx;
        if (count == lanes) { // a full block: one pass over all (i, j) and lanes
            kernels.scatterLanes(y, 0, out, base, s.outIndex, 0, tile * tile * lanes, accumulate);
            return;
        }
        for (int ij = 0; ij < tile * tile; ij++) kernels.scatterLanes(y, ij * lanes, out, base, s.outIndex, ij * lanes, count, accumulate);
    }
}
