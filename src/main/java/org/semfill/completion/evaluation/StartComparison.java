package org.semfill.completion.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.semfill.charts.LineChart;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.Mask;
import org.semfill.completion.Region;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Check;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;

/**
 * How much the learned start saves: the same held-out images completed twice with the same seed, once from random
 * starts and once from the model's encoder, with the mean PSNR in the hole of the blended fill measured along the
 * way. The answer is the iteration at which the learned start first reaches the PSNR the random start has after
 * all its iterations.
 */
public final class StartComparison {
    /** Mean PSNR in the hole (dB) after each of {@code iterations} steps, for random and for learned starts. */
    public record Outcome(int n, String mask, int[] iterations, double[] random, double[] learned) {
        /** The random start's PSNR after all its iterations: the target. */
        public double target() {
            return random[random.length - 1];
        }

        /** The first measured iteration at which the learned start reaches {@link #target()}, or -1 if it never does. */
        public int learnedReachesTargetAt() {
            for (int i = 0; i < learned.length; i++) if (learned[i] >= target()) return iterations[i];
            return -1;
        }

        /** How many times fewer iterations the learned start needs (NaN if it never gets there). */
        public double speedup() {
            int at = learnedReachesTargetAt();
            return at < 0 ? Double.NaN : iterations[iterations.length - 1] / (double) at;
        }

        public String summary() {
            int last = iterations[iterations.length - 1], at = learnedReachesTargetAt();
            return String.format("random start: %.2f dB after %d iterations; learned start: %.2f dB after 1, %s, and %.2f dB after %d "
                            + "(PSNR in the hole, mean of %d images, mask %s)", target(), last, learned[0],
                    at < 0 ? "never reaches it" : String.format("reaches it after %d (%.1fx fewer)", at, speedup()),
                    learned[learned.length - 1], last, n, mask);
        }
    }

    private StartComparison() {}

    /**
     * Completes {@code images} with {@code settings} from both starts (the model must have an encoder), in batches of
     * {@code batch}, measuring after step 1, every {@code every} steps and after the last.
     */
    public static Outcome run(Dcgan gan, ImageSet images, Mask mask, CompletionSession.Settings settings, long seed, int batch, int every) {
        Check.arg(gan.hasEncoder(), "comparing starts needs a model with an encoder");
        Check.arg(every >= 1 && batch >= 1, "every and batch must be positive");
        int iters = settings.search().iterations();
        int points = 0;
        for (int k = 1; k <= iters; k++) if (measured(k, every, iters)) points++;
        int[] at = new int[points];
        for (int k = 1, p = 0; k <= iters; k++) if (measured(k, every, iters)) at[p++] = k;
        double[] random = curve(gan, images, mask, settings.withLearnedStart(false), seed, batch, every, at, "random start");
        double[] learned = curve(gan, images, mask, settings.withLearnedStart(true), seed, batch, every, at, "learned start");
        return new Outcome(images.n(), mask.name(), at, random, learned);
    }

    private static boolean measured(int k, int every, int iters) {
        return k == 1 || k % every == 0 || k == iters;
    }

    /** The mean over images of the PSNR in the hole of the blended fill after each step in {@code at}. */
    private static double[] curve(Dcgan gan, ImageSet images, Mask mask, CompletionSession.Settings s, long seed, int batch, int every,
                                  int[] at, String what) {
        double[] sum = new double[at.length];
        int n = images.n(), per = images.imageSize(), iters = s.search().iterations();
        Rng rng = new Rng(seed); // the same seed for both starts: the random restarts draw the same z
        int batches = (n + batch - 1) / batch;
        for (int b = 0; b < batches; b++) {
            ImageSet part = images.subset(b * batch, Math.min(n, (b + 1) * batch));
            try (Progress p = Progress.start(String.format("%s %d/%d", what, b + 1, batches), iters, "it");
                 CompletionSession session = new CompletionSession(gan, part.pixels(), part.n(), mask, s, rng.split())) {
                for (int k = 1, point = 0; k <= iters; k++) {
                    session.step();
                    p.step(1);
                    if (!measured(k, every, iters)) continue;
                    float[] blended = session.fill().blended();
                    for (int i = 0; i < part.n(); i++)
                        sum[point] += Metrics.psnr(part.image(i), java.util.Arrays.copyOfRange(blended, i * per, (i + 1) * per), mask, Region.HOLE);
                    point++;
                }
            }
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= n;
        return sum;
    }

    /** starts.csv (iteration, random, learned) and starts.png (both curves, the target and where it is reached). */
    public static void write(Path dir, Outcome o) {
        StringBuilder csv = new StringBuilder("iteration,psnr_hole_random_start,psnr_hole_learned_start\n");
        double[] x = new double[o.iterations().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = o.iterations()[i];
            csv.append(o.iterations()[i]).append(',').append(String.format("%.4f", o.random()[i])).append(',')
                    .append(String.format("%.4f", o.learned()[i])).append('\n');
        }
        try {
            AtomicFiles.writeString(dir.resolve("starts.csv"), csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = o.learnedReachesTargetAt();
        LineChart chart = new LineChart("Completion from a learned start vs random starts", "search iterations (Adam steps on z)",
                "PSNR in the hole (dB), blended").line("random start", x, o.random()).line("learned start (encoder)", x, o.learned())
                .horizontalLine(o.target())
                .subtitle(String.format("%d held-out images, mask %s; dashed: the random start's PSNR after %d iterations", o.n(), o.mask(),
                        o.iterations()[o.iterations().length - 1]));
        if (at > 0) chart.verticalLine(at, String.format("reached after %d (%.1fx fewer)", at, o.speedup()), 1);
        chart.writePng(dir.resolve("starts.png"), 800, 480);
    }
}
