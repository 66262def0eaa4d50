package org.semfill.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Hostile images for tests: PNGs whose header claims a huge image (or that decode huge), and a truncated JPEG. */
public final class PngBomb {
    private PngBomb() {}

    /** A PNG whose header says width x height 8-bit grey pixels, followed by a tiny, meaningless image stream. */
    public static byte[] bytes(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = start(bytes, width, height, 8, 0); // 8-bit grey
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
        DataOutputStream out = start(bytes, width, height, 16, 6); // 16-bit RGBA
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

    /** The PNG signature and an IHDR chunk (deflate, no filter, no interlace) into {@code bytes}; returns the stream to go on with. */
    private static DataOutputStream start(ByteArrayOutputStream bytes, int width, int height, int bitDepth, int colourType)
            throws IOException {
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {(byte) bitDepth, (byte) colourType, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        return out;
    }

    /** The first half of a 64 x 64 noise JPEG: ImageIO decodes it with a warning ("premature end") and a grey lower part. */
    public static byte[] truncatedJpeg() throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(1);
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) img.setRGB(x, y, r.nextInt());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return java.util.Arrays.copyOf(out.toByteArray(), out.size() / 2);
    }
}
