package org.semfill.data;

import static org.semfill.data.DataSetting.IMAGE_LIMIT;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;

/**
 * Reads IDX files, the format of MNIST (LeCun et al. 1998) and Fashion-MNIST (Xiao et al. 2017), plain or
 * gzip-compressed (recognised by the gzip magic bytes 1f 8b, whatever the file is called).
 *
 * <p>Layout, all integers big-endian: a magic number {@code 0x0000TTDD} (TT = element type, 08 for unsigned
 * bytes; DD = number of dimensions), then DD 32-bit sizes, then the elements row-major.
 * <ul>
 *   <li>images: magic {@code 0x00000803}, sizes (N, rows, cols), then N * rows * cols bytes 0..255;</li>
 *   <li>labels: magic {@code 0x00000801}, size (N), then N bytes.</li>
 * </ul>
 * Pixel byte v becomes v / 127.5 - 1, so 0 (the black background of both datasets) is -1 and 255 is 1.
 * Anything that does not match (wrong magic, impossible sizes, data shorter or longer than declared) is a
 * {@link UserError} naming the file and the problem.
 */
public final class IdxReader {
    private IdxReader() {}

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    /** Largest accepted image side: guards against reading garbage sizes as a huge allocation. */
    static final int MAX_SIDE = 16384;

    /** Reads every image of an IDX image file, as (N, 1, rows, cols). */
    public static ImageSet readImages(Path file) {
        return readImages(file, 0);
    }

    /**
     * Reads the first {@code limit} images (all if {@code limit <= 0}) of an IDX image file, as (N, 1, rows, cols).
     * When all images are read, bytes after the declared data are an error too.
     */
    public static ImageSet readImages(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            int magic = readHeaderInt(in, file, "magic number");
            if (magic == LABELS_MAGIC)
                throw new UserError(file + " is an IDX label file, not an image file; give the images file"
                        + " (such as train-images-idx3-ubyte.gz)");
            if (magic != IMAGES_MAGIC)
                throw new UserError(file + " is not an IDX image file (magic number 0x" + hex(magic)
                        + ", expected 0x" + hex(IMAGES_MAGIC) + ")");
            int n = readHeaderInt(in, file, "image count");
            int rows = readHeaderInt(in, file, "row count");
            int cols = readHeaderInt(in, file, "column count");
            if (n <= 0) throw new UserError(file + " declares " + n + " images; an IDX image file needs at least one");
            if (rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE)
                throw new UserError(file + " declares images of " + rows + " x " + cols
                        + " pixels, which is not a valid size (1.." + MAX_SIDE + ")");
            int count = limit > 0 ? Math.min(limit, n) : n;
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8)
                throw new SettingError(IMAGE_LIMIT, name -> file + " holds " + total + " pixels, more than one array can hold; use " + name.apply(IMAGE_LIMIT));
            byte[] bytes = new byte[(int) total];
            int got = in.readNBytes(bytes, 0, bytes.length);
            if (got < bytes.length)
                throw new UserError(file + " is truncated: it declares " + n + " images of " + rows + " x " + cols
                        + " but the data ends after " + got + " of " + (long) n * rows * cols + " bytes");
            if (count == n) checkNoTrailingBytes(in, file, n + " images");
            float[] pixels = new float[bytes.length]; // (N, 1, rows, cols)
            for (int i = 0; i < bytes.length; i++) pixels[i] = Pixels.fromByte(bytes[i] & 0xFF);
            return new ImageSet(pixels, count, 1, rows, cols, "IDX file " + file);
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    /** Reads every label of an IDX label file (values 0..255). */
    public static int[] readLabels(Path file) {
        return readLabels(file, 0);
    }

    /** Reads the first {@code limit} labels (all if {@code limit <= 0}) of an IDX label file. */
    public static int[] readLabels(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            int magic = readHeaderInt(in, file, "magic number");
            if (magic == IMAGES_MAGIC)
                throw new UserError(file + " is an IDX image file, not a label file");
            if (magic != LABELS_MAGIC)
                throw new UserError(file + " is not an IDX label file (magic number 0x" + hex(magic)
                        + ", expected 0x" + hex(LABELS_MAGIC) + ")");
            int n = readHeaderInt(in, file, "label count");
            if (n <= 0) throw new UserError(file + " declares " + n + " labels; an IDX label file needs at least one");
            int count = limit > 0 ? Math.min(limit, n) : n;
            byte[] bytes = new byte[count];
            int got = in.readNBytes(bytes, 0, count);
            if (got < count)
                throw new UserError(file + " is truncated: it declares " + n + " labels but the data ends after "
                        + got + " bytes");
            if (count == n) checkNoTrailingBytes(in, file, n + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) labels[i] = bytes[i] & 0xFF;
            return labels;
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    /** Opens the file, unzipping it if it starts with the gzip magic bytes. */
    static DataInputStream open(Path file) throws IOException {
        ReadableFiles.require(file, "file");
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        return new DataInputStream(in);
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new UserError(file + " is truncated: it ends inside the IDX header (reading the " + what + ")");
        }
    }

    private static void checkNoTrailingBytes(InputStream in, Path file, String declared) throws IOException {
        if (in.read() != -1)
            throw new UserError(file + " has bytes after the " + declared + " it declares; it is not a valid IDX file");
    }

    private static UserError readError(Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException)
            return new UserError(file + " is a damaged or truncated gzip file (" + e.getMessage() + ")", e);
        return new UserError("cannot read " + file + ": " + ReadableFiles.reason(e), e);
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }
}
