package org.semfill.bench;

import java.util.List;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.LayerSpec;

/**
 * Convolution FLOPs per image of the benchmark workloads, by the same formula as the PyTorch reference
 * (dcgan_models.flop_counts), so achieved GFLOP/s are comparable. Backward of a layer costs its forward
 * twice (weight and input gradients) except where its input needs no gradient.
 */
public final class FlopCount {
    private FlopCount() {}

    public static double perImage(DcganConfig c, String mode) {
        List<LayerSpec> gs = LayerSpec.generator(c), ds = LayerSpec.discriminator(c);
        double fg = gs.stream().mapToLong(LayerSpec::macs).sum();
        double fd = ds.stream().mapToLong(LayerSpec::macs).sum();
        double g1 = gs.get(0).macs(), d1 = ds.get(0).macs();
        return switch (mode) {
            case "train" -> {
                double dStep = (fd + 2 * fd - d1) * 2 + fg;
                double gStep = fd + 2 * fd + (2 * fg - g1);
                yield 2 * (dStep + gStep);
            }
            case "gfwd" -> 2 * fg;
            case "complete" -> 2 * 2 * (fg + fd);
            default -> throw new IllegalArgumentException(mode);
        };
    }
}
