package org.semfill.tutorial;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.semfill.data.DataSource;
import org.semfill.data.Preparation;
import org.semfill.gan.RunDirectory;
import org.semfill.gan.RunData;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.completion.evaluation.Evaluation;
import org.semfill.data.ImageSet;
import org.semfill.data.PreparedImages;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.TrainOptions;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.io.ImageGrid;
import org.semfill.io.Images;
import org.semfill.quality.MemorisationCheck;

/**
 * Chapter 5: faces, the blog's own example. Trains the reference 64 x 64 DCGAN on a folder of face photos (CelebA,
 * LFW, or any aligned faces), keeping some faces out, and draws the chapter's pictures from it: real faces beside
 * samples over the epochs, held-out faces completed under every mask, the comparison with simple fills, and the
 * memorisation check. Everything goes through the same classes as the {@code prepare}, {@code train},
 * {@code complete}, {@code evaluate-completion} and {@code inspect} commands.
 */
public final class Chapter5Faces {
    /** Seed of the chapter's pictures. */
    public static final long DEFAULT_SEED = 1;
    static final int IMAGES_PER_MASK = 4;

    /**
     * What to train on and how long.
     *
     * @param data     a folder of face photos
     * @param channels 3 for colour photos (CelebA, LFW), 1 for grey ones
     * @param crop     centred square taken before resizing (CelebA's aligned photos: 108; 0 = the largest)
     * @param holdOut  faces kept out of training, completed at the end
     * @param iters    iterations of the completion search
     */
    public record Settings(String data, int channels, int crop, int epochs, int holdOut, int iters, Path run) {}

    private Chapter5Faces() {}

    /**
     * Arguments: FOLDER [channels (3)] [crop (0)] [epochs (20)] [hold-out (100)] [charts folder (charts)] [run folder (runs/tutorial-5)]
     * [search iterations (1000)].
     * For CelebA's aligned photos: {@code img_align_celeba 3 108 20 1000}.
     */
    public static void main(String[] args) {
        ChapterArgs.main(USAGE, 8, args, a -> {
            Settings s = new Settings(a.required(0, "the folder of face photos, e.g. Chapter5Faces img_align_celeba 3 108"),
                    a.oneOf(1, "channels", 3, 1, 3), a.integer(2, "crop", 0, 0, 65_536), a.integer(3, "epochs", 20, 1, 100_000),
                    a.integer(4, "held-out faces", 100, 1, 1_000_000), a.integer(7, "search iterations", SearchSettings.defaults().iterations(), 1, Integer.MAX_VALUE),
                    a.path(6, "run folder", "runs/tutorial-5"));
            Path charts = a.path(5, "charts folder", "charts");
            Chapter.printKernels(System.out);
            run(charts, s, DEFAULT_SEED, Preparation.defaultCacheFolder(), System.out);
        });
    }

    static final String USAGE = "Chapter5Faces FOLDER [channels, 1 or 3 (3)] [crop, 0 = none (0)] [epochs (20)] [held-out faces (100)]"
            + " [charts folder (charts)] [run folder (runs/tutorial-5)] [search iterations (1000)]";

    /** For {@code semfill tutorial 5}: the folder comes from {@code --data}, the rest are the chapter's defaults. */
    public static List<Path> run(Path chartsDir, long seed, DataSource source, PrintStream log) {
        String data = source.spec();
        if (data == null || data.isBlank())
            throw new UserError("chapter 5 trains on your face photos: run 'semfill tutorial 5 --data FOLDER' (see tutorials/05-faces.md "
                    + "for getting CelebA or LFW)");
        return run(chartsDir, new Settings(data, 3, 0, 20, 100, SearchSettings.defaults().iterations(), Path.of("runs/tutorial-5")), seed,
                source.cache(), log);
    }

    public static List<Path> run(Path chartsDir, Settings s, long seed, Path cache, PrintStream log) {
        int width = DcganConfig.defaultWidth(64, 3); // the reference widths, also for grey faces
        TrainOptions o = new TrainOptions(s.data(), new DcganConfig(64, s.channels(), 100, width, width), s.epochs(), 64, 2e-4f, 0.5f, 0,
                s.holdOut(), seed, 0, s.crop(), TrainOptions.DEFAULT_CHECKPOINT_MINUTES);
        Dcgan gan = RunDirectory.of(s.run()).trainOrReuse(o, cache, t -> {}, log);
        RunData.Prepared data = RunData.prepare(o, cache, System.out);
        List<Path> written = new ArrayList<>();
        written.add(RealBesideSamples.write(chartsDir.resolve("faces-real-vs-samples.png"), gan, data.train(), seed, "faces", log));
        written.add(epochs(chartsDir.resolve("faces-epochs.png"), s.run(), s.epochs(), log));
        written.add(Chapter3Dcgan.copy(s.run().resolve("losses.png"), chartsDir.resolve("faces-losses.png"), log, "the losses, D(x) and D(G(z)) of the run"));
        ImageSet held = interleaved(data.heldOut().load(0, Math.min(data.heldOut().n(), 64)), IMAGES_PER_MASK);
        Rng rng = new Rng(seed ^ 0xFACEL);
        SearchSettings search = SearchSettings.defaults().withIterations(s.iters()).withRestarts(2);
        written.add(allMasks(chartsDir.resolve("faces-all-masks.png"), gan, held, search, rng, log));
        written.addAll(baselines(chartsDir, gan, held, data.train(), search, rng, log));
        written.add(memorisation(chartsDir.resolve("faces-memorisation.png"), gan, data, seed, log));
        data.all().close();
        return written;
    }

