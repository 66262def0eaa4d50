package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;

/** The shared options are applied once, by Main, before the command runs; and the --seed help of the chapter commands. */
class CommonOptionsAppliedTest {
    int oldThreads;

    @BeforeEach
    void remember() {
        oldThreads = Parallel.threads();
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(oldThreads);
        KernelProvider.select("auto");
        ConvAlgorithm.select(ConvAlgorithm.direct);
    }

    @Test
    void theConvolutionAlgorithmIsChosenByEachCommandAndDoesNotLeakIntoTheNext() {
        Object[] r = TutorialCommandTest.capture("info", "--conv", "winograd");
        assertEquals(0, r[0], (String) r[2]);
        assertEquals(ConvAlgorithm.winograd, ConvAlgorithm.get());
        assertTrue(((String) r[1]).contains("conv:     winograd"), (String) r[1]);
        r = TutorialCommandTest.capture("info");
        assertEquals(0, r[0], (String) r[2]);
        assertEquals(ConvAlgorithm.direct, ConvAlgorithm.get(), "the default again");
    }

    @Test
    void threadsAreSetBeforeTheCommandRuns() {
        int other = oldThreads == 1 ? 2 : 1;
        Object[] r = TutorialCommandTest.capture("info", "--threads", Integer.toString(other));
        assertEquals(0, r[0], (String) r[2]);
        assertEquals(other, Parallel.threads());
        assertTrue(((String) r[1]).contains("threads:  " + other), (String) r[1]);
    }

    @Test
    void aBadValueIsOneLineWithExitTwo() {
        Object[] r = TutorialCommandTest.capture("charts", "--threads", "0");
        assertEquals(Main.USER_ERROR, r[0]);
        String err = ((String) r[2]).strip();
        assertEquals("semfill: --threads must be between 1 and 1024, got 0", err);
        assertEquals("", r[1], "nothing ran");
    }

    @Test
    void helpDoesNotApplyTheOptions() {
        Object[] r = TutorialCommandTest.capture("info", "--threads", "0", "--help");
        assertEquals(0, r[0], (String) r[2]);
        assertEquals(oldThreads, Parallel.threads());
    }

    @Test
    void chartsAndTutorialSayEachChapterHasItsOwnSeed() {
        for (String cmd : new String[] {"charts", "tutorial"}) {
            Object[] r = TutorialCommandTest.capture(cmd, "--help");
            assertEquals(0, r[0]);
            String help = ((String) r[1]).replaceAll("\\s+", " ");
            assertTrue(help.contains("the chapter's own seed"), cmd + ": " + help);
            assertTrue(help.contains("chapter 3: "), cmd + ": " + help);
            assertFalse(help.contains("(default: 1)"), cmd + ": " + help);
        }
    }
}
