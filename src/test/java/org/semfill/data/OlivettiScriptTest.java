package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/olivetti/fetch_olivetti.py, offline: its own tests (scikit-learn's loader replaced by random faces), then
 * the folder it writes from such faces, prepared by semfill: 400 grey faces in person order, every byte as written.
 * Skipped where no Python with NumPy is found ({@code $SEMFILL_PYTHON}, else python3, then /usr/bin/python3).
 */
class OlivettiScriptTest {
    private static final Path TOOL = Path.of("tools/olivetti");

    @TempDir
    Path dir;

    @Test
    void theScriptsFacesArePreparedInPersonOrderByteForByte() throws Exception {
        String python = PythonWithNumpy.find();
        Assumptions.assumeTrue(python != null, "no Python with numpy found; install python3-numpy to test tools/olivetti");
        run(python, TOOL.resolve("test_fetch_olivetti.py").toString()); // the script's own tests

        Path faces = dir.resolve("olivetti-faces"), expected = dir.resolve("expected.npy");
        run(python, "-c", String.join("\n",
                "import sys, numpy as np",
                "sys.path.insert(0, sys.argv[1])",
                "import fetch_olivetti as f, test_fetch_olivetti as t",
                "f.load_faces = lambda data_home=None: t.fake_faces(5)",
                "assert f.main([sys.argv[2]]) == 0",
                "np.save(sys.argv[3], np.rint(t.fake_faces(5)[0] * 255).astype(np.uint8)[:, None])"),
                TOOL.toString(), faces.toString(), expected.toString());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Preparation.Result r = Preparation.obtain(faces.toString(), PrepareOptions.of(64, 1), dir.resolve("cache"), 2,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        try (PreparedImages ours = r.images(); PreparedImages want = PreparedImages.open(expected, "expected")) {
            assertEquals(400, ours.n(), "labels.csv is not an image");
            assertEquals(0, r.manifest().skipped(), log.toString(StandardCharsets.UTF_8));
            for (int i : new int[] {0, 9, 10, 359, 360, 399})
                assertEquals(java.util.Arrays.toString(want.load(i, i + 1).pixels()), java.util.Arrays.toString(ours.load(i, i + 1).pixels()),
                        "face " + i);
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
