package org.semfill.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.TrainOptions;
import org.semfill.gan.Trainer;
import org.semfill.quality.QualityTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a DCGAN on images into a run directory (config, checkpoints, per-epoch sample grids, loss chart, final model).",
                "A killed run continues exactly where its last checkpoint left off with --resume."})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", defaultValue = "bundled", description = "IDX images file (.gz or not), a folder of PNG/JPEG photos, or 'bundled' (default)")
    String data;

    @Option(names = "--out", required = true, description = "run directory")
    Path out;

    @Option(names = "--size", defaultValue = "28", description = "image size: 28, or a power of two 16..128 (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channels", defaultValue = "1", description = "1 (grayscale) or 3 (RGB) (default ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--epochs", description = "epochs to train (default 5; with --resume: the new total, default as before)")
    Integer epochs;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.0002", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    float lr;

    @Option(names = "--beta1", defaultValue = "0.5", description = "Adam beta1 (default ${DEFAULT-VALUE})")
    float beta1;

    @Option(names = "--nz", defaultValue = "100", description = "latent size (default ${DEFAULT-VALUE})")
    int nz;

    @Option(names = "--ngf", description = "generator width (default 64 for 64x64 colour, the reference DCGAN; else 32)")
    Integer ngf;

    @Option(names = "--ndf", description = "discriminator width (default 64 for 64x64 colour, the reference DCGAN; else 32)")
    Integer ndf;

    @Option(names = "--crop", defaultValue = "0", description = "photos: take the centred N x N square before resizing (CelebA: 108; 0 = the whole centred square)")
    int crop;

    @Option(names = "--limit", defaultValue = "0", description = "use at most this many training images (0 = all)")
    int limit;

    @Option(names = "--hold-out", defaultValue = "0", description = "keep the last N images out of training (for completion tests)")
    int holdOut;

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "also checkpoint every N batches (0 = at each epoch end)")
    int checkpointEvery;

    @Option(names = "--checkpoint-minutes", defaultValue = "10", description = "also checkpoint every M minutes (0 = off; default ${DEFAULT-VALUE})")
    double checkpointMinutes;

    @Option(names = "--cache", description = "folder for prepared images (default: $SEMFILL_CACHE or ~/.cache/semfill)")
    Path cache;

    @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
    boolean resume;

    @Option(names = "--quality", description = "after each epoch, measure sample quality (FID) into RUN/quality.csv and RUN/quality.png")
    boolean quality;

    @Override
    public Integer call() {
        common.apply();
        PrepareCommand.useCache(cache);
        Trainer t;
        if (resume) {
            t = Trainer.resume(out, epochs == null ? 0 : epochs, Trainer::loadData);
        } else {
            int width = DcganConfig.defaultWidth(size, channels);
            TrainOptions o = new TrainOptions(data, new DcganConfig(size, channels, nz, ngf == null ? width : ngf, ndf == null ? width : ndf),
                    epochs == null ? 5 : epochs, batch, lr, beta1, limit, holdOut, common.seed, checkpointEvery, crop, checkpointMinutes);
            t = Trainer.start(o, out);
        }
        if (quality) trackQuality(t, out);
        t.train();
        if (quality) System.out.println("quality: " + out.resolve("quality.png"));
        System.out.println("model:   " + out.resolve("generator.safetensors") + ", " + out.resolve("discriminator.safetensors"));
        System.out.println("samples: " + out.resolve("samples"));
        System.out.println("losses:  " + out.resolve("losses.png"));
        return 0;
    }

    /** FID of each epoch's samples against held-out images (Heusel et al. 2017), so quality and collapse show as a number. */
    static void trackQuality(Trainer t, Path run) {
        QualityTracker tracker = QualityTracker.create(t.options(), run, System.out);
        t.onEpoch(e -> System.out.printf("epoch %d: FID %s%n", e, tracker.record(t.gan(), e, run)));
    }
}
