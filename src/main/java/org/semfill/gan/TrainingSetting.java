package org.semfill.gan;

import org.semfill.internal.Setting;

/**
 * A model's and its training's settings (its image size, channels, crop and limit are
 * {@link org.semfill.data.DataSetting}s): a {@link org.semfill.internal.SettingError} names them in these words; the
 * CLI, by their flags.
 */
public enum TrainingSetting implements Setting {
    LATENT_SIZE, GENERATOR_WIDTH, DISCRIMINATOR_WIDTH, EPOCHS, BATCH_SIZE, LEARNING_RATE, BETA1,
    HOLD_OUT, CHECKPOINT_BATCHES, CHECKPOINT_MINUTES, OUTPUT_FOLDER, RESUME, FORCE
}
