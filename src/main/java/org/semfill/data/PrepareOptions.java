package org.semfill.data;

import static org.semfill.data.DataSetting.CHANNELS;
import static org.semfill.data.DataSetting.CROP;
import static org.semfill.data.DataSetting.IMAGE_LIMIT;
import static org.semfill.data.DataSetting.IMAGE_SIZE;

import org.semfill.internal.SettingError;

/**
 * How a {@code --data} source is turned into prepared images.
 *
 * @param size      side of the square output images
 * @param channels  1 (grayscale) or 3 (RGB)
 * @param crop      take at most the centred crop x crop square of each photo before resizing (0: the largest
 *                  centred square); 108 is the usual choice for CelebA's aligned 178 x 218 photos
 * @param maxImages prepare only the first this many files or IDX images (0: all)
 * @param strict    stop at the first photo that cannot be decoded (otherwise it is skipped and listed)
 */
public record PrepareOptions(int size, int channels, int crop, int maxImages, boolean strict) {

    public PrepareOptions {
        if (size < 1 || size > 4096) throw SettingError.of(IMAGE_SIZE, "must be between 1 and 4096 (the side of the prepared images), got " + size);
        if (channels != 1 && channels != 3) throw SettingError.of(CHANNELS, "must be 1 or 3, got " + channels);
        if (crop < 0 || crop > 65_536) throw SettingError.of(CROP, "must be between 0 (no crop) and 65536 pixels, got " + crop);
        if (crop > 0 && crop < size)
            throw new SettingError(CROP, name -> name.apply(CROP) + " " + crop + " is smaller than the image size " + size + "; crop at least " + size
                    + " pixels (or 0 for the whole centred square)");
        if (maxImages < 0) throw SettingError.of(IMAGE_LIMIT, "must be 0 (all) or more, got " + maxImages);
    }

    /** Whole folder, no crop, bad photos skipped. */
    public static PrepareOptions of(int size, int channels) {
        return new PrepareOptions(size, channels, 0, 0, false);
    }

    /** A short name for file names: {@code 64x64x3}, {@code 64x64x3-crop108}, {@code 64x64x3-crop108-first1000}. */
    String tag() {
        return size + "x" + size + "x" + channels + (crop > 0 ? "-crop" + crop : "") + (maxImages > 0 ? "-first" + maxImages : "");
    }
}
