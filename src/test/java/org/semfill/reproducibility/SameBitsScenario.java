package org.semfill.reproducibility;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.encoder.EncoderOptions;
import org.semfill.encoder.EncoderTraining;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.TrainStep;
import org.semfill.internal.Rng;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import org.semfill.tensor.Tensor;

/**
 * A small DCGAN of config b's kind (colour, k4 s2 p1 convolutions, batch norm, 16 x 16) trained for a few steps
 * from a seed, a few steps of an encoder for it, then a short completion search with its G and D: the SHA-256 of
 * every weight, running statistic, loss, z, G(z) and row loss it makes. The batch (20) is not a multiple of the 8 gradient groups, so the groups are
 * uneven. {@link #main} prints the fingerprint, so other JVMs (another vector width, another JDK) can be compared.
 */
public final class SameBitsScenario {
    static final DcganConfig CONFIG = new DcganConfig(16, 3, 32, 32, 32);
    static final int BATCH = 20, TRAIN_STEPS = 3, ENCODER_STEPS = 3, IMAGES = 6, ITERATIONS = 6;

    private SameBitsScenario() {}

    /** The fingerprint on the threads, kernels and convolution algorithm in use now. */
    public static String fingerprint() {
        MessageDigest sha = sha256();
        Dcgan gan = Dcgan.create(CONFIG, 1234);
        TrainStep step = new TrainStep(gan, TrainStep.adam(gan.discriminator, 2e-4f, 0.5f),
                TrainStep.adam(gan.generator, 2e-4f, 0.5f), BATCH);
        Rng rng = new Rng(1);
        for (int i = 0; i < TRAIN_STEPS; i++) {
            Tensor real = Tensor.uniform(rng, -1f, 1f, BATCH, CONFIG.channels(), CONFIG.size(), CONFIG.size());
            TrainStep.Losses l = step.run(real, Tensor.normal(rng, 0f, 1f, BATCH, CONFIG.nz(), 1, 1));
            add(sha, new float[] {l.lossD(), l.lossG(), l.dReal(), l.dFake1(), l.dFake2()});
        }
        for (var module : new org.semfill.nn.Module[] {gan.discriminator, gan.generator}) {
            for (var entry : module.stateDict().values()) if (entry.floats() != null) add(sha, entry.floats()); // weights and running statistics
        }
        Path encoderRun = temporaryFolder();
        var encoder = EncoderTraining.start(gan, null, EncoderOptions.defaults().withSteps(ENCODER_STEPS).withBatch(8), encoderRun,
                new PrintStream(OutputStream.nullOutputStream())).train(-1);
        for (var entry : encoder.net.stateDict().values()) if (entry.floats() != null) add(sha, entry.floats());
        float[] y = Tensor.uniform(new Rng(3), -1f, 1f, IMAGES, CONFIG.channels(), CONFIG.size(), CONFIG.size()).data();
        CompletionSession.Settings settings = new CompletionSession.Settings(
                SearchSettings.defaults().withIterations(ITERATIONS).withRestarts(2), false, false);
        try (CompletionSession s = new CompletionSession(gan, y, IMAGES, Masks.center(CONFIG.size()), settings, new Rng(11))) {
            while (s.iteration() < s.iterations()) s.step();
            add(sha, s.z());
            add(sha, s.generated());
            add(sha, s.rowLosses());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Prints the kernels in use, then the fingerprint. Arguments: threads, kernels (scalar | vector), conv (direct | winograd). */
    public static void main(String[] args) {
        Parallel.setThreads(Integer.parseInt(args[0]));
        KernelProvider.select(args[1]);
        ConvAlgorithm.select(ConvAlgorithm.valueOf(args[2]));
        String fingerprint = fingerprint(); // (progress bars may print meanwhile)
        System.out.println("simd: " + KernelProvider.get().describe());
        System.out.println("fingerprint: " + fingerprint);
    }

    private static void add(MessageDigest sha, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        sha.update(b.array());
    }

    private static Path temporaryFolder() {
        try {
            Path dir = Files.createTempDirectory("semfill-same-bits");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
