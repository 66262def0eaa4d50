package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared file through NumPy itself: a file semfill wrote is loaded (memory-mapped, as a Python user would),
 * checked and changed by NumPy, saved with {@code numpy.save}, and read back by semfill. Skipped where no Python
 * with NumPy is found ({@code $SEMFILL_PYTHON}, else python3, then /usr/bin/python3).
 */
class NpyNumpyRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void numpyReadsWhatSemfillWritesAndSemfillReadsWhatNumpyWrites() throws Exception {
        String python = PythonWithNumpy.find();
        Assumptions.assumeTrue(python != null, "no Python with numpy found; install python3-numpy to run the NumPy round trip");
        int n = 5, c = 3, s = 4, per = c * s * s;
        byte[] data = new byte[n * per];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 37 % 256);
        Path ours = dir.resolve("ours.npy"), theirs = dir.resolve("theirs.npy");
        Files.write(ours, NpyTest.concat(Npy.header(n, c, s, s), data));
        String script = String.join("\n",
                "import sys, numpy as np",
                "a = np.load(sys.argv[1], mmap_mode='r')",
                "assert a.shape == (5, 3, 4, 4) and a.dtype == np.uint8, (a.shape, a.dtype)",
                "flat = np.arange(a.size, dtype=np.int64) * 37 % 256",
                "assert (a.reshape(-1) == flat).all(), 'values differ'",
                "np.save(sys.argv[2], np.ascontiguousarray(a[::-1]))",
                "print('ok')");
        Process p = new ProcessBuilder(python, "-c", script, ours.toString(), theirs.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        try (PreparedImages a = PreparedImages.open(ours, "ours"); PreparedImages b = PreparedImages.open(theirs, "numpy")) {
            assertEquals(n, b.n());
            for (int i = 0; i < n; i++) assertArrayEquals(a.load(i, i + 1).pixels(), b.load(n - 1 - i, n - i).pixels(), "image " + i);
        }
    }
}
