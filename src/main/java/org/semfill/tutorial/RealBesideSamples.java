package org.semfill.tutorial;

import java.io.PrintStream;
import java.nio.file.Path;
import org.semfill.data.PreparedImages;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Rng;
import org.semfill.io.ImageGrid;

/**
 * The first picture to look at after training: real training images (left four columns) beside samples of the
 * generator (right four), so the eye compares them directly; losses alone do not say whether G draws well.
 */
final class RealBesideSamples {
    private RealBesideSamples() {}

    /** Writes the figure for up to 32 real images and as many samples; {@code what} names the images ("faces"). */
    static Path write(Path file, Dcgan gan, PreparedImages train, long seed, String what, PrintStream log) {
        int n = Math.min(32, train.n() / 4 * 4), c = gan.config.channels(), s = gan.config.size(), per = c * s * s;
        float[] real = train.load(0, n).pixels();
        float[] fake = gan.sample(new Rng(seed), n).data();
        float[] cells = new float[2 * n * per];
        for (int r = 0; r < n / 4; r++)
            for (int k = 0; k < 4; k++) {
                System.arraycopy(real, (r * 4 + k) * per, cells, (r * 8 + k) * per, per);
                System.arraycopy(fake, (r * 4 + k) * per, cells, (r * 8 + 4 + k) * per, per);
            }
        new ImageGrid(8).title("Left: real training " + what + ". Right: G(z) for random z").write(file, cells, 2 * n, c, s, s);
        log.println(file + ": real training " + what + " (left four columns) beside samples of the trained generator (right four)");
        return file;
    }
}
