package org.semfill.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;
import org.semfill.tensor.Grad;
import org.semfill.tensor.Tensor;

/** The inference scope: evaluation mode and no graph inside, each module's own mode and recording restored after. */
class InferenceTest {

    @Test
    void evaluationModeAndNoGraphInsideEverythingRestoredAfter() {
        Rng rng = new Rng(1);
        Sequential a = new Sequential(new Linear(3, 2, true, rng), new BatchNorm2d(2));
        Module b = new Linear(2, 2, false, rng);
        b.train(false);
        try (var s = Inference.of(a, b)) {
            assertFalse(a.isTraining());
            assertFalse(a.get(1).isTraining());
            assertFalse(b.isTraining());
            assertFalse(Grad.enabled());
            Tensor y = a.get(0).forward(Tensor.variable(new float[3], 1, 3));
            assertFalse(y.requiresGrad(), "no graph is recorded");
        }
        assertTrue(a.isTraining());
        assertTrue(a.get(1).isTraining());
        assertFalse(b.isTraining(), "a module that was in evaluation mode stays there");
        assertTrue(Grad.enabled());
    }

    @Test
    void restoresOnAnException() {
        Sequential a = new Sequential(new Linear(1, 1, true, new Rng(2)));
        try (var s = Inference.of(a)) {
            throw new IllegalStateException("boom");
        } catch (IllegalStateException expected) {
            // the scope has been closed by now
        }
        assertTrue(a.isTraining());
        assertTrue(Grad.enabled());
    }
}
