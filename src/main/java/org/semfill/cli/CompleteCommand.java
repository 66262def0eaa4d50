package org.semfill.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.semfill.completion.Completion;
import org.semfill.completion.CompletionReport;
import org.semfill.completion.CompletionResult;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.gan.ModelFiles;
import org.semfill.internal.OutputFolders;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "complete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Semantic completion (Yeh et al. 2016): find the z whose G(z) fits the known pixels and looks real to D,",
                "fill the hole with it and blend. Writes per-image PNGs, a grid per batch, the loss curve and a search strip."})
public final class CompleteCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "run directory or generator .safetensors file")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--images", arity = "1..*", description = "image files or folders (PNG/JPEG)")
        List<Path> images;

        @Option(names = "--data", description = "a dataset: IDX file, photo folder, or 'bundled' (its held-out images)")
        String data;
    }

    @Option(names = "--limit", defaultValue = "64", description = "with --data: how many images (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--mask", defaultValue = "center", description = "center, left, random[:p], grid[:k], lowres[:k], full, or a PNG (white = known) (default ${DEFAULT-VALUE})")
    String mask;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    // The search's defaults are SearchSettings.defaults() (Amos's): picocli takes a field's first value as its default.
    @Option(names = "--iters", description = "Adam steps on z (default ${DEFAULT-VALUE})")
    int iters = SearchSettings.defaults().iterations();

    @Option(names = "--lr", description = "Adam learning rate on z (default ${DEFAULT-VALUE})")
    float lr = SearchSettings.defaults().lr();

    @Option(names = "--beta1", description = "Adam beta1 (default ${DEFAULT-VALUE})")
    float beta1 = SearchSettings.defaults().beta1();

    @Option(names = "--lambda", description = "weight of the perceptual (realism) loss (default ${DEFAULT-VALUE})")
    float lambda = SearchSettings.defaults().lambda();

    @Option(names = "--blend", defaultValue = "poisson", description = "poisson or none (default ${DEFAULT-VALUE})")
    String blend;

    @Option(names = "--weighted", defaultValue = "true", arity = "1", description = "Yeh's importance weights (true) or the plain mask (false) (default ${DEFAULT-VALUE})")
    boolean weighted;

    @Option(names = "--restarts", description = "random starting points per image; the lowest loss wins (default ${DEFAULT-VALUE})")
    int restarts = SearchSettings.defaults().restarts();

    @Option(names = "--snapshots", defaultValue = "100", description = "keep G(z) every K iterations for the search strip (0 = none; default ${DEFAULT-VALUE})")
    int snapshots;

    @Option(names = "--batch", defaultValue = "64", description = "images searched at once (default ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() {
        if (!blend.equals("poisson") && !blend.equals("none")) throw new UserError("--blend must be poisson or none, got '" + blend + "'");
        if (limit < 1) throw new UserError("--limit must be at least 1, got " + limit);
        if (batch < 1) throw new UserError("--batch must be at least 1, got " + batch);
        if (snapshots < 0) throw new UserError("--snapshots must be >= 0, got " + snapshots);
        SearchSettings d = SearchSettings.defaults();
        SearchSettings settings = new SearchSettings(iters, lr, beta1, d.beta2(), lambda, restarts);
        Dcgan gan = ModelFiles.load(model);
        int size = gan.config.size(), channels = gan.config.channels();
        Rng rng = new Rng(common.seed);
        Mask m = Masks.requireKnownPixels(Masks.parse(mask, size, rng.split()), System.err);
        OutputFolders.requireWritable(out, "--out"); // before the images are read and the search runs
        CompletionInputs.Loaded in = source.images != null ? CompletionInputs.fromFiles(source.images, size, channels)
                : CompletionInputs.fromData(source.data, size, channels, limit);
        boolean originalsKnown = source.data != null || m.hasHole();
        Completion.Options opts = new Completion.Options(settings, weighted, blend.equals("poisson"), snapshots);
        ImageSet images = in.images();
        List<Path> grids = new ArrayList<>();
        int batches = (images.n() + batch - 1) / batch;
        for (int b = 0; b < batches; b++) {
            int from = b * batch, to = Math.min(images.n(), from + batch);
            ImageSet part = images.subset(from, to);
            CompletionResult r;
            try (Progress p = Progress.start(String.format("complete %d/%d", b + 1, batches), iters, "it")) {
                r = Completion.run(gan, part.pixels(), part.n(), m, opts, rng.split(), p);
            }
            CompletionReport.write(out, r, originalsKnown ? part.pixels() : null, in.names().subList(from, to), b + 1);
            grids.add(out.resolve(String.format("grid-%03d.png", b + 1)));
        }
        System.out.println("completed " + images.n() + " images (" + images.source() + "), mask " + m.name() + ", " + iters + " iterations");
        System.out.println("grids:    " + listed(out, grids));
        System.out.println("images:   " + out.resolve("images"));
        System.out.println("loss:     " + out.resolve("loss-001.png") + (snapshots > 0 ? ", search strip: " + out.resolve("search-strip-001.png") : ""));
        return 0;
    }

    /** Grids shown by name before they are summarised as a count in their folder. */
    static final int LISTED = 3;

    /** The grid files in a short line: all of a few; else the folder, the count and the first and last name. */
    static String listed(Path folder, List<Path> files) {
        if (files.size() <= LISTED) return String.join(", ", files.stream().map(Path::toString).toList());
        return files.size() + " files in " + folder + " (" + files.get(0).getFileName() + " .. " + files.get(files.size() - 1).getFileName() + ")";
    }
}
