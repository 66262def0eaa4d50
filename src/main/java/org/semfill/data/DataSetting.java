package org.semfill.data;

import org.semfill.internal.Setting;

/**
 * How images are prepared: a {@link org.semfill.internal.SettingError} names them in these words; the CLI, by their flags.
 */
public enum DataSetting implements Setting {
    DATA_SOURCE, IMAGE_SIZE, CHANNELS, CROP, IMAGE_LIMIT, CACHE_FOLDER, STRICT_MODE, BATCH_SIZE
}
