package org.semfill.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitWarmupTest {
    private long compiled, nanos;

    private boolean step(double seconds, long compiledMillis) {
        nanos += (long) (seconds * 1e9);
        compiled += compiledMillis;
        return warmup.settledAfterStep();
    }

    private final JitWarmup warmup = new JitWarmup(() -> compiled, () -> nanos);

    @Test
    void settlesOnlyAfterThreeQuietStepsThatTookTwoSeconds() {
        assertFalse(step(1, 50), "the first step only starts the watch");
        assertFalse(step(1, 0));
        assertFalse(step(1, 0));
        assertTrue(step(1, 0), "three quiet steps, 3 s");
    }

    @Test
    void aCompilationStartsTheCountAgain() {
        step(1, 50);
        step(1, 0);
        step(1, 0);
        assertFalse(step(1, 7), "compiled during this step");
        assertFalse(step(1, 0));
        assertFalse(step(1, 0));
        assertTrue(step(1, 0));
    }

    @Test
    void shortQuietStepsMustAddUpToTwoSeconds() {
        step(0.1, 50);
        for (int i = 0; i < 19; i++) assertFalse(step(0.1, 0), "quiet for " + (i + 1) * 0.1 + " s");
        assertTrue(step(0.1, 0));
    }

    @Test
    void withoutACompilationClockWarmUpEndsAtOnce() {
        assertTrue(new JitWarmup(null, System::nanoTime).settledAfterStep());
    }
}
