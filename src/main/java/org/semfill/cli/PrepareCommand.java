package org.semfill.cli;

import java.util.concurrent.Callable;
import org.semfill.data.DataSource;
import org.semfill.data.PrepareOptions;
import org.semfill.data.PreparedImages;
import org.semfill.data.Preparation;
import org.semfill.internal.UserError;
import org.semfill.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode, crop and resize a folder of photos (or an IDX file) once, on all cores, into a uint8 NumPy file in the cache.",
                "'train' does this by itself when needed; run it ahead to see the count, the skipped files, or to hand the file to Python.",
                "Photos that cannot be decoded are skipped and listed beside the file (or stop the run with --strict). --data is required."})
public final class PrepareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DataSourceOptions data;

    @Mixin
    ImageShapeOptions shape = new ImageShapeOptions(64, 3); // photos: the reference DCGAN's 64x64 colour

    @Option(names = "--limit", defaultValue = "0", description = "prepare only the first N files (0 = all); give train the same --limit plus --hold-out")
    int limit;

    @Option(names = "--strict", description = "stop at the first photo that cannot be decoded")
    boolean strict;

    @Option(names = "--verify", description = "decode every photo again even when the cache looks current (for photos edited in place "
            + "with the same size and time), replace the prepared file, and say how many images changed")
    boolean verify;

    @Override
    public Integer call() {
        DataSource source = data.source();
        if (!source.given()) throw new UserError("prepare needs --data: a folder of PNG/JPEG photos, an IDX images file, or 'bundled' (see --help)");
        PrepareOptions o = shape.prepareOptions(limit, strict);
        Preparation.Result r = verify ? Preparation.verify(source.spec(), o, source.cache(), Parallel.threads(), System.out)
                : source.prepare(o, Parallel.threads(), System.out);
        try (PreparedImages images = r.images()) {
            if (r.reused()) System.out.println("already prepared (the source and options are unchanged)");
            System.out.printf("%,d images of %dx%dx%d in %s%n", images.n(), images.c(), images.h(), images.w(), r.file());
            if (r.skippedList() != null) System.out.printf("%,d files skipped, listed in %s%n", r.manifest().skipped(), r.skippedList());
            System.out.println("in Python: numpy.load('" + r.file() + "', mmap_mode='r')  # uint8 (N, C, H, W); pixel = v / 127.5 - 1");
        }
        return 0;
    }
}
