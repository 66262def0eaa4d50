package org.semfill.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;

/**
 * Prepared images on disk: a uint8 NumPy array (N, C, H, W) in a {@code .npy} file ({@link Npy}), read a batch at
 * a time. Only one batch of bytes is ever in memory, so a run over 202,599 faces needs no more heap than a run
 * over 6,000 garments; the operating system's file cache keeps the hot pages. A byte v becomes the pixel
 * {@code v / 127.5 - 1} ({@link Pixels#fromByte}), the same floats the in-memory loaders give.
 *
 * <p>A view ({@link #range}) is a window [from, to) on the same file: the training images and the held-out
 * tail of one prepared folder share it. Reads use positional I/O, so views may be read from different threads,
 * but one view is not safe for concurrent use (it reuses its read buffer).
 */
public final class PreparedImages implements TrainingImages, AutoCloseable {
    /** Largest number of floats an {@link ImageSet} (one Java array) holds. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final FileChannel channel;
    private final Path file;
    private final long dataOffset;
    private final int n, c, h, w, first;
    private final String source;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    private PreparedImages(FileChannel channel, Path file, long dataOffset, int first, int n, int c, int h, int w, String source) {
        this.channel = channel;
        this.file = file;
        this.dataOffset = dataOffset;
        this.first = first;
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
        this.source = source;
    }

    /** Opens a prepared file; a {@link UserError} naming it when it is not a (N, C, H, W) uint8 array with C 1 or 3. */
    public static PreparedImages open(Path file, String source) {
        return open(file, source, Npy.PREPARE_AGAIN);
    }

    /** {@link #open(Path, String)}, with {@code remedy} ending the errors about a damaged file (a run's held-out.npy is not remade by prepare). */
    public static PreparedImages open(Path file, String source, String remedy) {
        FileChannel ch = null;
        try {
            ReadableFiles.require(file, "file"); // before the open: opening a FIFO blocks
            ch = FileChannel.open(file, StandardOpenOption.READ);
            Npy.Layout layout = Npy.read(ch, file, remedy);
            long[] s = layout.shape();
            if (s.length != 4 || (s[1] != 1 && s[1] != 3) || s[2] < 1 || s[3] < 1 || s[2] > 4096 || s[3] > 4096 || s[0] > Integer.MAX_VALUE)
                throw new UserError(file + " holds an array of shape " + java.util.Arrays.toString(s)
                        + "; semfill reads images as (N, C, H, W) with C 1 or 3");
            if (s[0] == 0) // nothing to train on, evaluate or show: say so here rather than fail later on an empty set
                throw new UserError(file + " holds no images (its shape is " + java.util.Arrays.toString(s) + "); " + remedy);
            return new PreparedImages(ch, file, layout.dataOffset(), 0, (int) s[0], (int) s[1], (int) s[2], (int) s[3], source);
        } catch (IOException e) {
            close(ch);
            throw new UserError("cannot read prepared images " + file + ": " + ReadableFiles.reason(e));
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    /** Images [from, to) of this view, as a view on the same file (nothing is read). */
    public PreparedImages range(int from, int to) {
        if (from < 0 || to > n || from > to) throw new IllegalArgumentException("range [" + from + ", " + to + ") outside 0.." + n);
        return new PreparedImages(channel, file, dataOffset, first + from, to - from, c, h, w, source);
    }

    /** The file these images are read from. */
    public Path file() {
        return file;
    }

    @Override
    public int n() {
        return n;
    }

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

    @Override
    public String source() {
        return source;
    }

    @Override
    public void copyBatch(int[] indices, int from, int count, float[] dst) {
        int size = imageSize();
        TrainingImages.checkBatch(indices, from, count, dst, size);
        if (buffer.capacity() < size) buffer = ByteBuffer.allocate(size);
        byte[] bytes = buffer.array();
        for (int b = 0; b < count; b++) {
            int i = indices[from + b];
            if (i < 0 || i >= n) throw new IndexOutOfBoundsException("image " + i + " of " + n);
            readImage(i, size);
            int at = b * size;
            for (int k = 0; k < size; k++) dst[at + k] = Pixels.fromByte(bytes[k] & 0xFF);
        }
    }

    /** Images [from, to) of this view, decoded into memory; a {@link UserError} when they cannot fit one Java array. */
    public ImageSet load(int from, int to) {
        if (from < 0 || to > n || from > to) throw new IllegalArgumentException("images [" + from + ", " + to + ") outside 0.." + n);
        int count = to - from, size = imageSize();
        checkFitsInMemory(count, size, file);
        float[] pixels = new float[count * size];
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = from + i;
        copyBatch(order, 0, count, pixels);
        return new ImageSet(pixels, count, c, h, w, source);
    }

    /** All images of this view in memory (small sets: held-out images, example images, the bundled data). */
    public ImageSet load() {
        return load(0, n);
    }

    /** Writes the images of this view as a .npy file of their own (atomically; the bytes are copied, not decoded). */
    public void writeNpy(Path target) {
        long bytes = (long) n * imageSize();
        try {
            org.semfill.internal.AtomicFiles.write(target, out -> {
                out.write(Npy.header(n, c, h, w));
                ByteBuffer buf = ByteBuffer.allocate(1 << 16);
                long at = dataOffset + (long) first * imageSize(), end = at + bytes;
                while (at < end) {
                    buf.clear().limit((int) Math.min(buf.capacity(), end - at));
                    int got = channel.read(buf, at);
                    if (got < 0) throw new IOException(file + " ended early");
                    out.write(buf.array(), 0, got);
                    at += got;
                }
            });
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + ReadableFiles.reason(e));
        }
    }

    /**
     * Refuses, before allocating anything, a count of images whose floats would not fit one Java array (2^31 values):
     * the caller should stream them through a {@link PreparedImages} instead, or take fewer.
     */
    static void checkFitsInMemory(long count, long imageSize, Object what) {
        long values = count * imageSize;
        if (values > MAX_ARRAY)
            throw new SettingError(DataSetting.IMAGE_LIMIT, name -> String.format("%d images of %d values (%s) are %.1f GB as floats, more than one "
                    + "array holds; use %s to take fewer", count, imageSize, what, values * 4 / 1e9, name.apply(DataSetting.IMAGE_LIMIT)));
    }

    private void readImage(int i, int size) {
        long at = dataOffset + (long) (first + i) * size;
        buffer.clear().limit(size);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0)
                    throw new UserError(file + " ended early at image " + (first + i) + "; delete it and prepare the data again");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading image " + (first + i) + " of " + file, e);
        }
    }

    /** Closes the file for every view of it. */
    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a read-only file cannot lose anything
        }
    }

    @Override
    public String toString() {
        return n + " images " + c + "x" + h + "x" + w + " from " + source + " (prepared in " + file + ")";
    }
}
