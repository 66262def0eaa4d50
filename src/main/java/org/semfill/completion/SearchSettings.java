package org.semfill.completion;

import static org.semfill.completion.CompletionSetting.BETA1;
import static org.semfill.completion.CompletionSetting.BETA2;
import static org.semfill.completion.CompletionSetting.ITERATIONS;
import static org.semfill.completion.CompletionSetting.LAMBDA;
import static org.semfill.completion.CompletionSetting.LEARNING_RATE;
import static org.semfill.completion.CompletionSetting.RESTARTS;

import org.semfill.internal.SettingError;

/**
 * Settings of the latent search (Yeh et al. 2016; Amos 2016): Adam on z with learning rate {@code lr},
 * betas {@code beta1}/{@code beta2}, {@code iterations} steps, loss = contextual + {@code lambda} * perceptual,
 * {@code restarts} independent starting points per image (the best final loss wins).
 */
public record SearchSettings(int iterations, float lr, float beta1, float beta2, float lambda, int restarts) {

    /** The perceptual weight's (exclusive) upper limit: beyond it the contextual loss no longer counts at all. */
    public static final float MAX_LAMBDA = 1e6f;

    public SearchSettings {
        if (iterations < 1 || iterations > 1_000_000) throw SettingError.of(ITERATIONS, "must be between 1 and 1000000, got " + iterations);
        if (!(lr > 0 && lr < 10)) throw SettingError.of(LEARNING_RATE, "must be in (0, 10), got " + lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw SettingError.of(BETA1, "must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw SettingError.of(BETA2, "must be in [0, 1), got " + beta2);
        if (!(lambda >= 0 && lambda < MAX_LAMBDA))
            throw SettingError.of(LAMBDA, "must be at least 0 and below " + (long) MAX_LAMBDA + " (typical: 0.01 to 1), got " + lambda);
        if (restarts < 1 || restarts > 1000) throw SettingError.of(RESTARTS, "must be between 1 and 1000, got " + restarts);
    }

    /** Amos's defaults: 1000 iterations of Adam(0.01, 0.9, 0.999), lambda 0.1, one start. */
    public static SearchSettings defaults() {
        return new SearchSettings(1000, 0.01f, 0.9f, 0.999f, 0.1f, 1);
    }

    public SearchSettings withIterations(int n) {
        return new SearchSettings(n, lr, beta1, beta2, lambda, restarts);
    }

    public SearchSettings withLambda(float l) {
        return new SearchSettings(iterations, lr, beta1, beta2, l, restarts);
    }

    public SearchSettings withRestarts(int k) {
        return new SearchSettings(iterations, lr, beta1, beta2, lambda, k);
    }
}
