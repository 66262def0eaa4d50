package org.semfill.studio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.semfill.data.DataSources;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;

/** Shared pieces of the studio's tests: a tiny untrained model, test images, and raw HTTP requests. */
final class StudioFixtures {
    /** 28 x 28 grey like the bundled data, but with a handful of channels so a search step takes milliseconds. */
    static final DcganConfig TINY = new DcganConfig(28, 1, 8, 4, 4);

    private StudioFixtures() {}

    static Dcgan tinyGan() {
        return Dcgan.create(TINY, 7);
    }

    /**
     * The tiny model with G's convolution weights scaled up 20 times: at initialisation G(z) barely depends on z, so
     * HMC's chains would all look alike; scaled, different z give visibly different images, as after training.
     */
    static Dcgan variedGan() {
        Dcgan gan = tinyGan();
        for (var e : gan.generator.stateDict().entrySet())
            if (e.getKey().endsWith("weight") && e.getValue().shape().length == 4)
                for (int i = 0; i < e.getValue().floats().length; i++) e.getValue().floats()[i] *= 20f;
        return gan;
    }

    /** The first n bundled held-out garments at the tiny model's size, as the examples of a model trained on bundled. */
    static ExampleImages garments(int n) {
        ImageSet set = DataSources.loadBundledHeldOut(TINY.size(), TINY.channels(), n);
        return new ExampleImages(set, set.source());
    }

    /** A w x h RGB image: a diagonal colour ramp with a bright square, as PNG or JPEG bytes. */
    static byte[] picture(int w, int h, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int v = (x + y) * 255 / Math.max(1, w + h - 2);
                boolean square = x > w / 3 && x < 2 * w / 3 && y > h / 3 && y < 2 * h / 3;
                img.setRGB(x, y, square ? 0xF0F0F0 : (v << 16) | ((255 - v) << 8) | 90);
            }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /**
     * A PNG of a few hundred bytes whose header claims {@code w x h} 8-bit grey pixels (a decompression bomb at
     * 40000 x 40000: decoding it would allocate 1.6 GB).
     */
    static byte[] bomb(int w, int h) throws IOException {
        return org.semfill.data.PngBomb.bytes(w, h);
    }

    /** A decoding budget that never refuses an upload of the tests' sizes. */
    static DecodeBudget ampleBudget() {
        return new DecodeBudget(1L << 30, 1000);
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        if (img == null) throw new IOException("not an image");
        return img;
    }

    /** Sends one HTTP/1.1 request exactly as written (no client normalising the path) and returns the status and body. */
    static String[] raw(int port, String method, String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String status = all.substring(all.indexOf(' ') + 1, all.indexOf(' ') + 4);
            int bodyAt = all.indexOf("\r\n\r\n");
            return new String[] {status, bodyAt < 0 ? "" : all.substring(bodyAt + 4)};
        }
    }
}
