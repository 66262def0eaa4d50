package org.semfill.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.semfill.gan.Dcgan;
import org.semfill.studio.ExampleImages;
import org.semfill.studio.StudioServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "studio", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The completion studio: a web page on http://127.0.0.1:PORT/ (this computer only) where you pick or upload an",
                "image, paint the hole, and watch the latent search fill it, restart by restart, or sample several fills by HMC",
                "and choose one. Writes no file. Ctrl+C stops it.",
                "Example images: the first images of --data if given, else the run's held-out images (train --hold-out N), else its training data."})
public final class StudioCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Mixin
    DataOption data;

    @Option(names = "--port", defaultValue = "8080", description = "port on 127.0.0.1 (0 picks a free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"--examples", "--held-out"}, defaultValue = "16", description = "how many example images to offer, 0 to "
            + StudioServer.MAX_EXAMPLES + " (default ${DEFAULT-VALUE})")
    int examples;

    @Override
    public Integer call() throws InterruptedException {
        StudioServer.Options options = new StudioServer.Options(port, examples, common.seed);
        Dcgan gan = model.run().model();
        if (gan.hasEncoder()) gan.encoder(); // every search starts from it: a damaged one, or one of another G, is refused now
        ExampleImages shown = ExampleImages.choose(model.path, data.spec, gan.config.size(), gan.config.channels(), options.examples());
        Path name = model.path.toAbsolutePath().normalize().getFileName();
        StudioServer server = StudioServer.start(gan, name == null ? model.path.toString() : name.toString(), shown, options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("semfill studio: model " + gan.config + " from " + model.path);
        System.out.println("examples: " + shown.note());
        System.out.println("open " + server.uri() + " in a browser (Ctrl+C stops the studio)");
        new CountDownLatch(1).await(); // serve until the JVM is stopped
        return 0;
    }
}
