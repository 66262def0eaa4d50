package org.semfill.completion.evaluation;

import java.util.Arrays;
import org.semfill.completion.BlockAverages;
import org.semfill.completion.Mask;
import org.semfill.completion.PoissonBlend;
import org.semfill.data.ImageSet;
import org.semfill.data.TrainingImages;
import org.semfill.internal.Check;
import org.semfill.internal.Progress;
import org.semfill.kernels.Parallel;

/**
 * A memory baseline (in the spirit of Hays and Efros, "Scene Completion Using Millions of Photographs", 2007, at
 * the scale of whole images): find the training image closest to the damaged one in L2 distance over the known
 * pixels (all channels), and copy its pixels into the hole. Shows what "look up a similar picture" achieves
 * without a generative model. Ties go to the lower training index, so results do not depend on threads or on how
 * the training images are read.
 *
 * <p>For a block-average ({@code lowres}) mask the distance is over the k x k block means, and the neighbour is
 * shifted block by block to the input's means ({@link BlockAverages#correct}), as our fill is: the analogue of
 * keeping the known pixels.
 *
 * <p>The training images are streamed: they are read a chunk at a time ({@link #CHUNK_VALUES} floats, at most
 * {@link #MAX_CHUNK_IMAGES} images) through {@link TrainingImages#copyBatch}, so 202,599 prepared faces need no
 * more heap than 6,000 garments. {@link #fillAll} completes many damaged images in one pass over the training
 * images; use it rather than {@link #fill} in a loop, which reads them all once per image.
 *
 * <p>The training images must not include the images being completed, or the baseline will find the answer.
 * Not safe for concurrent use when the training images are a {@link org.semfill.data.PreparedImages} view (it
 * reuses its read buffer).
 */
public final class NearestNeighbourFill implements BaselineFill {
    /** Floats of training images held at a time: 16 MB. */
    public static final int CHUNK_VALUES = 1 << 22;
    /** At most this many training images per chunk. */
    public static final int MAX_CHUNK_IMAGES = 1024;

    private final TrainingImages train;
    private final int chunk, channels, height, width;

    /**
     * @param train (N, C, H, W) training images in [-1, 1]. Not modified and not copied: do not change it later.
     */
    public NearestNeighbourFill(float[] train, int count, int channels, int height, int width) {
        this(wrap(train, count, channels, height, width));
    }

    /** Searches {@code train} (in memory or on disk), read a chunk of images at a time. */
    public NearestNeighbourFill(TrainingImages train) {
        this(train, Math.max(1, Math.min(MAX_CHUNK_IMAGES, CHUNK_VALUES / Math.max(1, train.imageSize()))));
    }

    /** As {@link #NearestNeighbourFill(TrainingImages)}, reading {@code chunkImages} training images at a time. */
    public NearestNeighbourFill(TrainingImages train, int chunkImages) {
        Check.positive(train.n(), "number of training images");
        Check.positive(chunkImages, "chunk");
        this.train = train;
        this.chunk = Math.min(chunkImages, train.n());
        this.channels = train.c();
        this.height = train.h();
        this.width = train.w();
    }

    private static TrainingImages wrap(float[] train, int count, int channels, int height, int width) {
        Check.positive(count, "count");
        Check.positive(channels, "channels");
        Check.arg(train.length == (long) count * channels * height * width,
                "training set has " + train.length + " values, expected " + count + "x" + channels + "x" + height + "x" + width);
        return new ImageSet(train, count, channels, height, width, "training images");
    }

    @Override
    public String name() {
        return "nearest neighbour";
    }

    /** How many training images every search goes through. */
    public int searched() {
        return train.n();
    }

    @Override
    public float[] fill(float[] damaged, int channels, Mask mask) {
        return fillAll(damaged, 1, channels, mask, null);
    }

