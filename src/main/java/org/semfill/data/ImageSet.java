package org.semfill.data;

import java.util.Arrays;
import org.semfill.internal.UserError;

/**
 * A set of same-sized images held in one flat array, the layout the engine trains on.
 *
 * <p>{@code pixels} has shape (N, C, H, W), row-major: image {@code i}, channel {@code k}, row {@code y},
 * column {@code x} sits at {@code ((i * C + k) * H + y) * W + x}. Values are in [-1, 1] (-1 black, 1 white),
 * the range of a DCGAN generator's tanh output. {@code source} says in words where the images came from, for
 * logs and run configs.
 *
 * <p>The set does not copy the array it is given and {@link #pixels()} hands out the same array (the
 * batches of a training run are copied out of it many times a second); treat it as read-only.
 */
public final class ImageSet implements TrainingImages {
    private final float[] pixels; // (N, C, H, W)
    private final int n, c, h, w;
    private final String source;

    /** A held-out split: the first images for training, the last ones kept for completion evaluation. */
    public record Split(ImageSet train, ImageSet heldOut) {}

    public ImageSet(float[] pixels, int n, int c, int h, int w, String source) {
        if (n < 0 || c <= 0 || h <= 0 || w <= 0)
            throw new IllegalArgumentException("bad image set shape (" + n + ", " + c + ", " + h + ", " + w + ")");
        if ((long) n * c * h * w != pixels.length)
            throw new IllegalArgumentException("image set of shape (" + n + ", " + c + ", " + h + ", " + w
                    + ") needs " + (long) n * c * h * w + " values, got " + pixels.length);
        this.pixels = pixels;
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
        this.source = source;
    }

    /** Number of images. */
    @Override
    public int n() {
        return n;
    }

    /** Channels per image: 1 (grayscale) or 3 (RGB). */
    @Override
    public int c() {
        return c;
    }

    @Override
    public int h() {
        return h;
    }

    @Override
    public int w() {
        return w;
    }

    /** Where the images came from, in words. */
    @Override
    public String source() {
        return source;
    }

    /** The backing array (N, C, H, W), not a copy: do not modify. */
    public float[] pixels() {
        return pixels;
    }

    /** The shape of one image as {C, H, W}. */
    public int[] imageShape() {
        return new int[] {c, h, w};
    }

    /** A copy of image {@code i}, shape (C, H, W). */
    public float[] image(int i) {
        checkIndex(i);
        int size = imageSize();
        return Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
    }

    /**
     * Copies images {@code indices[from] .. indices[from + count - 1]} one after another into {@code dst}
     * (modified, shape (count, C, H, W) at its start), the way a training step fills its batch buffer.
     */
    @Override
    public void copyBatch(int[] indices, int from, int count, float[] dst) {
        int size = imageSize();
        TrainingImages.checkBatch(indices, from, count, dst, size);
        for (int b = 0; b < count; b++) {
            int i = indices[from + b];
            checkIndex(i);
            System.arraycopy(pixels, i * size, dst, b * size, size);
        }
    }

    /** Images [from, to) as a new set (copied). */
    public ImageSet subset(int from, int to) {
        if (from < 0 || to > n || from > to)
            throw new IllegalArgumentException("subset [" + from + ", " + to + ") outside 0.." + n);
        int size = imageSize();
        return new ImageSet(Arrays.copyOfRange(pixels, from * size, to * size), to - from, c, h, w, source);
    }

    /** The first {@code max} images, or this set itself when it has no more than that (or max <= 0). */
    public ImageSet limit(int max) {
        return max <= 0 || max >= n ? this : subset(0, max);
    }

    /** The same pixels with another description. */
    public ImageSet withSource(String newSource) {
        return new ImageSet(pixels, n, c, h, w, newSource);
    }

    /**
     * Holds out the last {@code holdOut} images: they are not trained on and serve to evaluate completion
     * on images the generator has never seen. The split is by position, so it is the same on every run.
     */
    public Split split(int holdOut) {
        if (holdOut < 0 || holdOut >= n)
            throw new UserError("cannot hold out " + holdOut + " of the " + n + " images of " + source
                    + "; hold out fewer (at least one image must remain for training)");
        return new Split(subset(0, n - holdOut), subset(n - holdOut, n));
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= n) throw new IndexOutOfBoundsException("image " + i + " of " + n);
    }

    @Override
    public String toString() {
        return n + " images " + c + "x" + h + "x" + w + " from " + source;
    }
}
