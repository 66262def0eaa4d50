package org.semfill.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;

/**
 * Tests that run commands in this JVM: what they print to System.out and System.err is captured in {@link #out} and
 * {@link #err} (UTF-8 both ways, so {@code toString()} reads back what was printed on any platform), and the
 * process-wide settings a command may change (threads, kernels, convolution algorithm) are put back after each test.
 */
public abstract class ConsoleTest {
    /** A capture whose {@code toString()} decodes UTF-8, the charset it is written in. */
    public static final class Captured extends ByteArrayOutputStream {
        @Override
        public synchronized String toString() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    protected final Captured out = new Captured(), err = new Captured();
    private PrintStream oldOut, oldErr;
    private int oldThreads;

    @BeforeEach
    protected void captureConsole() {
        oldOut = System.out;
        oldErr = System.err;
        oldThreads = Parallel.threads();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    protected void restoreConsole() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        Parallel.setThreads(oldThreads);
        KernelProvider.select("auto");
        ConvAlgorithm.select(ConvAlgorithm.direct);
    }
}
