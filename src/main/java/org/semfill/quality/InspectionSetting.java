package org.semfill.quality;

import org.semfill.internal.Setting;

/**
 * An inspection's settings: a {@link org.semfill.internal.SettingError} names them in these words; the CLI, by their flags.
 */
public enum InspectionSetting implements Setting {
    SAMPLES, NEIGHBOURS, IMAGES
}
