package org.semfill.data;

/**
 * Images a training run draws its batches from, whether they sit in memory ({@link ImageSet}) or in a prepared
 * file on disk ({@link PreparedImages}, any number of images in bounded memory). Pixels come out as float
 * (C, H, W) in [-1, 1].
 */
public interface TrainingImages {
    /** Number of images. */
    int n();

    /** Channels per image: 1 or 3. */
    int c();

    int h();

    int w();

    /** Where the images came from, in words. */
    String source();

    /** Values per image: C * H * W. */
    default int imageSize() {
        return c() * h() * w();
    }

    /**
     * Copies images {@code indices[from] .. indices[from + count - 1]} one after another into {@code dst}
     * (modified, shape (count, C, H, W) at its start), the way a training step fills its batch buffer.
     */
    void copyBatch(int[] indices, int from, int count, float[] dst);

    /** The argument checks every {@link #copyBatch} shares: the batch lies inside the indices and fits the buffer. */
    static void checkBatch(int[] indices, int from, int count, float[] dst, int imageSize) {
        if (from < 0 || count < 0 || from + count > indices.length)
            throw new IllegalArgumentException("batch [" + from + ", " + (from + count) + ") outside " + indices.length + " indices");
        if ((long) count * imageSize > dst.length)
            throw new IllegalArgumentException("batch buffer holds " + dst.length + " values, needs " + (long) count * imageSize);
    }
}
