package org.semfill.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Decompression bombs for tests: a PNG of a few hundred bytes whose header claims a huge image. */
public final class PngBomb {
    private PngBomb() {}

    /** A PNG whose header says width x height 8-bit grey pixels, followed by a tiny, meaningless image stream. */
    public static byte[] bytes(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit grey, deflate, no filter, no interlace
        chunk(out, "IHDR", header.toByteArray());
        chunk(out, "IDAT", new byte[300]);
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    /**
     * A valid PNG of width x height 16-bit RGBA pixels (8 bytes each, all zero), deflated to a small file: 4000 x 4000
     * is about 125 KB on disk and 128 MB decoded.
     */
    public static byte[] deep(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {16, 6, 0, 0, 0}); // 16-bit RGBA, deflate, no filter, no interlace
        chunk(out, "IHDR", header.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat, new java.util.zip.Deflater(9))) {
            byte[] row = new byte[1 + width * 8]; // filter byte 0, then the row
            for (int y = 0; y < height; y++) z.write(row);
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