    /**
     * Completes {@code count} damaged images ((count, C, H, W), not modified) in one pass over the training
     * images: each hole gets the pixels of its image's nearest training image. {@code progress} (may be null)
     * steps by the training images read.
     */
    public float[] fillAll(float[] damaged, int count, int channels, Mask mask, Progress progress) {
        int[] best = nearestIndices(damaged, count, channels, mask, progress);
        int size = channels * height * width;
        float[] neighbours = new float[count * size];
        train.copyBatch(best, 0, count, neighbours);
        float[] out = new float[count * size];
        for (int i = 0; i < count; i++) {
            float[] known = Arrays.copyOfRange(damaged, i * size, (i + 1) * size), neighbour = Arrays.copyOfRange(neighbours, i * size, (i + 1) * size);
            float[] one = mask.knowsBlockAverages() // lowres: the neighbour shifted to the known block means, as ours is
                    ? BlockAverages.correct(neighbour, BlockAverages.pool(known, height, width, mask.block()), height, width, mask.block())
                    : PoissonBlend.completeNaive(known, neighbour, mask);
            System.arraycopy(one, 0, out, i * size, size);
        }
        return out;
    }

    /**
     * The index of the training image closest to {@code damaged} (C, H, W) over the known pixels; 0 if none is
     * known.
     */
    public int nearestIndex(float[] damaged, int channels, Mask mask) {
        return nearestIndices(damaged, 1, channels, mask, null)[0];
    }

    /**
     * For each of {@code count} damaged images ((count, C, H, W)), the index of the closest training image over
     * the known pixels (0 if none is known), in one pass over the training images. Each chunk's work is split
     * over the thread pool by training image; the lowest index wins ties.
     */
    public int[] nearestIndices(float[] damaged, int count, int channels, Mask mask, Progress progress) {
        Check.arg(channels == this.channels, "image has " + channels + " channels, the training set " + this.channels);
        Check.arg(mask.height() == height && mask.width() == width, "mask is " + mask.height() + "x" + mask.width()
                + ", the training images " + height + "x" + width);
        Check.arg(count >= 0 && damaged.length == (long) count * channels * height * width, "damaged images have " + damaged.length
                + " values, expected " + count + "x" + channels + "x" + height + "x" + width);
        int n = train.n(), block = mask.block();
        // lowres: compare the k x k block means (what is known) of every image; else the known pixels themselves
        int plane = height * width / (block * block), size = channels * plane;
        float[] queries = block == 1 ? damaged : BlockAverages.pool(damaged, height, width, block);
        int[] knownPixels = new int[block == 1 ? mask.knownCount() : plane];
        for (int i = 0, k = 0; i < plane; i++) if (block > 1 || mask.isKnown(i)) knownPixels[k++] = i;
        int[] best = new int[count];
        double[] bestDistance = new double[count];
        Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
        if (count == 0) return best;
        float[] buf = new float[chunk * channels * height * width];
        int[] order = new int[chunk];
        int[] sliceIndex = new int[0];
        double[] sliceDistance = new double[0];
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start), base = start;
            for (int i = 0; i < m; i++) order[i] = start + i;
            train.copyBatch(order, 0, m, buf);
            float[] candidates = block == 1 ? buf : BlockAverages.pool(buf, height, width, block);
            int slices = Parallel.slices(m);
            if (sliceIndex.length < slices * count) {
                sliceIndex = new int[slices * count];
                sliceDistance = new double[slices * count];
            }
            int[] si = sliceIndex;
            double[] sd = sliceDistance;
            Parallel.forSlices(m, (slice, from, to) -> {
                int o = slice * count;
                Arrays.fill(si, o, o + count, base + from);
                Arrays.fill(sd, o, o + count, Double.POSITIVE_INFINITY);
                for (int t = from; t < to; t++) {
                    for (int q = 0; q < count; q++) {
                        double d = 0;
                        for (int ch = 0; ch < channels; ch++) {
                            int a = q * size + ch * plane, b = t * size + ch * plane;
                            for (int pix : knownPixels) {
                                double diff = queries[a + pix] - candidates[b + pix];
                                d += diff * diff;
                            }
                        }
                        if (d < sd[o + q]) {
                            sd[o + q] = d;
                            si[o + q] = base + t;
                        }
                    }
                }
            });
            // Chunks and slices come in index order: strict < keeps the lowest index on ties.
            for (int s = 0; s < slices; s++) {
                for (int q = 0; q < count; q++) {
                    if (sd[s * count + q] < bestDistance[q]) {
                        bestDistance[q] = sd[s * count + q];
                        best[q] = si[s * count + q];
                    }
                }
            }
            if (progress != null) progress.step(m);
        }
        return best;
    }
}
