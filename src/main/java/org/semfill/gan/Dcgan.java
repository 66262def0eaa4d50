package org.semfill.gan;

import org.semfill.tensor.Tensor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;
import org.semfill.internal.Check;
import org.semfill.internal.Rng;
import org.semfill.nn.Activation;
import org.semfill.nn.BatchNorm2d;
import org.semfill.nn.Conv2d;
import org.semfill.nn.ConvLayer;
import org.semfill.nn.ConvTranspose2d;
import org.semfill.nn.Init;
import org.semfill.nn.Module;
import org.semfill.nn.Sequential;
import org.semfill.nn.StateTensor;

/**
 * A generator and a discriminator built from a config, layer for layer as the PyTorch reference
 * (so state keys and parameter counts match): G = ConvT [+ BN + ReLU]... + Tanh; D = Conv + LeakyReLU(0.2),
 * [Conv + BN + LeakyReLU]..., Conv + Sigmoid. No conv biases.
 */
public final class Dcgan {
    public final DcganConfig config;
    public final Sequential generator, discriminator;

    private Encoder encoder;  // the learned start of the completion search, if any
    private java.nio.file.Path encoderFile; // read on first use, so a run that never uses it never pays for it

    private Dcgan(DcganConfig config, Sequential g, Sequential d) {
        this.config = config;
        this.generator = g;
        this.discriminator = d;
    }

    /** Whether this model has a learned encoder ({@link Encoder}) for the completion search's start. */
    public boolean hasEncoder() {
        return encoder != null || encoderFile != null;
    }

    /** The model's encoder, read from its file on first use; null if it has none. */
    public Encoder encoder() {
        if (encoder == null && encoderFile != null) encoder = Encoder.load(encoderFile, config, generatorSha256());
        return encoder;
    }

    /**
     * A SHA-256 of G's state (every tensor's name and values, in order): an encoder records the G it was trained
     * against by this, so an encoder is never paired with another G, even one of the same shapes.
     */
    public String generatorSha256() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, StateTensor> e : generator.stateDict().entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                ByteBuffer b;
                if (e.getValue().isLong()) {
                    long[] v = e.getValue().longs();
                    b = ByteBuffer.allocate(8 * v.length);
                    b.asLongBuffer().put(v);
                } else {
                    float[] v = e.getValue().floats();
                    b = ByteBuffer.allocate(4 * v.length);
                    b.asFloatBuffer().put(v);
                }
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Gives this model an encoder (null removes it). */
    public void attach(Encoder e) {
        Check.arg(e == null || e.config.equals(config), "the encoder was made for " + (e == null ? null : e.config) + ", not " + config);
        encoder = e;
        encoderFile = null;
    }

    /** Gives this model the encoder in {@code file}, to be read when first asked for. */
    void attachLazily(java.nio.file.Path file) {
        encoder = null;
        encoderFile = file;
    }

    /** Builds both networks with DCGAN's initialisation from {@code seed}. */
    public static Dcgan create(DcganConfig config, long seed) {
        Dcgan gan = new Dcgan(config, buildGenerator(config), buildDiscriminator(config));
        Rng rng = new Rng(seed);
        initialise(gan.generator, rng);
        initialise(gan.discriminator, rng);
        return gan;
    }

