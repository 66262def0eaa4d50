package org.semfill.gan;

import static org.semfill.data.DataSetting.CROP;
import static org.semfill.data.DataSetting.IMAGE_LIMIT;
import static org.semfill.gan.TrainingSetting.BATCH_SIZE;
import static org.semfill.gan.TrainingSetting.BETA1;
import static org.semfill.gan.TrainingSetting.CHECKPOINT_BATCHES;
import static org.semfill.gan.TrainingSetting.CHECKPOINT_MINUTES;
import static org.semfill.gan.TrainingSetting.EPOCHS;
import static org.semfill.gan.TrainingSetting.HOLD_OUT;
import static org.semfill.gan.TrainingSetting.LEARNING_RATE;

import org.semfill.internal.SettingError;

/**
 * Everything that defines a training run; saved as {@code config.json} in the run directory so a resumed
 * run continues with the same settings.
 *
 * @param data            an IDX file, a folder of photos, or "bundled"
 * @param limit           at most this many training images (0 = all)
 * @param holdOut         images kept out of training at the end of the data (for completion evaluation)
 * @param checkpointEvery also checkpoint every this many iterations (0 = only at the end of each epoch)
 * @param crop            photos: take at most their centred crop x crop square before resizing (0 = the whole square)
 * @param checkpointMinutes also checkpoint when this many minutes passed since the last one (0 = never by time)
 */
public record TrainOptions(String data, DcganConfig model, int epochs, int batch, float lr, float beta1,
                           int limit, int holdOut, long seed, int checkpointEvery, int crop, double checkpointMinutes) {
    /** Time between checkpoints when not given: a killed run loses at most this much work. */
    public static final double DEFAULT_CHECKPOINT_MINUTES = 10;

    /** Options without a crop, checkpointing every {@value #DEFAULT_CHECKPOINT_MINUTES} minutes besides epoch ends. */
    public TrainOptions(String data, DcganConfig model, int epochs, int batch, float lr, float beta1, int limit, int holdOut, long seed,
                        int checkpointEvery) {
        this(data, model, epochs, batch, lr, beta1, limit, holdOut, seed, checkpointEvery, 0, DEFAULT_CHECKPOINT_MINUTES);
    }

    public TrainOptions {
        if (epochs < 1 || epochs > 100_000) throw SettingError.of(EPOCHS, "must be between 1 and 100000, got " + epochs);
        if (batch < 2 || batch > 4096) throw SettingError.of(BATCH_SIZE, "must be between 2 and 4096 (batch norm needs 2), got " + batch);
        if (!(lr > 0 && lr < 1)) throw SettingError.of(LEARNING_RATE, "must be in (0, 1), got " + lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw SettingError.of(BETA1, "must be in [0, 1), got " + beta1);
        if (limit < 0) throw SettingError.of(IMAGE_LIMIT, "must be >= 0 (0 = all images), got " + limit);
        if (holdOut < 0) throw SettingError.of(HOLD_OUT, "must be >= 0, got " + holdOut);
        if (checkpointEvery < 0) throw SettingError.of(CHECKPOINT_BATCHES, "must be >= 0, got " + checkpointEvery);
        if (crop < 0) throw SettingError.of(CROP, "must be >= 0 (0 = no crop), got " + crop);
        if (!(checkpointMinutes >= 0 && checkpointMinutes <= 100_000))
            throw SettingError.of(CHECKPOINT_MINUTES, "must be between 0 (off) and 100000, got " + checkpointMinutes);
        if (model != null && (long) batch * model.largestLayerOutput() > Integer.MAX_VALUE - 16)
            throw new SettingError(BATCH_SIZE, name -> String.format("%s %d is too large for a DCGAN of %s: one layer's output would hold %,d values, "
                    + "more than an array can; use a smaller %s", name.apply(BATCH_SIZE), batch, model, (long) batch * model.largestLayerOutput(),
                    name.apply(BATCH_SIZE)));
        if ((long) limit + holdOut > Integer.MAX_VALUE)
            throw new SettingError(IMAGE_LIMIT, name -> name.apply(IMAGE_LIMIT) + " plus " + name.apply(HOLD_OUT) + " is too large: " + ((long) limit + holdOut));
    }

    /**
     * The DCGAN paper's settings for {@code data} and {@code model}: 5 epochs of batches of 64, Adam with learning rate
     * 2e-4 and beta1 0.5, all images (no limit, no hold-out, no crop), seed 1, checkpoints at epoch ends and every
     * {@value #DEFAULT_CHECKPOINT_MINUTES} minutes. Change any of them with the {@code withX} methods.
     */
    public static TrainOptions defaults(String data, DcganConfig model) {
        return new TrainOptions(data, model, 5, 64, 2e-4f, 0.5f, 0, 0, 1, 0, 0, DEFAULT_CHECKPOINT_MINUTES);
    }

    public TrainOptions withData(String d) {
        return new TrainOptions(d, model, epochs, batch, lr, beta1, limit, holdOut, seed, checkpointEvery, crop, checkpointMinutes);
    }

    public TrainOptions withModel(DcganConfig m) {
        return new TrainOptions(data, m, epochs, batch, lr, beta1, limit, holdOut, seed, checkpointEvery, crop, checkpointMinutes);
    }

    public TrainOptions withBatch(int b) {
        return new TrainOptions(data, model, epochs, b, lr, beta1, limit, holdOut, seed, checkpointEvery, crop, checkpointMinutes);
    }

    /** These options with Adam's learning rate {@code lr}. */
    public TrainOptions withLr(float l) {
        return new TrainOptions(data, model, epochs, batch, l, beta1, limit, holdOut, seed, checkpointEvery, crop, checkpointMinutes);
    }

    /** These options with Adam's first-moment decay {@code beta1}. */
    public TrainOptions withBeta1(float b) {
        return new TrainOptions(data, model, epochs, batch, lr, b, limit, holdOut, seed, checkpointEvery, crop, checkpointMinutes);
    }

    /** These options training on at most {@code n} images (0 = all). */
    public TrainOptions withLimit(int n) {
        return new TrainOptions(data, model, epochs, batch, lr, beta1, n, holdOut, seed, checkpointEvery, crop, checkpointMinutes);
    }

    /** These options keeping the last {@code n} images out of training. */
    public TrainOptions withHoldOut(int n) {
        return new TrainOptions(data, model, epochs, batch, lr, beta1, limit, n, seed, checkpointEvery, crop, checkpointMinutes);
    }

    public TrainOptions withSeed(long s) {
        return new TrainOptions(data, model, epochs, batch, lr, beta1, limit, holdOut, s, checkpointEvery, crop, checkpointMinutes);
    }

    /** These options cropping photos to their centred {@code c x c} square (0 = no crop). */
    public TrainOptions withCrop(int c) {
        return new TrainOptions(data, model, epochs, batch, lr, beta1, limit, holdOut, seed, checkpointEvery, c, checkpointMinutes);
    }

    /** These options checkpointing every {@code every} iterations (0 = at epoch ends) and every {@code minutes} (0 = not by time). */
    public TrainOptions withCheckpoints(int every, double minutes) {
        return new TrainOptions(data, model, epochs, batch, lr, beta1, limit, holdOut, seed, every, crop, minutes);
    }

    public TrainOptions withEpochs(int e) {
        return new TrainOptions(data, model, e, batch, lr, beta1, limit, holdOut, seed, checkpointEvery, crop, checkpointMinutes);
    }
}
