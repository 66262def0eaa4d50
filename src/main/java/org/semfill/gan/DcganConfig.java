package org.semfill.gan;

import static org.semfill.data.DataSetting.CHANNELS;
import static org.semfill.data.DataSetting.IMAGE_SIZE;
import static org.semfill.gan.TrainingSetting.DISCRIMINATOR_WIDTH;
import static org.semfill.gan.TrainingSetting.GENERATOR_WIDTH;
import static org.semfill.gan.TrainingSetting.LATENT_SIZE;

import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;

/**
 * The shape of a DCGAN: image size (28, or a power of two from 16 to 128), channels (1 or 3), latent size
 * nz and the base widths ngf (generator) and ndf (discriminator). Named benchmark configs: a, b, c32, c28.
 */
public record DcganConfig(int size, int channels, int nz, int ngf, int ndf) {

    public DcganConfig {
        if (!(size == 28 || (size >= 16 && size <= 128 && Integer.bitCount(size) == 1)))
            throw SettingError.of(IMAGE_SIZE, "must be 28 or a power of two from 16 to 128 (e.g. 32, 64), got " + size);
        if (channels != 1 && channels != 3) throw SettingError.of(CHANNELS, "must be 1 or 3, got " + channels);
        if (nz < 1 || nz > 4096) throw SettingError.of(LATENT_SIZE, "must be between 1 and 4096, got " + nz);
        if (ngf < 1 || ngf > 1024) throw SettingError.of(GENERATOR_WIDTH, "must be between 1 and 1024, got " + ngf);
        if (ndf < 1 || ndf > 1024) throw SettingError.of(DISCRIMINATOR_WIDTH, "must be between 1 and 1024, got " + ndf);
        java.util.List<LayerSpec> g = LayerSpec.generator(size, channels, nz, ngf), d = LayerSpec.discriminator(size, channels, ndf);
        long params = LayerSpec.parameters(g, true) + LayerSpec.parameters(d, false);
        long values = g.stream().mapToLong(LayerSpec::outputValues).sum() + d.stream().mapToLong(LayerSpec::outputValues).sum();
        String given = String.format("size %d, channels %d, nz %d, ngf %d, ndf %d", size, channels, nz, ngf, ndf);
        if (params > MAX_PARAMETERS)
            throw new SettingError(GENERATOR_WIDTH, name -> String.format("a DCGAN of %s would have %,d parameters, more than the %,d semfill builds; "
                    + "use a smaller %s, %s or %s", given, params, MAX_PARAMETERS, name.apply(GENERATOR_WIDTH), name.apply(DISCRIMINATOR_WIDTH),
                    name.apply(LATENT_SIZE)));
        if (values > MAX_ACTIVATIONS_PER_IMAGE)
            throw new SettingError(GENERATOR_WIDTH, name -> String.format("a DCGAN of %s would compute %,d values per image, more than the %,d semfill "
                    + "allows; use a smaller %s or %s", given, values, MAX_ACTIVATIONS_PER_IMAGE, name.apply(GENERATOR_WIDTH), name.apply(DISCRIMINATOR_WIDTH)));
    }

    /** The largest network (G and D together) semfill builds: 200M parameters are 800 MB of weights, 2.4 GB with Adam's moments. */
    public static final long MAX_PARAMETERS = 200_000_000L;
    /** The largest sum of layer outputs of one image through G and D (64M values = 256 MB per image in a batch). */
    public static final long MAX_ACTIVATIONS_PER_IMAGE = 64_000_000L;

    /** Parameters of G and D together (conv weights and batch-norm gamma/beta). */
    public long parameterCount() {
        return LayerSpec.parameters(LayerSpec.generator(this), true) + LayerSpec.parameters(LayerSpec.discriminator(this), false);
    }

    /** The largest single layer output of one image in G or D (the batch multiplies it into one array). */
    public long largestLayerOutput() {
        long m = imageNumel();
        for (LayerSpec s : LayerSpec.generator(this)) m = Math.max(m, s.outputValues());
        for (LayerSpec s : LayerSpec.discriminator(this)) m = Math.max(m, s.outputValues());
        return m;
    }

    /**
     * The base width (ngf = ndf) when none is given: 64 for colour images of 64 x 64 and more, the reference DCGAN
     * of Radford et al. that B. Amos trains on faces (G 3,576,704 parameters at 64 x 64); 32 for the smaller,
     * grey sets, which it fits in a fraction of the time.
     */
    public static int defaultWidth(int size, int channels) {
        return channels == 3 && size >= 64 ? 64 : 32;
    }

    /** The benchmark workloads: a (the reference 64x64 colour DCGAN), b, c32, c28. */
    public static DcganConfig named(String name) {
        return switch (name) {
            case "a" -> new DcganConfig(64, 3, 100, 64, 64);
            case "b" -> new DcganConfig(32, 3, 100, 32, 32);
            case "c32" -> new DcganConfig(32, 1, 100, 32, 32);
            case "c28" -> new DcganConfig(28, 1, 100, 32, 32);
            default -> throw new UserError("unknown config '" + name + "': use a, b, c32 or c28");
        };
    }

    /** Pixels of one image: channels * size * size. */
    public int imageNumel() {
        return channels * size * size;
    }

    @Override
    public String toString() {
        return size + "x" + size + "x" + channels + " nz=" + nz + " ngf=" + ngf + " ndf=" + ndf;
    }
}
