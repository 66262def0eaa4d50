package org.semfill.cli;

import org.semfill.data.PrepareOptions;
import picocli.CommandLine.Option;

/**
 * The shape images are prepared to: {@code --size}, {@code --channels}, {@code --crop} ({@code @Mixin}). The size and
 * channels default differently per command (train: 28x28 grayscale, the bundled data; prepare: 64x64 colour, photos),
 * so a command creates this mixin with its own defaults: picocli shows a field's first value as its default.
 */
public final class ImageShapeOptions {
    @Option(names = "--size", description = "side of the square images (a model's: 28, or a power of two 16..128) (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channels", description = "1 (grayscale) or 3 (RGB) (default ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--crop", description = "photos: take the centred N x N square before resizing (CelebA: 108; 0 = the whole centred square)")
    int crop;

    ImageShapeOptions(int size, int channels) {
        this.size = size;
        this.channels = channels;
    }

    /** These options for preparing the first {@code limit} images (0: all); {@code strict}: stop at the first bad photo. */
    PrepareOptions prepareOptions(int limit, boolean strict) {
        return new PrepareOptions(size, channels, crop, limit, strict);
    }
}
