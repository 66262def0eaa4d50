package org.semfill.tutorial;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.semfill.gan.RunData;
import org.semfill.gan.RunDirectory;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.Samples;
import org.semfill.gan.TrainOptions;
import org.semfill.gan.Trainer;

/**
 * Chapter 3: a DCGAN on images. Works the convolutions through by hand ({@link ConvolutionByHand}), prints what
 * each layer does (the shape table), trains the 28x28 DCGAN on the
 * bundled Fashion-MNIST subset (resuming if a run is already there), and copies the pictures a reader needs
 * into the charts folder: samples after the first and the last epoch, the loss chart, a latent walk.
 */
public final class Chapter3Dcgan {
    public static final int DEFAULT_EPOCHS = 12;

    private Chapter3Dcgan() {}

    static final String USAGE = "Chapter3Dcgan [charts folder (charts)] [epochs, 1 to 10000 (" + DEFAULT_EPOCHS
            + ")] [run folder (runs/tutorial-3)]";

    /** Arguments: [charts folder (default charts)] [epochs (default 12)] [run folder (default runs/tutorial-3)]. */
    public static void main(String[] args) {
        ChapterArgs.main(USAGE, 3, args, a -> {
            Path out = a.path(0, "charts folder", "charts");
            int epochs = a.integer(1, "epochs", DEFAULT_EPOCHS, 1, 10_000);
            Path run = a.path(2, "run folder", "runs/tutorial-3");
            Chapter.printKernels(System.out);
            run(out, run, epochs, 1, System.out);
        });
    }

    public static List<Path> run(Path chartsDir, long seed, PrintStream log) {
        return run(chartsDir, Path.of("runs/tutorial-3"), DEFAULT_EPOCHS, seed, log);
    }

    public static List<Path> run(Path chartsDir, Path run, int epochs, long seed, PrintStream log) {
        log.println("The textbook layers of org.semfill.reference, worked by hand (sections 2, 3 and 5; chapter 4 uses the backward):");
        List<Path> written = new ArrayList<>(ConvolutionByHand.run(chartsDir, log));
        log.println();
        DcganConfig config = new DcganConfig(28, 1, 100, 32, 32);
        log.println("What each layer does (28x28 grayscale DCGAN; shapes are per image):");
        log.println(Dcgan.create(config, seed).describe());
        log.println("For comparison, the reference 64x64 colour DCGAN of Radford et al.:");
        log.println(Dcgan.create(DcganConfig.named("a"), seed).describe());

        TrainOptions o = TrainOptions.defaults("bundled", config).withEpochs(epochs).withSeed(seed);
        // the table is printed above, also when the model is reused; the trainer would print it a second time
        Dcgan gan = RunDirectory.of(run).trainOrReuse(o, org.semfill.data.Preparation.defaultCacheFolder(), Trainer::withoutLayerTable, log);
        written.add(copy(run.resolve("samples/epoch-001.png"), chartsDir.resolve("dcgan-epoch-first.png"), log,
                "what G draws after one epoch: grey, noisy blobs, no garment yet"));
        written.add(copy(lastEpochGrid(run), chartsDir.resolve("dcgan-epoch-last.png"), log,
                "what G draws at the end: rough garments of several kinds (tops, trousers, shoes, bags)"));
        written.add(copy(run.resolve("losses.png"), chartsDir.resolve("dcgan-losses.png"), log,
                "D and G losses, D(x) and D(G(z)) during training"));
        try (var data = RunData.prepare(o, org.semfill.data.Preparation.defaultCacheFolder(), log).all()) {
            written.add(RealBesideSamples.write(chartsDir.resolve("dcgan-real-vs-samples.png"), gan, data, seed, "garments", log));
        }
        Path walk = chartsDir.resolve("dcgan-interpolation.png");
        Samples.interpolation(gan, 6, 10, seed, walk);
        log.println(walk + ": walks through latent space: garments morph smoothly into each other");
        written.add(walk);
        RunSummary.lines(run).forEach(log::println);
        return written;
    }

    private static Path lastEpochGrid(Path run) {
        try (var files = Files.list(run.resolve("samples"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("epoch-")).max(Path::compareTo).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Copies a picture of a run into the charts folder and says what it shows. */
    static Path copy(Path from, Path to, PrintStream log, String what) {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        log.println(to + ": " + what);
        return to;
    }
}
