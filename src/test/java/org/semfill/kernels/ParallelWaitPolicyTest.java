package org.semfill.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the workers spin and when they park at once (Parallel's class comment says why). */
class ParallelWaitPolicyTest {
    @Test
    void moreThreadsThanProcessorsNeverSpin() {
        for (String policy : new String[] {"auto", "always", "never"})
            assertFalse(Parallel.decideSpinning(8, policy, 0.0, 2, 2, true), policy);
    }

    @Test
    void autoSpinsOnlyWhileTheMachineIsNotOverloaded() {
        assertTrue(Parallel.decideSpinning(2, "auto", 2.0, 2, 2, true), "only our own two threads");
        assertTrue(Parallel.decideSpinning(2, "auto", 0.1, 2, 2, true), "idle machine");
        assertTrue(Parallel.decideSpinning(2, "auto", -1, 2, 2, false), "no load average: as if idle");
        assertFalse(Parallel.decideSpinning(2, "auto", 12.0, 2, 2, true), "others keep the cores busy");
        assertFalse(Parallel.decideSpinning(2, "auto", 3.0, 2, 2, true), "one other runnable thread on average");
        assertTrue(Parallel.decideSpinning(2, "auto", 6.0, 2, 8, true), "others busy, but free CPUs left on an 8-CPU machine");
        assertTrue(Parallel.decideSpinning(2, "auto", 30.0, 2, 64, true), "a 2-CPU container on a 64-CPU host half busy");
        // hysteresis: between half a processor and one over the CPUs, keep doing what we did
        assertTrue(Parallel.decideSpinning(2, "auto", 2.7, 2, 2, true));
        assertFalse(Parallel.decideSpinning(2, "auto", 2.7, 2, 2, false));
        assertTrue(Parallel.decideSpinning(2, "auto", 2.4, 2, 2, false));
    }

    @Test
    void alwaysAndNeverIgnoreTheLoad() {
        assertTrue(Parallel.decideSpinning(2, "always", 12.0, 2, 2, false));
        assertFalse(Parallel.decideSpinning(2, "never", 0.0, 2, 2, true));
        assertThrows(IllegalArgumentException.class, () -> Parallel.decideSpinning(2, "sometimes", 0.0, 2, 2, true));
    }
}
