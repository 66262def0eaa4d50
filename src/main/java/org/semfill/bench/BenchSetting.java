package org.semfill.bench;

import org.semfill.internal.Setting;

/**
 * The benchmark's settings: a {@link org.semfill.internal.SettingError} names them in these words; the CLI, by their flags.
 */
public enum BenchSetting implements Setting {
    MODE
}
