package org.semfill.encoder;

import org.semfill.internal.Setting;

/**
 * The encoder training's settings: a {@link org.semfill.internal.SettingError} names them in these words; the CLI, by their flags.
 */
public enum EncoderSetting implements Setting {
    STEPS, BATCH_SIZE, REAL_FRACTION, Z_WEIGHT, LEARNING_RATE, BETA1, CHECKPOINT_MINUTES, RESUME, FORCE
}
