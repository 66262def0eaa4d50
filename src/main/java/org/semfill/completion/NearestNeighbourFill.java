package org.semfill.completion;

import org.semfill.internal.Check;
import org.semfill.kernels.Parallel;

/**
 * A memory baseline (in the spirit of Hays and Efros, "Scene Completion Using Millions of Photographs", 2007, at
 * the scale of whole images): find the training image closest to the damaged one in L2 distance over the known
 * pixels (all channels), and copy its pixels into the hole. Shows what "look up a similar picture" achieves
 * without a generative model. Ties go to the lower training index, so results do not depend on threads.
 *
 * <p>The training images must not include the images being completed, or the baseline will find the answer.
 */
public final class NearestNeighbourFill implements BaselineFill {
    private final float[] train; // (N, C, H, W)
    private final int count, channels, height, width;

    /**
     * @param train (N, C, H, W) training images in [-1, 1]. Not modified and not copied: do not change it later.
     */
    public NearestNeighbourFill(float[] train, int count, int channels, int height, int width) {
        Check.positive(count, "count");
        Check.positive(channels, "channels");
        Check.arg(train.length == (long) count * channels * height * width,
                "training set has " + train.length + " values, expected " + count + "x" + channels + "x" + height + "x" + width);
        this.train = train;
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    @Override
    public String name() {
        return "nearest neighbour";
    }

    @Override
    public float[] fill(float[] damaged, int channels, Mask mask) {
        int best = nearestIndex(damaged, channels, mask);
        int size = channels * height * width;
        float[] neighbour = new float[size];
        System.arraycopy(train, best * size, neighbour, 0, size);
        return PoissonBlend.completeNaive(damaged, neighbour, mask);
    }

    /**
     * The index of the training image closest to {@code damaged} (C, H, W) over the known pixels; 0 if none is
     * known. The work is split over the thread pool by training image.
     */
    public int nearestIndex(float[] damaged, int channels, Mask mask) {
        Check.arg(channels == this.channels, "image has " + channels + " channels, the training set " + this.channels);
        Check.arg(mask.height() == height && mask.width() == width, "mask is " + mask.height() + "x" + mask.width()
                + ", the training images " + height + "x" + width);
        Check.arg(damaged.length == channels * height * width, "damaged image has " + damaged.length + " values, expected "
                + channels + "x" + height + "x" + width);
        int plane = height * width, size = channels * plane;
        int[] knownPixels = new int[mask.knownCount()];
        for (int i = 0, k = 0; i < plane; i++) if (mask.isKnown(i)) knownPixels[k++] = i;
        int slices = Parallel.slices(count);
        int[] bestIndex = new int[slices];
        double[] bestDistance = new double[slices];
        Parallel.forSlices(count, (slice, from, to) -> {
            int bi = from;
            double bd = Double.POSITIVE_INFINITY;
            for (int t = from; t < to; t++) {
                double d = 0;
                for (int ch = 0; ch < channels; ch++) {
                    int a = ch * plane, b = t * size + ch * plane;
                    for (int pix : knownPixels) {
                        double diff = damaged[a + pix] - train[b + pix];
                        d += diff * diff;
                    }
                }
                if (d < bd) {
                    bd = d;
                    bi = t;
                }
            }
            bestIndex[slice] = bi;
            bestDistance[slice] = bd;
        });
        int best = bestIndex[0];
        double bestD = bestDistance[0];
        for (int s = 1; s < slices; s++) { // slices are in index order: strict < keeps the lowest index on ties
            if (bestDistance[s] < bestD) {
                bestD = bestDistance[s];
                best = bestIndex[s];
            }
        }
        return best;
    }
}
