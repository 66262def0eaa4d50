package org.semfill.gan;

import java.util.ArrayList;
import java.util.List;

/**
 * One convolution of a DCGAN: kind, channels in/out, kernel, stride, padding, spatial size in/out.
 * {@link #generator} and {@link #discriminator} derive the layer tables from a config by the rule of
 * Radford et al. 2015: G doubles the size and halves the channels per layer
 * from 4x4 (7x7 for 28x28 images), D mirrors it.
 */
public record LayerSpec(boolean transposed, int in, int out, int kernel, int stride, int pad, int sizeIn, int sizeOut) {

    /** Forward multiply-adds per image (for FLOP counts). */
    public long macs() {
        return transposed ? (long) in * sizeIn * sizeIn * out * kernel * kernel
                : (long) out * sizeOut * sizeOut * in * kernel * kernel;
    }

    /** Weights of this convolution (no bias): in * out * kernel * kernel. */
    public long weights() {
        return (long) in * out * kernel * kernel;
    }

    /** Values of one image's output of this layer: out * sizeOut * sizeOut. */
    public long outputValues() {
        return (long) out * sizeOut * sizeOut;
    }

    public static List<LayerSpec> generator(DcganConfig c) {
        return generator(c.size(), c.channels(), c.nz(), c.ngf());
    }

    /** The generator's layers from the raw numbers (sizes already validated: 28 or a power of two 16..128). */
    static List<LayerSpec> generator(int size, int channels, int nz, int ngf) {
        List<LayerSpec> g = new ArrayList<>();
        if (size == 28) { // 1 -> 7 -> 14 -> 28
            g.add(new LayerSpec(true, nz, ngf * 2, 7, 1, 0, 1, 7));
            g.add(new LayerSpec(true, ngf * 2, ngf, 4, 2, 1, 7, 14));
            g.add(new LayerSpec(true, ngf, channels, 4, 2, 1, 14, 28));
            return g;
        }
        int mult = size / 8; // 2^(layers - 2): 64 -> 8, 32 -> 4
        g.add(new LayerSpec(true, nz, ngf * mult, 4, 1, 0, 1, 4));
        int h = 4;
        for (; mult > 1; mult /= 2, h *= 2) g.add(new LayerSpec(true, ngf * mult, ngf * mult / 2, 4, 2, 1, h, 2 * h));
        g.add(new LayerSpec(true, ngf, channels, 4, 2, 1, h, 2 * h));
        return g;
    }

    public static List<LayerSpec> discriminator(DcganConfig c) {
        return discriminator(c.size(), c.channels(), c.ndf());
    }

    /** The discriminator's layers from the raw numbers (sizes already validated). */
    static List<LayerSpec> discriminator(int size, int channels, int ndf) {
        List<LayerSpec> d = new ArrayList<>();
        if (size == 28) {
            d.add(new LayerSpec(false, channels, ndf, 4, 2, 1, 28, 14));
            d.add(new LayerSpec(false, ndf, ndf * 2, 4, 2, 1, 14, 7));
            d.add(new LayerSpec(false, ndf * 2, 1, 7, 1, 0, 7, 1));
            return d;
        }
        int h = size, mult = 1;
        d.add(new LayerSpec(false, channels, ndf, 4, 2, 1, h, h / 2));
        for (h /= 2; h > 4; h /= 2, mult *= 2) d.add(new LayerSpec(false, ndf * mult, ndf * mult * 2, 4, 2, 1, h, h / 2));
        d.add(new LayerSpec(false, ndf * mult, 1, 4, 1, 0, 4, 1));
        return d;
    }

    /**
     * The encoder's layers: D's convolutional body reading the image plus one plane of known pixels (C + 1
     * channels), with its last convolution giving the nz latent values instead of one probability.
     */
    public static List<LayerSpec> encoder(DcganConfig c) {
        List<LayerSpec> e = new ArrayList<>(discriminator(c.size(), c.channels() + 1, c.ndf()));
        LayerSpec last = e.remove(e.size() - 1);
        e.add(new LayerSpec(false, last.in(), c.nz(), last.kernel(), last.stride(), last.pad(), last.sizeIn(), last.sizeOut()));
        return e;
    }

    /**
     * Learnable parameters of a network of these layers as {@link Dcgan} builds it: every conv weight, plus
     * gamma and beta of the batch norm after each layer but the last (and, in D, but the first).
     */
    static long parameters(List<LayerSpec> layers, boolean generator) {
        long p = 0;
        for (int i = 0; i < layers.size(); i++) {
            p += layers.get(i).weights();
            if (i < layers.size() - 1 && (generator || i > 0)) p += 2L * layers.get(i).out();
        }
        return p;
    }

    @Override
    public String toString() {
        return String.format("%-15s %4d -> %-4d k%d s%d p%d  %3dx%-3d -> %3dx%-3d", transposed ? "ConvTranspose2d" : "Conv2d",
                in, out, kernel, stride, pad, sizeIn, sizeIn, sizeOut, sizeOut);
    }
}
