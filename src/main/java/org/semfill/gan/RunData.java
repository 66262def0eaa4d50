package org.semfill.gan;

import java.io.PrintStream;
import java.nio.file.Path;
import org.semfill.data.ImageSet;
import org.semfill.data.PrepareOptions;
import org.semfill.data.PreparedImages;
import org.semfill.data.Preparation;
import org.semfill.internal.SettingError;
import org.semfill.kernels.Parallel;

/** The images a run's options name, prepared once into the cache folder and split into training and held-out parts. */
public final class RunData {
    private RunData() {}

    /** The prepared images of a run's options: all of them, the training part and the held-out tail (views of one file). */
    public record Prepared(PreparedImages all, PreparedImages train, PreparedImages heldOut) {}

    /** Prepares the data of the options in {@code cache} (or reuses it there), splitting off the last {@code holdOut} images. */
    public static Prepared prepare(TrainOptions o, Path cache, PrintStream log) {
        PrepareOptions po = new PrepareOptions(o.model().size(), o.model().channels(), o.crop(), o.limit() > 0 ? o.limit() + o.holdOut() : 0, false);
        Preparation.Result r = Preparation.obtain(o.data(), po, cache, Parallel.threads(), log);
        PreparedImages all = r.images();
        if (r.reused()) log.printf("using the prepared images %s (%,d images)%n", r.file(), all.n());
        if (r.skippedList() != null)
            log.printf("note: %,d %s of %s could not be decoded and %s left out (listed in %s)%n", r.manifest().skipped(),
                    r.manifest().skipped() == 1 ? "photo" : "photos", o.data(), r.manifest().skipped() == 1 ? "is" : "are", r.skippedList());
        if (all.n() <= o.holdOut())
            throw new SettingError(TrainingSetting.HOLD_OUT, name -> "the data has " + all.n() + " images, not more than "
                    + name.apply(TrainingSetting.HOLD_OUT) + " " + o.holdOut());
        return new Prepared(all, all.range(0, all.n() - o.holdOut()), all.range(all.n() - o.holdOut(), all.n()));
    }

    /** The training images of the options in memory (for small data: nearest-neighbour baselines, the tutorial). */
    public static ImageSet loadTrainingSet(TrainOptions o, Path cache) {
        try (PreparedImages all = prepare(o, cache, System.out).all()) {
            return all.load(0, all.n() - o.holdOut());
        }
    }
}
