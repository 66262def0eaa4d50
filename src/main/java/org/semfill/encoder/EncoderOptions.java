package org.semfill.encoder;

import static org.semfill.encoder.EncoderSetting.BATCH_SIZE;
import static org.semfill.encoder.EncoderSetting.BETA1;
import static org.semfill.encoder.EncoderSetting.CHECKPOINT_MINUTES;
import static org.semfill.encoder.EncoderSetting.LEARNING_RATE;
import static org.semfill.encoder.EncoderSetting.REAL_FRACTION;
import static org.semfill.encoder.EncoderSetting.STEPS;
import static org.semfill.encoder.EncoderSetting.Z_WEIGHT;

import org.semfill.internal.SettingError;

/**
 * How an encoder is trained: {@code steps} Adam steps on batches of {@code batch} images, {@code realFraction} of
 * each batch real training images (the rest drawn by G, whose z is known), the z loss's weight beside the image
 * loss, Adam's learning rate and beta1, the seed, and a checkpoint every {@code checkpointMinutes} (0 = only at
 * the end).
 */
public record EncoderOptions(int steps, int batch, float realFraction, float zWeight, float lr, float beta1, long seed,
                             double checkpointMinutes) {
    public EncoderOptions {
        if (steps < 1 || steps > 10_000_000) throw SettingError.of(STEPS, "must be between 1 and 10000000, got " + steps);
        if (batch < 2 || batch > 4096) throw SettingError.of(BATCH_SIZE, "must be between 2 and 4096, got " + batch);
        if (!(realFraction >= 0 && realFraction <= 1)) throw SettingError.of(REAL_FRACTION, "must be in [0, 1], got " + realFraction);
        if (!(zWeight >= 0 && zWeight < 1e6)) throw SettingError.of(Z_WEIGHT, "must be at least 0 and below 1000000, got " + zWeight);
        if (!(lr > 0 && lr < 1)) throw SettingError.of(LEARNING_RATE, "must be in (0, 1), got " + lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw SettingError.of(BETA1, "must be in [0, 1), got " + beta1);
        if (!(checkpointMinutes >= 0 && checkpointMinutes <= 10_000))
            throw SettingError.of(CHECKPOINT_MINUTES, "must be between 0 and 10000, got " + checkpointMinutes);
    }

    /** 2,000 steps of 64 (half real), z loss weight 1, Adam(5e-4, 0.5), seed 1, a checkpoint every 10 minutes. */
    public static EncoderOptions defaults() {
        return new EncoderOptions(2000, 64, 0.5f, 1f, 5e-4f, 0.5f, 1, 10);
    }

    public EncoderOptions withSteps(int n) {
        return new EncoderOptions(n, batch, realFraction, zWeight, lr, beta1, seed, checkpointMinutes);
    }

    public EncoderOptions withBatch(int b) {
        return new EncoderOptions(steps, b, realFraction, zWeight, lr, beta1, seed, checkpointMinutes);
    }

    /** Real images per batch when real images are at hand. */
    int realRows() {
        return Math.round(batch * realFraction);
    }
}
