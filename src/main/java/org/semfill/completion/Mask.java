package org.semfill.completion;

import org.semfill.internal.Check;

/**
 * A binary completion mask: one (H, W) plane, 1 = known pixel, 0 = missing (the hole). The same mask applies
 * to every channel of every image it is used with. Immutable: the values are copied in and copied out.
 *
 * <p>A <em>block-average</em> mask ({@link #blockAverages}, the {@code lowres} type) knows no pixel on its own:
 * what is known are the means of the k x k blocks (Amos's low-resolution completion, i.e. super-resolution). Its
 * pixel plane is all 0, so the hole is the whole image, and {@link #block()} gives k (1 for every pixel mask).
 *
 * <p>Images are passed around as arrays of whole planes, (C, H, W) or (N, C, H, W); {@link #planesIn} checks
 * that an array is made of whole H x W planes and says how many.
 */
public final class Mask {
    private final String name;
    private final int height;
    private final int width;
    private final float[] known; // (H, W), each 0 or 1
    private final int knownCount;
    private final int block; // 1: pixels are known one by one; k > 1: only the k x k block means are known

    /**
     * @param name   how reports call this mask ("center", "random", a file name, ...)
     * @param known  (H, W) values, each exactly 0 (missing) or 1 (known). Not modified (copied).
     */
    public Mask(String name, int height, int width, float[] known) {
        this(name, height, width, known, 1);
    }

    /**
     * A mask that knows only the means of the {@code block} x {@code block} blocks of an H x W image; H and W must
     * be multiples of {@code block} (at least 2).
     */
    public static Mask blockAverages(String name, int height, int width, int block) {
        Check.arg(block >= 2, "mask " + name + ": a block-average mask needs a block of at least 2, got " + block);
        Check.arg(height % block == 0 && width % block == 0,
                "mask " + name + ": " + height + "x" + width + " is not a whole number of " + block + "x" + block + " blocks");
        return new Mask(name, height, width, new float[height * width], block);
    }

    private Mask(String name, int height, int width, float[] known, int block) {
        Check.positive(height, "mask height");
        Check.positive(width, "mask width");
        Check.arg(known.length == height * width,
                "mask " + name + ": " + known.length + " values for " + height + "x" + width);
        int count = 0;
        for (float v : known) {
            Check.arg(v == 0f || v == 1f, "mask " + name + ": values must be 0 or 1, got " + v);
            if (v == 1f) count++;
        }
        this.name = name;
        this.height = height;
        this.width = width;
        this.known = known.clone();
        this.knownCount = count;
        this.block = block;
    }

    public String name() {
        return name;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** H * W. */
    public int planeSize() {
        return height * width;
    }

    public boolean isKnown(int row, int col) {
        return known[row * width + col] == 1f;
    }

    /** Whether the pixel at flat index {@code row * W + col} is known. */
    public boolean isKnown(int pixel) {
        return known[pixel] == 1f;
    }

    /** The side k of the blocks whose means are known: 1 for a pixel mask (nothing averaged). */
    public int block() {
        return block;
    }

    /** True for a {@link #blockAverages} mask: the known information is the k x k block means, not pixels. */
    public boolean knowsBlockAverages() {
        return block > 1;
    }

    public int knownCount() {
        return knownCount;
    }

    public int holeCount() {
        return height * width - knownCount;
    }

    /** False for the {@code full} mask: nothing to complete. */
    public boolean hasHole() {
        return knownCount < height * width;
    }

    /** A copy of the (H, W) values. */
    public float[] toArray() {
        return known.clone();
    }

    /** The mask repeated {@code planes} times: (planes, H, W), e.g. planes = C for one image or N * C for a batch. */
    public float[] broadcast(int planes) {
        Check.positive(planes, "planes");
        float[] out = new float[planes * known.length];
        for (int p = 0; p < planes; p++) System.arraycopy(known, 0, out, p * known.length, known.length);
        return out;
    }

    /**
     * The damaged image a user would see: known pixels of {@code image} kept, hole pixels set to {@code fill}
     * (0 is mid-grey in [-1, 1]). {@code image} is whole planes (C, H, W) or (N, C, H, W); not modified.
     *
     * <p>For a block-average mask it is the low-resolution input instead: every pixel set to its block's mean (a
     * blocky, nearest-neighbour upscale; {@code fill} unused), so pictures of the input show what is known and the
     * block means of the result are the known ones.
     */
    public float[] damage(float[] image, float fill) {
        int planes = planesIn(image, "image");
        if (block > 1) return BlockAverages.upscale(BlockAverages.pool(image, height, width, block), height, width, block);
        float[] out = image.clone();
        for (int p = 0; p < planes; p++) {
            int off = p * known.length;
            for (int i = 0; i < known.length; i++) if (known[i] == 0f) out[off + i] = fill;
        }
        return out;
    }

    /** The number of H x W planes in {@code array}; fails if its length is not a whole number of planes. */
    public int planesIn(float[] array, String what) {
        int plane = height * width;
        Check.arg(array.length > 0 && array.length % plane == 0,
                what + ": length " + array.length + " is not a whole number of " + height + "x" + width + " planes");
        return array.length / plane;
    }

    @Override
    public String toString() {
        return "Mask[" + name + ", " + height + "x" + width + ", "
                + (block > 1 ? block + "x" + block + " block means known]" : holeCount() + " missing]");
    }
}
