package org.semfill.gan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.semfill.internal.Check;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.io.SafeTensors;
import org.semfill.nn.Activation;
import org.semfill.nn.Inference;
import org.semfill.nn.Sequential;
import org.semfill.tensor.Tensor;

/**
 * A learned starting point for the completion search (after Lahiri et al., "Faster Unsupervised Semantic
 * Inpainting", 2019): a network E that reads a damaged image and the plane of its known pixels and guesses the z
 * whose G(z) completes it. The search then starts from E's guess instead of a random z and needs far fewer steps.
 *
 * <p>E is D's convolutional body ({@link LayerSpec#encoder}): Conv + LeakyReLU(0.2), [Conv + BN + LeakyReLU]...,
 * with a last convolution to nz values and a Tanh, so its guess lies in the z prior's [-1, 1]. Its input has C + 1
 * channels: the image with the hole zeroed, then the known plane (1 known, 0 missing). It is saved beside the
 * model as {@value #FILE}, with the GAN's config and a SHA-256 of the G it was trained against
 * ({@link Dcgan#generatorSha256}) in the metadata, so it is never paired with another model, even one of the same shapes.
 */
public final class Encoder {
    public static final String FILE = "encoder.safetensors";
    static final String KIND_KEY = "semfill.kind", KIND = "encoder";
    /** The metadata key of the SHA-256 of the G an encoder (or its checkpoint) was trained against. */
    public static final String GENERATOR_KEY = "semfill.generator-sha256";

    public final DcganConfig config;
    public final Sequential net;

    private Encoder(DcganConfig config, Sequential net) {
        this.config = config;
        this.net = net;
    }

    /** A new encoder for the GAN of {@code config}, initialised as DCGAN initialises D, from {@code seed}. */
    public static Encoder create(DcganConfig config, long seed) {
        Encoder e = new Encoder(config, build(config));
        Dcgan.initialise(e.net, new Rng(seed));
        return e;
    }

    private static Sequential build(DcganConfig c) {
        return Dcgan.buildConvolutions(LayerSpec.encoder(c), Activation.tanh());
    }

    /**
     * E's input (n, C + 1, S, S): each image of {@code damaged} (n, C, S, S; the hole already zeroed) followed by its
     * known plane, taken from {@code known}, which holds either one plane shared by all images or one per image.
     */
    public Tensor input(float[] damaged, float[] known, int n) {
        int c = config.channels(), plane = config.size() * config.size(), per = c * plane;
        Check.arg(damaged.length == n * per, "encoder input: " + damaged.length + " values are not " + n + " images of " + per);
        Check.arg(known.length == plane || known.length == n * plane, "encoder input: the known plane has " + known.length + " values");
        float[] x = new float[n * (per + plane)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(damaged, i * per, x, i * (per + plane), per);
            System.arraycopy(known, known.length == plane ? 0 : i * plane, x, i * (per + plane) + per, plane);
        }
        return Tensor.of(x, n, c + 1, config.size(), config.size());
    }

    /** E's guess of z for n damaged images, (n * nz) values in [-1, 1], in evaluation mode without a graph. */
    public float[] encode(float[] damaged, float[] known, int n) {
        try (var s = Inference.of(net)) {
            float[] z = net.forward(input(damaged, known, n)).data().clone();
            TrainStep.clipToPrior(z); // tanh stays inside; this only guards the prior's closed bounds
            return z;
        }
    }

    public long parameterCount() {
        return net.parameterCount();
    }

    /** Writes E (atomically) as {@code file}, with the GAN's config, the SHA-256 of its G and this file's kind in its metadata. */
    public void save(Path file, String generatorSha256) {
        Map<String, String> meta = new java.util.TreeMap<>(Map.of(ModelFiles.CONFIG_KEY, Json.config(config), KIND_KEY, KIND, "format", "pt",
                GENERATOR_KEY, generatorSha256));
        SafeTensors.write(file, StateFiles.toArrays(net.stateDict(), ""), meta);
    }

    /**
     * Reads the encoder in {@code file}, made for the GAN of {@code config} whose G has the hash {@code generatorSha256};
     * a file for another model or G, or of another kind, gets a {@link UserError} naming it and what to do.
     */
    public static Encoder load(Path file, DcganConfig config, String generatorSha256) {
        if (!Files.exists(file)) throw new UserError("no encoder " + file + ": train one with 'semfill train-encoder --model RUN'");
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata() == null ? Map.of() : c.metadata();
        if (!KIND.equals(meta.get(KIND_KEY)))
            throw new UserError(file + " is not a semfill encoder (its metadata lacks " + KIND_KEY + "=" + KIND + "); train one with 'semfill train-encoder'");
        DcganConfig made = meta.containsKey(ModelFiles.CONFIG_KEY) ? Json.parseConfig(meta.get(ModelFiles.CONFIG_KEY), file) : null;
        if (made == null || made.size() != config.size() || made.channels() != config.channels() || made.nz() != config.nz() || made.ndf() != config.ndf())
            throw new UserError(file + " was trained for another model (" + made + ", this model is " + config
                    + "); train an encoder for this model with 'semfill train-encoder --model RUN --force'");
        requireTrainedAgainst(meta, generatorSha256, file);
        Encoder e = new Encoder(config, build(config));
        StateFiles.check(Dcgan.stateShapes(LayerSpec.encoder(config), false), c.tensors(), "", file);
        StateFiles.load(e.net.stateDict(), c.tensors(), "", file);
        return e;
    }

    /**
     * Refuses a file of the encoder (or of its training) made against another G than the one of {@code generatorSha256},
     * or from before encoders recorded their G: its guesses would start the search in the wrong place.
     */
    public static void requireTrainedAgainst(Map<String, String> metadata, String generatorSha256, Path file) {
        String made = metadata == null ? null : metadata.get(GENERATOR_KEY);
        String retrain = "; train it again with 'semfill train-encoder --model " + file.toAbsolutePath().getParent() + " --force'";
        if (made == null)
            throw new UserError(file + " does not record which generator it was trained against (an encoder from an older semfill)" + retrain);
        if (!made.equals(generatorSha256))
            throw new UserError(file + " was trained against another generator than the " + ModelFiles.GENERATOR + " beside it "
                    + "(the model was retrained, or the encoder comes from another run)" + retrain);
    }
}
