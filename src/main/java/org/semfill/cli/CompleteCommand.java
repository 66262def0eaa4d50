package org.semfill.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import org.semfill.completion.Completion;
import org.semfill.completion.CompletionJob;
import org.semfill.completion.CompletionReport;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.HmcSampler;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.gan.Encoder;
import org.semfill.internal.OutputFolders;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "complete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Semantic completion (Yeh et al. 2016): find the z whose G(z) fits the known pixels and looks real to D,",
                "fill the hole with it and blend. Writes per-image PNGs, a grid per batch, the loss curve, a search strip,",
                "the search as an animated GIF (search-NNN.gif) and its log as CSV (search-NNN.csv) per batch.",
                "search-NNN.csv: a header, then one row per iteration per image (iteration order) for each image's winning",
                "restart (lowest final loss), columns: " + CompletionReport.CSV_COLUMNS + ",z0,..,z<nz-1>",
                "(iteration from 1; image = index among the inputs from 0; the z that gave that row's losses, one column each).",
                "With --approach hmc: samples-NNN.png (each image's damaged input and its K fills); search-NNN.gif shows every",
                "chain's G(z) in the hole over the iterations; search-NNN.csv has one row per iteration per image per chain,",
                "columns: " + CompletionReport.HMC_CSV_COLUMNS + ",z0,..,z<nz-1> (chain from 1; accepted = 1 if that",
                "iteration's proposal was taken, else 0; acceptance = the chain's accepted share of its iterations so far).",
                "The images: --images, or the first --limit of --data ('bundled': its held-out images, never trained on)."})
