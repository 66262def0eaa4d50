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
}
