package org.semfill.data;

import java.util.Arrays;
import org.semfill.internal.Rng;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;

/**
 * Seeded mini-batches for training: each epoch is a fresh random permutation of the N image indices, cut
 * into {@code N / batchSize} batches of exactly {@code batchSize}; the last incomplete batch is dropped, as
 * the DCGAN reference training does, so batch-norm statistics always come from full batches.
 *
 * <p>The permutation of an epoch is made by shuffling the identity with the generator's state at the start
 * of that epoch. So the whole position fits in a few numbers ({@link #state()}): the epoch, how many of its
 * batches were taken, and the generator state the epoch started from. A run restored from them
 * ({@link #restore}) yields exactly the batches the original run would have yielded next.
 */
public final class Batcher {
    private static final long STATE_VERSION = 1;
    private static final int STATE_LENGTH = 10;

    private final int n, batchSize;
    private final int[] order; // (N,) the current epoch's permutation
    private Rng rng;
    private long[] epochStartRng; // generator state before this epoch's shuffle
    private int epoch, cursor;

    /** Batches over {@code n} images with a generator seeded by {@code seed}. */
    public Batcher(int n, int batchSize, long seed) {
        this(n, batchSize, new Rng(seed));
    }

    /** Batches over {@code n} images; the batcher takes {@code rng} as its own (pass a {@link Rng#split()}). */
    public Batcher(int n, int batchSize, Rng rng) {
        if (batchSize <= 0) throw new UserError("batch size must be positive, got " + batchSize);
        if (n < batchSize)
            throw new UserError("only " + n + " training images, fewer than one batch of " + batchSize
                    + "; use a smaller batch size or more images");
        this.n = n;
        this.batchSize = batchSize;
        this.order = new int[n];
        this.rng = rng;
        startEpoch(0);
    }

    private void startEpoch(int e) {
        epoch = e;
        cursor = 0;
        epochStartRng = rng.state();
        for (int i = 0; i < n; i++) order[i] = i;
        rng.shuffle(order);
    }

    public int n() {
        return n;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Full batches per epoch: N / batchSize (the remainder is dropped). */
    public int batchesPerEpoch() {
        return n / batchSize;
    }

    /** The epoch (from 0) that the last batch came from, or that the first batch will come from. */
    public int epoch() {
        return epoch;
    }

    /** How many batches of the current epoch were taken. */
    public int cursor() {
        return cursor;
    }

    /** True when every batch of the current epoch was taken; the next call to {@link #next()} starts a new one. */
    public boolean epochFinished() {
        return cursor == batchesPerEpoch();
    }

    /** The indices of the next batch (a new array of length batchSize), starting a new epoch when needed. */
    public int[] next() {
        if (epochFinished()) startEpoch(epoch + 1);
        int from = cursor * batchSize;
        cursor++;
        return Arrays.copyOfRange(order, from, from + batchSize);
    }

    /**
     * Takes the next batch and copies its images from {@code data} into {@code dst} (modified, shape
     * (batchSize, C, H, W) at its start). Returns the indices.
     */
    public int[] next(TrainingImages data, float[] dst) {
        if (data.n() != n)
            throw new IllegalArgumentException("batcher is for " + n + " images, data has " + data.n());
        int[] indices = next();
        data.copyBatch(indices, 0, batchSize, dst);
        return indices;
    }

    /**
     * The position, for a checkpoint: {version, n, batchSize, epoch, cursor, 5 longs of generator state at the
     * start of the epoch}.
     */
    public long[] state() {
        long[] s = new long[STATE_LENGTH];
        s[0] = STATE_VERSION;
        s[1] = n;
        s[2] = batchSize;
        s[3] = epoch;
        s[4] = cursor;
        System.arraycopy(epochStartRng, 0, s, 5, 5);
        return s;
    }

    /**
     * A batcher at the position saved by {@link #state()}. {@code n} and {@code batchSize} are those of the
     * resumed run and must match the saved ones (otherwise the data or options changed since the checkpoint).
     */
    public static Batcher restore(long[] state, int n, int batchSize) {
        if (state.length != STATE_LENGTH || state[0] != STATE_VERSION)
            throw new UserError("the checkpoint's batcher state is not one this version understands ("
                    + state.length + " numbers, version " + (state.length > 0 ? state[0] : -1) + ")");
        if (state[1] != n || state[2] != batchSize)
            throw new SettingError(DataSetting.IMAGE_LIMIT, name -> "the checkpoint was trained on " + state[1] + " images in batches of " + state[2]
                    + ", but this run has " + n + " images in batches of " + batchSize + "; resume with the same data, "
                    + name.apply(DataSetting.IMAGE_LIMIT) + " and " + name.apply(DataSetting.BATCH_SIZE));
        Batcher b = new Batcher(n, batchSize, Rng.fromState(Arrays.copyOfRange(state, 5, 10)));
        int cursor = (int) state[4];
        if (cursor < 0 || cursor > b.batchesPerEpoch() || state[3] < 0 || state[3] > Integer.MAX_VALUE)
            throw new UserError("the checkpoint's batcher state is damaged (epoch " + state[3] + ", batch " + cursor
                    + " of " + b.batchesPerEpoch() + ")");
        b.epoch = (int) state[3];
        b.cursor = cursor;
        return b;
    }
}