    /**
     * The images in the order 0, n/k, 2n/k, ..., then 1, n/k + 1, ...: the first rows of every figure come from
     * different parts of the held-out set (in a folder sorted by person, different people), not one person's photos.
     */
    static ImageSet interleaved(ImageSet set, int k) {
        int n = set.n(), per = set.imageSize(), stride = Math.max(1, n / k), at = 0;
        float[] out = new float[n * per];
        for (int r = 0; r < stride; r++)
            for (int i = r; i < n; i += stride) System.arraycopy(set.pixels(), i * per, out, at++ * per, per);
        return new ImageSet(out, n, set.c(), set.h(), set.w(), set.source());
    }

    /** The sample grids of four epochs (first, two between, last), one above the other: the faces appear. */
    private static Path epochs(Path file, Path run, int epochs, PrintStream log) {
        int[] shown = {1, Math.max(1, epochs / 4), Math.max(1, epochs / 2), epochs};
        List<Path> grids = new ArrayList<>();
        for (int e : shown) grids.add(run.resolve(String.format(Locale.ROOT, "samples/epoch-%03d.png", e)));
        Images.stackVertically(grids, file, 3); // each grid's title and first two rows
        log.println(file + ": samples of the same z after epochs " + java.util.Arrays.toString(shown) + ": blur, then face shapes, then faces");
        return file;
    }

    /** {@value #IMAGES_PER_MASK} held-out faces completed under every mask: a row per mask of (damaged, G(z), completed) triples. */
    private static Path allMasks(Path file, Dcgan gan, ImageSet held, SearchSettings search, Rng rng, PrintStream log) {
        int k = Math.min(IMAGES_PER_MASK, held.n()), c = gan.config.channels(), s = gan.config.size(), rgb = 3 * s * s, cols = 3 * k;
        ImageSet some = held.subset(0, k);
        List<Mask> masks = new ArrayList<>();
        for (String name : Masks.NAMES) masks.add(Masks.parse(name, s, rng.split()));
        float[] cells = new float[masks.size() * cols * rgb];
        for (int m = 0; m < masks.size(); m++) {
            Mask mask = masks.get(m);
            CompletionSession.Fill r;
            try (CompletionSession session = new CompletionSession(gan, some.pixels(), k, mask, settings(search), rng.split());
                 Progress p = Progress.start("mask " + mask.name(), search.iterations(), "it")) {
                r = session.finish(p);
            }
            float[][] columns = {CompletionFigures.toRgb(some.pixels(), k, c, s, mask), CompletionFigures.toRgb(r.generated(), k, c, s, null),
                    CompletionFigures.toRgb(r.blended(), k, c, s, null)};
            for (int i = 0; i < k; i++)
                for (int col = 0; col < 3; col++) System.arraycopy(columns[col], i * rgb, cells, (m * cols + 3 * i + col) * rgb, rgb);
        }
        List<String> titles = new ArrayList<>(), labels = new ArrayList<>();
        for (int i = 0; i < k; i++) titles.addAll(List.of("damaged", "G(z)", "completed"));
        for (Mask m : masks) labels.add(m.name());
        new ImageGrid(cols).title("Held-out faces under every mask (blue = missing)").columnTitles(titles).rowLabels(labels)
                .write(file, cells, masks.size() * cols, 3, s, s);
        log.println(file + ": " + k + " held-out faces completed under every mask");
        return file;
    }

    /** Centre hole on the held-out faces: ours against the mean, nearest-neighbour and harmonic fills. */
    private static List<Path> baselines(Path chartsDir, Dcgan gan, ImageSet held, PreparedImages train, SearchSettings search, Rng rng, PrintStream log) {
        Mask centre = Masks.center(gan.config.size());
        CompletionSession.Fill r;
        try (CompletionSession session = new CompletionSession(gan, held.pixels(), held.n(), centre, settings(search), rng.split());
             Progress p = Progress.start("centre hole, " + held.n() + " faces", search.iterations(), "it")) {
            r = session.finish(p);
        }
        Evaluation.Outcome outcome = Evaluation.compare(held, train, centre, r.blended(), r.completed()); // streams all training faces
        Path dir = chartsDir.resolve("faces-evaluation");
        Evaluation.write(dir, outcome, held, centre, 8);
        log.println(outcome.table().toMarkdown());
        List<Path> files = new ArrayList<>();
        files.add(Chapter3Dcgan.copy(dir.resolve("examples.png"), chartsDir.resolve("faces-vs-baselines.png"), log,
                "held-out faces with a centre hole: ours beside the simple fills"));
        files.add(Chapter3Dcgan.copy(dir.resolve("psnr.png"), chartsDir.resolve("faces-psnr.png"), log, "PSNR in the hole and over the image, per method"));
        return files;
    }

    /** Samples beside their nearest training faces: a GAN that copies would show twins. */
    private static Path memorisation(Path file, Dcgan gan, RunData.Prepared data, long seed, PrintStream log) {
        int m = 64;
        ImageSet train = data.train().load(0, Math.min(data.train().n(), 5_000)); // the first 5,000: 250 MB at 64 x 64 colour
        ImageSet held = data.heldOut().load(0, Math.min(data.heldOut().n(), m));
        float[] samples = gan.sample(new Rng(seed ^ 0x3E3L), m).data();
        MemorisationCheck.Result res = MemorisationCheck.run(samples, m, train, held, 6, Math.min(2, held.n()), 4, file, null);
        log.println(file + ": samples (top rows) and held-out faces (bottom rows) beside their nearest training faces; " + res.summary());
        return file;
    }

    /** The chapter's completion: {@code search}, Yeh's weights, Poisson blending. */
    /** Yeh's search from random starts, as the chapter explains it (an encoder in the run does not change its figures). */
    private static CompletionSession.Settings settings(SearchSettings search) {
        return CompletionSession.Settings.defaults().withSearch(search).withLearnedStart(false);
    }
}
