package org.semfill.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semfill.internal.UserError;

/**
 * The NumPy {@code .npy} format (version 1.0) for the one array kind semfill stores: unsigned bytes in C order.
 * A file is the magic {@code \x93NUMPY}, the version bytes 1 0, a little-endian uint16 header length, an ASCII
 * Python dict {@code {'descr': '|u1', 'fortran_order': False, 'shape': (N, C, H, W), }} padded with spaces and a
 * newline so the data starts on a 64-byte boundary, then the raw bytes. {@code numpy.load(f, mmap_mode='r')}
 * opens it without reading it.
 *
 * <p>Our header is always {@value #HEADER_BYTES} bytes, whatever the shape, so a writer can put a placeholder
 * first and the final count last, after it knows how many images were good.
 */
public final class Npy {
    private Npy() {}

    /** Total header size (magic to newline); the array's bytes start here. */
    public static final int HEADER_BYTES = 128;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** The header of a uint8 C-order array of this shape: exactly {@value #HEADER_BYTES} bytes. */
    public static byte[] header(long... shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            dims.append(d).append(", ");
        }
        if (shape.length > 1) dims.setLength(dims.length() - 2); // (N, C, H, W); one dimension keeps its comma: (N,)
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
        int room = HEADER_BYTES - 10 - 1; // magic, version, length; the final newline
        if (dict.length() > room) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " too long for an npy header");
        byte[] out = new byte[HEADER_BYTES];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        int len = HEADER_BYTES - 10;
        out[8] = (byte) (len & 0xFF);
        out[9] = (byte) (len >>> 8);
        byte[] text = (dict + " ".repeat(room - dict.length()) + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }

    /** What to do about a damaged prepared file in the cache: it is made again from the data. */
    public static final String PREPARE_AGAIN = "delete it and prepare the data again";

    /** Where the data starts and the array's shape, read from an open file; a {@link UserError} naming it if it is not a uint8 npy. */
    public static Layout read(FileChannel ch, Path file) throws IOException {
        return read(ch, file, PREPARE_AGAIN);
    }

    /** {@link #read(FileChannel, Path)}, with {@code remedy} (what the user can do) ending the errors about damage. */
    public static Layout read(FileChannel ch, Path file, String remedy) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(10);
        if (ch.read(head, 0) < 10 || !Arrays.equals(Arrays.copyOf(head.array(), 6), MAGIC))
            throw new UserError(file + " is not a NumPy .npy file (no \\x93NUMPY magic); " + remedy);
        int major = head.get(6) & 0xFF;
        int len = major == 1 ? (head.get(8) & 0xFF) | (head.get(9) & 0xFF) << 8 : -1;
        if (len < 0 || len > 65_535) throw new UserError(file + ": npy version " + major + " is not supported (semfill writes version 1)");
        ByteBuffer text = ByteBuffer.allocate(len);
        if (ch.read(text, 10) < len) throw new UserError(file + " is truncated inside its npy header; " + remedy);
        String dict = new String(text.array(), StandardCharsets.US_ASCII);
        Matcher d = DESCR.matcher(dict), o = ORDER.matcher(dict), s = SHAPE.matcher(dict);
        if (!d.find() || !o.find() || !s.find()) throw new UserError(file + " has a damaged npy header: " + dict.trim());
        if (!d.group(1).equals("|u1") && !d.group(1).equals("<u1"))
            throw new UserError(file + " holds '" + d.group(1) + "' values; semfill reads uint8 ('|u1') arrays");
        if (o.group(1).equals("True")) throw new UserError(file + " is in Fortran order; save it in C order (numpy.ascontiguousarray)");
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(x -> parseDim(x, file)).toArray();
        long offset = 10L + len, bytes = 1;
        for (long dim : shape) {
            if (dim != 0 && bytes > Long.MAX_VALUE / dim) // a crafted or damaged shape: no file can hold that many bytes
                throw new UserError(file + " has a damaged npy header: its shape " + Arrays.toString(shape)
                        + " promises more bytes than any file can hold; " + remedy);
            bytes *= dim;
        }
        if (ch.size() < offset + bytes)
            throw new UserError(file + " is truncated: its header promises " + bytes + " bytes of data, the file holds "
                    + Math.max(0, ch.size() - offset) + "; " + remedy);
        return new Layout(offset, shape);
    }

    private static long parseDim(String x, Path file) {
        try {
            long v = Long.parseLong(x.endsWith("L") ? x.substring(0, x.length() - 1) : x);
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new UserError(file + " has a damaged npy shape entry '" + x + "'");
        }
    }

    /** Where an array's bytes begin, and its shape. */
    public record Layout(long dataOffset, long[] shape) {}
}
