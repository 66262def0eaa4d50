package org.semfill.data;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds a Python that imports NumPy, for the tests that check our files against it. */
final class PythonWithNumpy {
    private PythonWithNumpy() {}

    /** {@code $SEMFILL_PYTHON}, else python3, then /usr/bin/python3, whichever imports numpy first; null if none does. */
    static String find() throws InterruptedException {
        String env = System.getenv("SEMFILL_PYTHON");
        for (String exe : env != null && !env.isBlank() ? List.of(env) : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(exe, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return exe;
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }
}
