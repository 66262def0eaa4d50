package org.semfill.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.semfill.gan.RunData;
import org.semfill.gan.RunDirectory;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.evaluation.Evaluation;
import org.semfill.completion.evaluation.MaskComparison;
import org.semfill.data.DataSource;
import org.semfill.data.DataSources;
import org.semfill.data.ImageSet;
import org.semfill.data.PrepareOptions;
import org.semfill.data.PreparedImages;
import org.semfill.data.Preparation;
import org.semfill.data.TrainingImages;
import org.semfill.gan.Dcgan;
import org.semfill.gan.Encoder;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.evaluation.StartComparison;
import org.semfill.gan.TrainOptions;
import org.semfill.gan.Trainer;
import org.semfill.internal.OutputFolders;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate-completion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Mask held-out images, complete them, and score ours (blended and pasted) against mean, nearest-neighbour",
                "and harmonic fills with PSNR and SSIM over the hole and the whole image. Writes table.md, table.csv, psnr.png, ssim.png, examples.png.",
                "Held-out means never trained on: for 'bundled', the bundled test split; for the run's own data, its --hold-out images;",
                "any other --data is taken as given. Without --data: the run's own held-out images when it saved them (a run trained",
                "with --hold-out does), else 'bundled'.",
                "--mask all evaluates every mask type with a hole (center, left, random, grid, lowres) on the same images and seed: one",
                "table.md/table.csv (a row per mask and method), psnr.png (PSNR in the hole per mask) and each mask's own files in DIR/MASK/.",
                "'full' is left out: with nothing missing every method returns the image itself, a perfect score that tells nothing.",
                "lowres (only the k x k block means known: super-resolution) adds bicubic upscaling of the block means to the table,",
                "and its 'hole' is the whole image."})
public final class EvaluateCompletionCommand implements Callable<Integer> {
    /** The --mask value that evaluates every mask type of {@link Masks#NAMES} that has a hole. */
    public static final String ALL = "all";
    /**
     * The masks of --mask all: {@link Masks#NAMES} without {@code full}, where every method (ours keeps the known
     * pixels) returns the image itself and scores a trivially perfect whole image.
     */
    public static final List<String> ALL_MASKS = Masks.NAMES.stream().filter(n -> !n.equals("full")).toList();

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Mixin
    DataSourceOptions dataOptions;

    @Option(names = "--train-data", description = "training images for the nearest-neighbour fill, read in chunks (default: the run's training data)")
    String trainData;