public final class CompleteCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Option(names = "--images", arity = "1..*", paramLabel = "<images>", description = "image files or folders (PNG/JPEG); or --data")
    List<Path> files;

    @Mixin
    DataOption data;

    @Option(names = "--limit", defaultValue = "64", description = "with --data: how many images (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--mask", defaultValue = "center", description = "center, left, random[:p], grid[:k], lowres[:k] (only the k x k block means known: super-resolution; "
            + "--images may then be (S/k)x(S/k) small images), full, or a PNG (white = known) (default ${DEFAULT-VALUE})")
    String mask;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Mixin
    SearchOptions search;

    @Option(names = "--blend", defaultValue = "poisson", description = "poisson or none (default ${DEFAULT-VALUE})")
    String blend;

    @Option(names = "--snapshots", defaultValue = "100", description = "keep G(z) every K iterations for the search strip (0 = none; default ${DEFAULT-VALUE})")
    int snapshots;

    @Option(names = "--gif", defaultValue = "true", arity = "1", description = "write the search (with hmc: the chains) as an animated GIF per batch, search-NNN.gif (default ${DEFAULT-VALUE})")
    boolean gif;

    @Option(names = "--gif-frames", defaultValue = "40", description = "about this many GIF frames: one every iters/N steps, plus the last (default ${DEFAULT-VALUE})")
    int gifFrames;

    @Option(names = "--gif-rows", defaultValue = "8", description = "images shown in the GIF: the batch's first N (default ${DEFAULT-VALUE})")
    int gifRows;

    @Option(names = "--csv", defaultValue = "false", arity = "1", description = "write the search's log per batch, search-NNN.csv: a row per iteration and image (with hmc: and chain) with its z, about 70 MB for 64 images x 1000 iterations (K times that with hmc) (default ${DEFAULT-VALUE}; columns above)")
    boolean csv;

    @Option(names = "--approach", defaultValue = "adam", description = "adam (search the best z) or hmc (sample several z that fit, Amos's HMC; writes samples-NNN.png) (default ${DEFAULT-VALUE})")
    String approach;

    @Option(names = "--samples", defaultValue = "1", description = "with --approach hmc: fills (HMC chains) per image (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--hmc-beta", description = "with hmc: inverse temperature beta of exp(-beta * loss) (default ${DEFAULT-VALUE})")
    float hmcBeta = HmcSampler.Settings.defaults().beta();

    @Option(names = "--hmc-step", description = "with hmc: leapfrog step size (default ${DEFAULT-VALUE})")
    float hmcStep = HmcSampler.Settings.defaults().step();

    @Option(names = "--hmc-leapfrog", description = "with hmc: leapfrog steps per iteration (default ${DEFAULT-VALUE})")
    int hmcLeapfrog = HmcSampler.Settings.defaults().leapfrog();

    @Option(names = "--hmc-anneal", description = "with hmc: beta's factor after every iteration, 1 = no annealing (default ${DEFAULT-VALUE})")
    float hmcAnneal = HmcSampler.Settings.defaults().anneal();

    @Option(names = "--batch", defaultValue = "64", description = "images searched at once (default ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() {
        if (!blend.equals("poisson") && !blend.equals("none")) throw new UserError("--blend must be poisson or none, got '" + blend + "'");
        if (files == null && !data.given()) throw new UserError("complete needs the images to complete: --images FILE|FOLDER... or --data (see --help)");
        if (files != null && data.given()) throw new UserError("give --images or --data, not both");
        if (limit < 1) throw new UserError("--limit must be at least 1, got " + limit);
        if (batch < 1) throw new UserError("--batch must be at least 1, got " + batch);
        if (snapshots < 0) throw new UserError("--snapshots must be >= 0, got " + snapshots);
        if (gifFrames < 1) throw new UserError("--gif-frames must be at least 1, got " + gifFrames);
        if (gifRows < 1) throw new UserError("--gif-rows must be at least 1, got " + gifRows);
        if (!approach.equals("adam") && !approach.equals("hmc")) throw new UserError("--approach must be adam or hmc, got '" + approach + "'");
        boolean hmc = approach.equals("hmc");
        if (samples < 1 || samples > 64) throw new UserError("--samples must be between 1 and 64, got " + samples);
        if (!hmc && samples != 1) throw new UserError("--samples needs --approach hmc (Adam finds one fill per image; --restarts keeps its best start)");
        if (hmc && search.restarts != 1) throw new UserError("--restarts is for --approach adam; with hmc use --samples for several chains per image");
        HmcSampler.Settings hmcSettings = hmc ? new HmcSampler.Settings(hmcBeta, hmcStep, hmcLeapfrog, hmcAnneal) : null;
        Dcgan gan = model.run().model();
        boolean learned = search.learnedStart(gan);
        SearchSettings settings = search.settings(hmc ? samples : search.restarts, learned);
        int iters = settings.iterations();
        int size = gan.config.size(), channels = gan.config.channels();
        Rng rng = new Rng(common.seed);
        Mask m = Masks.requireKnownPixels(Masks.parse(mask, size, rng.split()), System.err);
        OutputFolders.requireWritable(out, "--out"); // before the images are read and the search runs
        CompletionInputs.Loaded in = files != null ? CompletionInputs.fromFiles(files, size, channels,
                m.knowsBlockAverages() ? size / m.block() : 0)
                : CompletionInputs.fromData(data.spec, size, channels, limit);
        boolean originalsKnown = data.given() || m.hasHole() && !in.lowResolution(); // a tiny lowres input has no original
        CompletionSession.Settings how = new CompletionSession.Settings(settings, search.weighted, blend.equals("poisson"), learned);
        if (learned) System.out.println("the search starts from the model's encoder (" + Encoder.FILE + "), " + iters
                + " iterations; --init random starts at random");
        if (hmc) return sample(gan, in, m, how, hmcSettings, rng);
        IntPredicate stripAt = Completion.Watch.every(snapshots, iters).snapshotAt();
        IntPredicate gifAt = gifFrames(iters, gifFrames);
        Completion.Watch watch = new Completion.Watch(it -> stripAt.test(it) || gif && gifAt.test(it), csv);
        ImageSet images = in.images();
        int batches = CompletionJob.batches(images.n(), batch);
        List<Path> grids = new ArrayList<>();
        for (int b = 0; b < batches; b++) grids.add(out.resolve(String.format("grid-%03d.png", b + 1)));
        // A finished batch's files are written on a writer thread while the next batch searches.
        CompletionJob.run(gan, images, m, how, watch, rng, batch, "complete", true, (b, from, to, r) ->
                CompletionReport.writeBatch(out, r, originalsKnown ? images.subset(from, to).pixels() : null, in.names().subList(from, to), b + 1,
                        from, stripAt, gif ? gifAt : null, gifRows, csv));
        System.out.println("completed " + images.n() + " images (" + images.source() + "), mask " + m.name() + ", " + iters + " iterations");
        System.out.println("grids:    " + listed(out, grids));
        System.out.println("images:   " + out.resolve("images"));
        System.out.println("loss:     " + out.resolve("loss-001.png") + (snapshots > 0 ? ", search strip: " + out.resolve("search-strip-001.png") : ""));
        printSearchFiles(batches);
        return 0;
    }

    /** The search's GIF and CSV of the first batch, when written (both approaches). */
    private void printSearchFiles(int batches) {
        if (gif || csv) System.out.println("search:   " + (gif ? out.resolve("search-001.gif") + (csv ? ", " : "") : "")
                + (csv ? out.resolve("search-001.csv") : "") + (batches > 1 ? " (one per batch)" : ""));
    }

    /**
     * --approach hmc: K fills per image by HMC, a samples-NNN.png grid per batch and the acceptance rate; with --gif
     * the chains as an animated GIF, with --csv every iteration of every chain (search-NNN.gif/.csv, as for adam).
     */
    private int sample(Dcgan gan, CompletionInputs.Loaded in, Mask m, CompletionSession.Settings how, HmcSampler.Settings hmc, Rng rng) {
        int iters = how.search().iterations();
        ImageSet images = in.images();
        List<Path> grids = new ArrayList<>();
        long[] accepted = {0}, proposed = {0}; // over all batches; the sink runs one batch at a time
        Completion.SampleWatch watch = new Completion.SampleWatch(gif ? gifFrames(iters, gifFrames) : it -> false, gif ? gifRows : 0, csv);
        CompletionJob.Timing t = CompletionJob.sample(gan, images, m, how, hmc, watch, rng, batch, "sample", true, (b, from, to, s) -> {
            long rows = (long) s.images().n() * s.chains().k() * iters;
            accepted[0] += Math.round(s.chains().acceptanceRate() * (double) rows);
            proposed[0] += rows;
            grids.add(CompletionReport.samplesGrid(out.resolve(String.format("samples-%03d.png", b + 1)), s));
            List<String> names = in.names().subList(from, to);
            if (gif) CompletionReport.samplesGif(out.resolve(String.format("search-%03d.gif", b + 1)), s, gifRows, 100);
            if (csv) CompletionReport.samplesCsv(out.resolve(String.format("search-%03d.csv", b + 1)), s, names, from);
        });
        System.out.println("sampled " + samples + " fills for each of " + images.n() + " images (" + images.source() + "), mask " + m.name()
                + ", " + iters + " HMC iterations of " + hmc.leapfrog() + " leapfrog steps");
        System.out.println(String.format("acceptance: %.3f", accepted[0] / (double) proposed[0]));
        System.out.println("samples:  " + listed(out, grids));
        printSearchFiles(t.batches());
        return 0;
    }

    /** The GIF's frames: every max(1, iters / frames) iterations (0-based) and the last. */
    static IntPredicate gifFrames(int iters, int frames) {
        int every = Math.max(1, iters / frames);
        return it -> it % every == 0 || it == iters - 1;
    }

    /** Grids shown by name before they are summarised as a count in their folder. */
    static final int LISTED = 3;

    /** The grid files in a short line: all of a few; else the folder, the count and the first and last name. */
    static String listed(Path folder, List<Path> files) {
        if (files.size() <= LISTED) return String.join(", ", files.stream().map(Path::toString).toList());
        return files.size() + " files in " + folder + " (" + files.get(0).getFileName() + " .. " + files.get(files.size() - 1).getFileName() + ")";
    }
}
