package org.semfill.completion.evaluation;

import org.semfill.completion.Mask;
import org.semfill.internal.Check;

/**
 * A completion method that needs no neural network, used as a yardstick by the evaluation: it fills the hole of
 * a damaged image from the known pixels (and possibly a training set).
 */
public interface BaselineFill {

    /** How the result table names this method, e.g. "mean fill". */
    String name();

    /**
     * Completes one image.
     *
     * @param damaged  (C, H, W) values in [-1, 1]; only the known pixels are read. Not modified.
     * @param channels C
     * @param mask     the (H, W) mask, 1 = known
     * @return a new (C, H, W) image: the known pixels of {@code damaged}, the hole filled
     */
    float[] fill(float[] damaged, int channels, Mask mask);

    /** The check every {@link #fill} starts with: {@code damaged} is {@code channels} whole planes of the mask's size. */
    static void checkImage(float[] damaged, int channels, Mask mask) {
        int planes = mask.planesIn(damaged, "damaged image");
        Check.arg(planes == channels, "damaged image has " + planes + " planes, expected " + channels + " channels");
    }
}
