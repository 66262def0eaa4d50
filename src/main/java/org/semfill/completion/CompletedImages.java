package org.semfill.completion;

import java.util.Arrays;

/**
 * The images of a completion, each array image after image of C x S x S: the damaged input (the hole zeroed; for
 * lowres the block means), one per image; and per row of the result G(z), it pasted into the hole, and that blended
 * (the pasted one when blending is off). The search has a row per image; HMC a row per chain, chain r of image i at
 * row r * n + i.
 */
public record CompletedImages(int channels, int size, float[] damaged, float[] generated, float[] completed, float[] blended) {

    /** The images completed: those of {@link #damaged()}. */
    public int n() {
        return damaged.length / imageSize();
    }

    /** Values per image: C * S * S. */
    public int imageSize() {
        return channels * size * size;
    }

    /** Image i of one of the arrays above, (C, S, S). */
    public float[] image(float[] set, int i) {
        return Arrays.copyOfRange(set, i * imageSize(), (i + 1) * imageSize());
    }
}