    @Option(names = "--mask", defaultValue = "center", description = "mask type or PNG, as for complete (lowres[:k]: super-resolution from the k x k block means), or 'all' for every mask type (default ${DEFAULT-VALUE})")
    String mask;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--limit", defaultValue = "64", description = "held-out images to evaluate (default ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    SearchOptions search;

    @Option(names = "--compare-starts", description = "complete the held-out images from random starts and from the model's encoder "
            + "(semfill train-encoder), measuring the PSNR in the hole along the way; writes starts.png and starts.csv")
    boolean compareStarts;

    @Option(names = "--every", defaultValue = "10", description = "with --compare-starts: measure every N iterations (default ${DEFAULT-VALUE})")
    int every;

    @Override
    public Integer call() {
        if (limit < 1) throw new UserError("--limit must be at least 1, got " + limit);
        if (every < 1) throw new UserError("--every must be at least 1, got " + every);
        RunDirectory folder = model.run();
        Dcgan gan = folder.model();
        int side = gan.config.size();
        boolean all = ALL.equalsIgnoreCase(mask.trim());
        // Each mask's random choices come from the seed alone, as in a single-mask run: every row equals that run's.
        List<Mask> masks = new ArrayList<>();
        for (String spec : all ? ALL_MASKS : List.of(mask))
            masks.add(Masks.requireKnownPixels(Masks.parse(spec, side, new Rng(common.seed).split()), System.err));
        OutputFolders.requireWritable(out, "--out"); // before the data is prepared and the searches run
        int size = gan.config.size(), channels = gan.config.channels();
        TrainOptions run = Files.isDirectory(model.path) ? folder.configIfAny() : null;
        DataSource source = dataOptions.source();
        String data = source.given() ? source.spec() // a face model is judged on the faces it never saw, not on garments
                : run != null && run.holdOut() > 0 && Files.isRegularFile(folder.file(RunDirectory.HELD_OUT)) ? run.data() : DataSources.BUNDLED;
        try (Sources sources = new Sources(run, source.cache())) {
            ImageSet heldOut = heldOut(sources, run, data, size, channels);
            if (compareStarts) return compareStarts(gan, heldOut, masks);
            TrainingImages train = train(sources, run, size, channels);
            boolean learned = search.learnedStart(gan);
            CompletionSession.Settings o = new CompletionSession.Settings(search.settings(learned), search.weighted, true, learned);
            if (!all) {
                Mask m = masks.get(0);
                Evaluation.Outcome outcome = Evaluation.run(gan, heldOut, train, m, o, common.seed, 64);
                Evaluation.write(out, outcome, heldOut, m, 8);
                System.out.println(outcome.table().toMarkdown());
                printSources(heldOut, train);
                System.out.println("wrote " + out.resolve("table.md") + ", table.csv, psnr.png, ssim.png, examples.png");
                return 0;
            }
            MaskComparison comparison = new MaskComparison();
            for (Mask m : masks) {
                System.out.println("mask " + m.name() + ":");
                Evaluation.Outcome outcome = Evaluation.run(gan, heldOut, train, m, o, common.seed, 64);
                Evaluation.write(OutputFolders.requireWritable(out.resolve(m.name()), "--out"), outcome, heldOut, m, 8);
                comparison.add(m.name(), outcome.table());
            }
            comparison.write(out, heldOut.n());
            System.out.println(comparison.toMarkdown());
            printSources(heldOut, train);
            System.out.println("wrote " + out.resolve("table.md") + ", table.csv, psnr.png, and each mask's table, charts and examples.png in "
                    + out.resolve("MASK") + " (" + String.join(", ", comparison.masks()) + ")");
        }
        return 0;
    }

    /** --compare-starts: the PSNR-vs-iterations curves of both starts, per mask, and how many iterations the encoder saves. */
    private int compareStarts(Dcgan gan, ImageSet heldOut, List<Mask> masks) {
        if (!gan.hasEncoder())
            throw new UserError("--compare-starts needs an encoder beside the model (" + Encoder.FILE + "): train one with 'semfill train-encoder --model "
                    + model.path + "'");
        if (search.init != null) throw new UserError("--compare-starts runs both starts; drop --init");
        // both starts run the same number of iterations: --iters, else Amos's 1,000
        CompletionSession.Settings settings = new CompletionSession.Settings(search.settings(false), search.weighted, true);
        for (Mask m : masks) {
            Path dir = masks.size() == 1 ? out : OutputFolders.requireWritable(out.resolve(m.name()), "--out");
            StartComparison.Outcome o = StartComparison.run(gan, heldOut, m, settings, common.seed, 64, every);
            StartComparison.write(dir, o);
            System.out.println(o.summary());
            System.out.println("wrote " + dir.resolve("starts.png") + ", " + dir.resolve("starts.csv"));
        }
        return 0;
    }

    private static void printSources(ImageSet heldOut, TrainingImages train) {
        System.out.printf("held-out: %s (%d images); nearest neighbours searched among %,d training images (%s)%n", heldOut.source(),
                heldOut.n(), train.n(), train.source());
    }

    /** The run's prepared data ({@link Trainer#prepare}), opened at most once and closed at the end. */
    private static final class Sources implements AutoCloseable {
        private final TrainOptions run;
        private final Path cache;
        private final java.util.List<PreparedImages> open = new java.util.ArrayList<>();
        private RunData.Prepared prepared;

        Sources(TrainOptions run, Path cache) {
            this.run = run;
            this.cache = cache;
        }

        RunData.Prepared prepared() {
            if (prepared == null) {
                prepared = RunData.prepare(run, cache, System.out);
                open.add(prepared.all());
            }
            return prepared;
        }

        PreparedImages keep(PreparedImages images) {
            open.add(images);
            return images;
        }

        @Override
        public void close() {
            for (PreparedImages p : open) p.close();
        }
    }

    /**
     * The first --limit held-out images: the bundled test split; for the run's own data, the run's
     * {@value Trainer#HELD_OUT} (else the --hold-out tail of its prepared data); any other --data as given.
     */
    private ImageSet heldOut(Sources sources, TrainOptions run, String data, int size, int channels) {
        if (DataSources.BUNDLED.equals(data)) return DataSources.loadBundledHeldOut(size, channels, limit);
        if (run != null && data.equals(run.data())) {
            if (run.holdOut() == 0)
                throw new UserError("the run trained on all of " + data + "; evaluate on other images, or train with --hold-out N");
            Path saved = RunDirectory.of(model.path).file(RunDirectory.HELD_OUT);
            PreparedImages held = Files.isRegularFile(saved)
                    ? sources.keep(PreparedImages.open(saved, "the held-out images of " + model.path + " (" + RunDirectory.HELD_OUT + ")", RunDirectory.HELD_OUT_REMEDY))
                    : sources.prepared().heldOut();
            return DataSources.conform(held.load(0, Math.min(limit, held.n())), size, channels);
        }
        return DataSources.load(data, size, channels, limit);
    }

    /**
     * The training images the nearest-neighbour fill searches, read a chunk at a time: --train-data (prepared in the
     * cache), else the run's training images (its prepared data without the held-out tail), else the bundled set.
     */
    private TrainingImages train(Sources sources, TrainOptions run, int size, int channels) {
        if (trainData != null) {
            PrepareOptions po = new PrepareOptions(size, channels, run != null ? run.crop() : 0, 0, false);
            return sources.keep(Preparation.obtain(trainData, po, sources.cache, Parallel.threads(), System.out).images());
        }
        if (run != null) return sources.prepared().train();
        return DataSources.load(DataSources.BUNDLED, size, channels, 0);
    }
}
