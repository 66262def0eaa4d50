package org.semfill.studio;

import org.semfill.internal.Setting;

/**
 * The studio's settings: a {@link org.semfill.internal.SettingError} names them in these words; the CLI, by their flags.
 */
public enum StudioSetting implements Setting {
    PORT, EXAMPLES
}
