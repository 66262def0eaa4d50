package org.semfill.cli;

import java.util.Map;
import org.semfill.bench.BenchSetting;
import org.semfill.completion.CompletionSetting;
import org.semfill.data.DataSetting;
import org.semfill.encoder.EncoderSetting;
import org.semfill.gan.TrainingSetting;
import org.semfill.internal.Setting;
import org.semfill.internal.SettingError;
import org.semfill.quality.InspectionSetting;
import org.semfill.studio.StudioSetting;

/**
 * The flag that sets each setting the domain packages name in their errors, so the one-line error names what the
 * user typed; a setting no flag sets keeps its own words.
 */
final class SettingFlags {
    private static final Map<Setting, String> FLAGS = Map.ofEntries(
            Map.entry(CompletionSetting.ITERATIONS, "--iters"), Map.entry(CompletionSetting.LEARNING_RATE, "--lr"),
            Map.entry(CompletionSetting.BETA1, "--beta1"), Map.entry(CompletionSetting.LAMBDA, "--lambda"),
            Map.entry(CompletionSetting.RESTARTS, "--restarts"), Map.entry(CompletionSetting.HMC_BETA, "--hmc-beta"),
            Map.entry(CompletionSetting.HMC_STEP, "--hmc-step"), Map.entry(CompletionSetting.HMC_LEAPFROG, "--hmc-leapfrog"),
            Map.entry(CompletionSetting.HMC_ANNEAL, "--hmc-anneal"), Map.entry(CompletionSetting.TRACE, "--csv"),

            Map.entry(DataSetting.IMAGE_SIZE, "--size"), Map.entry(DataSetting.CHANNELS, "--channels"), Map.entry(DataSetting.CROP, "--crop"),
            Map.entry(DataSetting.IMAGE_LIMIT, "--limit"), Map.entry(DataSetting.CACHE_FOLDER, "--cache"),
            Map.entry(DataSetting.STRICT_MODE, "--strict"), Map.entry(DataSetting.DATA_SOURCE, "--data"), Map.entry(DataSetting.BATCH_SIZE, "--batch"),

            Map.entry(TrainingSetting.LATENT_SIZE, "--nz"), Map.entry(TrainingSetting.GENERATOR_WIDTH, "--ngf"),
            Map.entry(TrainingSetting.DISCRIMINATOR_WIDTH, "--ndf"), Map.entry(TrainingSetting.EPOCHS, "--epochs"),
            Map.entry(TrainingSetting.BATCH_SIZE, "--batch"), Map.entry(TrainingSetting.LEARNING_RATE, "--lr"),
            Map.entry(TrainingSetting.BETA1, "--beta1"), Map.entry(TrainingSetting.HOLD_OUT, "--hold-out"),
            Map.entry(TrainingSetting.CHECKPOINT_BATCHES, "--checkpoint-every"), Map.entry(TrainingSetting.CHECKPOINT_MINUTES, "--checkpoint-minutes"),
            Map.entry(TrainingSetting.OUTPUT_FOLDER, "--out"), Map.entry(TrainingSetting.RESUME, "--resume"), Map.entry(TrainingSetting.FORCE, "--force"),

            Map.entry(EncoderSetting.STEPS, "--steps"), Map.entry(EncoderSetting.BATCH_SIZE, "--batch"),
            Map.entry(EncoderSetting.REAL_FRACTION, "--real-fraction"), Map.entry(EncoderSetting.Z_WEIGHT, "--z-weight"),
            Map.entry(EncoderSetting.LEARNING_RATE, "--lr"), Map.entry(EncoderSetting.BETA1, "--beta1"),
            Map.entry(EncoderSetting.CHECKPOINT_MINUTES, "--checkpoint-minutes"), Map.entry(EncoderSetting.RESUME, "--resume"),
            Map.entry(EncoderSetting.FORCE, "--force"),

            Map.entry(InspectionSetting.SAMPLES, "--samples"), Map.entry(InspectionSetting.NEIGHBOURS, "--k"),
            Map.entry(InspectionSetting.IMAGES, "--n"),
            Map.entry(StudioSetting.PORT, "--port"), Map.entry(StudioSetting.EXAMPLES, "--examples"),
            Map.entry(BenchSetting.MODE, "--mode"));

    private SettingFlags() {}

    /** The error's message naming each setting's flag (its own words for a setting no flag sets). */
    static String message(SettingError e) {
        return e.messageNaming(s -> flag(s) != null ? flag(s) : s.words());
    }

    /** The flag that sets {@code setting}, or null when none does. */
    static String flag(Setting setting) {
        return FLAGS.get(setting);
    }
}