    static Sequential buildGenerator(DcganConfig c) {
        List<LayerSpec> specs = LayerSpec.generator(c);
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            layers.add(new ConvTranspose2d(s.in(), s.out(), s.kernel(), s.stride(), s.pad()));
            if (i < specs.size() - 1) {
                layers.add(new BatchNorm2d(s.out()));
                layers.add(Activation.relu());
            } else layers.add(Activation.tanh());
        }
        return new Sequential(layers);
    }

    static Sequential buildDiscriminator(DcganConfig c) {
        return buildConvolutions(LayerSpec.discriminator(c), Activation.sigmoid());
    }

    /** D's shape of network: Conv + LeakyReLU(0.2), [Conv + BN + LeakyReLU]..., Conv + {@code last}. */
    static Sequential buildConvolutions(List<LayerSpec> specs, Activation last) {
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            layers.add(new Conv2d(s.in(), s.out(), s.kernel(), s.stride(), s.pad()));
            if (i == specs.size() - 1) layers.add(last);
            else {
                if (i > 0) layers.add(new BatchNorm2d(s.out()));
                layers.add(Activation.leakyRelu(0.2f));
            }
        }
        return new Sequential(layers);
    }

    /**
     * The state keys and shapes the network of {@code c} has, without building it (so a model file can be checked
     * against its config before gigabytes are allocated). Keys are those of {@link #buildGenerator} /
     * {@link #buildDiscriminator}'s state dicts; a null shape marks the I64 counter {@code num_batches_tracked}.
     */
    static java.util.Map<String, int[]> stateShapes(DcganConfig c, boolean generator) {
        return stateShapes(generator ? LayerSpec.generator(c) : LayerSpec.discriminator(c), generator);
    }

    /** The state keys and shapes of a network of {@code specs} built as G ({@code generator}) or as D builds its layers. */
    static java.util.Map<String, int[]> stateShapes(List<LayerSpec> specs, boolean generator) {
        java.util.Map<String, int[]> m = new java.util.LinkedHashMap<>();
        int index = 0;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            m.put(index++ + ".weight", s.transposed() ? new int[] {s.in(), s.out(), s.kernel(), s.kernel()}
                    : new int[] {s.out(), s.in(), s.kernel(), s.kernel()});
            if (i < specs.size() - 1 && (generator || i > 0)) {
                for (String k : new String[] {"weight", "bias", "running_mean", "running_var"}) m.put(index + "." + k, new int[] {s.out()});
                m.put(index++ + ".num_batches_tracked", null);
            }
            index++; // the activation
        }
        return m;
    }

    /** Radford et al.: conv weights ~ N(0, 0.02); batch-norm gamma ~ N(1, 0.02), beta = 0. */
    static void initialise(Sequential net, Rng rng) {
        for (Module m : net.children()) {
            if (m instanceof ConvLayer c) Init.normal(c.weight, rng, 0f, 0.02f);
            else if (m instanceof BatchNorm2d bn) {
                Init.normal(bn.weight, rng, 1f, 0.02f);
                Init.constant(bn.bias, 0f);
            }
        }
    }

    /** A table of the layers with their output shapes, for learners (tutorial chapter 3) and logs. */
    public String describe() {
        StringBuilder sb = new StringBuilder("DCGAN " + config + "\n");
        sb.append(String.format("Generator: z (%d x 1 x 1) -> image (%d x %d x %d), %,d parameters%n",
                config.nz(), config.channels(), config.size(), config.size(), generator.parameterCount()));
        for (LayerSpec s : LayerSpec.generator(config)) sb.append("  ").append(s).append('\n');
        sb.append(String.format("Discriminator: image -> P(real), %,d parameters%n", discriminator.parameterCount()));
        for (LayerSpec s : LayerSpec.discriminator(config)) sb.append("  ").append(s).append('\n');
        return sb.toString();
    }

    /** Total forward multiply-adds per image of G and of D. */
    public static long[] macs(DcganConfig c) {
        long g = 0, d = 0;
        for (LayerSpec s : LayerSpec.generator(c)) g += s.macs();
        for (LayerSpec s : LayerSpec.discriminator(c)) d += s.macs();
        return new long[] {g, d};
    }

    /** n latent vectors from the z prior (uniform in [-1, 1]), shape (n, nz, 1, 1), drawn from {@code rng}. */
    public Tensor sampleZ(org.semfill.internal.Rng rng, int n) {
        return TrainStep.noise(rng, n, config.nz());
    }

    /** The images G(z) in eval mode without a graph: what the trained generator draws for these z. */
    public Tensor generate(Tensor z) {
        return Reports.generate(generator, z);
    }

    /** n samples G(z) for z drawn from the prior with {@code rng}: (n, C, size, size). */
    public Tensor sample(org.semfill.internal.Rng rng, int n) {
        return generate(sampleZ(rng, n));
    }
}
