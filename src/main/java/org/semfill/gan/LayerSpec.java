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

    public static List<LayerSpec> generator(DcganConfig c) {
        List<LayerSpec> g = new ArrayList<>();
        if (c.size() == 28) { // 1 -> 7 -> 14 -> 28
            g.add(new LayerSpec(true, c.nz(), c.ngf() * 2, 7, 1, 0, 1, 7));
            g.add(new LayerSpec(true, c.ngf() * 2, c.ngf(), 4, 2, 1, 7, 14));
            g.add(new LayerSpec(true, c.ngf(), c.channels(), 4, 2, 1, 14, 28));
            return g;
        }
        int mult = c.size() / 8; // 2^(layers - 2): 64 -> 8, 32 -> 4
        g.add(new LayerSpec(true, c.nz(), c.ngf() * mult, 4, 1, 0, 1, 4));
        int h = 4;
        for (; mult > 1; mult /= 2, h *= 2) g.add(new LayerSpec(true, c.ngf() * mult, c.ngf() * mult / 2, 4, 2, 1, h, 2 * h));
        g.add(new LayerSpec(true, c.ngf(), c.channels(), 4, 2, 1, h, 2 * h));
        return g;
    }

    public static List<LayerSpec> discriminator(DcganConfig c) {
        List<LayerSpec> d = new ArrayList<>();
        if (c.size() == 28) {
            d.add(new LayerSpec(false, c.channels(), c.ndf(), 4, 2, 1, 28, 14));
            d.add(new LayerSpec(false, c.ndf(), c.ndf() * 2, 4, 2, 1, 14, 7));
            d.add(new LayerSpec(false, c.ndf() * 2, 1, 7, 1, 0, 7, 1));
            return d;
        }
        int h = c.size(), mult = 1;
        d.add(new LayerSpec(false, c.channels(), c.ndf(), 4, 2, 1, h, h / 2));
        for (h /= 2; h > 4; h /= 2, mult *= 2) d.add(new LayerSpec(false, c.ndf() * mult, c.ndf() * mult * 2, 4, 2, 1, h, h / 2));
        d.add(new LayerSpec(false, c.ndf() * mult, 1, 4, 1, 0, 4, 1));
        return d;
    }

    @Override
    public String toString() {
        return String.format("%-15s %4d -> %-4d k%d s%d p%d  %3dx%-3d -> %3dx%-3d", transposed ? "ConvTranspose2d" : "Conv2d",
                in, out, kernel, stride, pad, sizeIn, sizeIn, sizeOut, sizeOut);
    }
}
