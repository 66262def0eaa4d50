package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semfill.bench.PeakFlops;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.ScalarKernels;

/** bench --peak, the peak fields of the workload lines, and --repeat's fresh JVMs and summary (no timing is checked). */
class BenchCommandTest extends ConsoleTest {

    private List<JsonObject> lines() {
        List<JsonObject> r = new ArrayList<>();
        for (String line : out.toString().split("\n")) if (line.startsWith("{")) r.add(JsonParser.parseString(line).getAsJsonObject());
        return r;
    }

    @Test
    void peakThreadCountsDoubleUpToTheThreadsAsked() {
        assertEquals(List.of(1), BenchCommand.peakThreadCounts(1));
        assertEquals(List.of(1, 2), BenchCommand.peakThreadCounts(2));
        assertEquals(List.of(1, 2, 4, 6), BenchCommand.peakThreadCounts(6));
        assertEquals(List.of(1, 2, 4, 8), BenchCommand.peakThreadCounts(8));
    }

    @Test
    void thePeakLoopDoesWhatItCounts() {
        Kernels scalar = new ScalarKernels();
        assertEquals(24, scalar.fmaFlopsPerRound()); // 12 chains, 2 flops an FMA
        float a = 0f;
        for (int r = 0; r < 1000; r++) a = Math.fma(a, 0.999f, 0.001f);
        float b = 1.1f;
        for (int r = 0; r < 1000; r++) b = Math.fma(b, 0.999f, 0.001f);
        float all = scalar.fmaLoop(1000);
        assertTrue(all > 12 * Math.min(a, b) && all < 12 * Math.max(a, b) && Float.isFinite(all), "the chains converge towards 1: " + all);
        if (KernelProvider.vectorAvailable()) {
            Kernels vector = KernelProvider.loadVector();
            int lanes = vector.fmaFlopsPerRound() > 0 ? (int) (vector.fmaFlopsPerRound() / 24) : 0;
            assertTrue(vector.describe().contains("(" + lanes + " lanes)"), vector.describe() + " vs " + vector.fmaFlopsPerRound() + " flops a round");
            // each lane of chain i is chain i of the scalar loop: lane 0 and the last lane of the sum of the 12 chains
            assertEquals(2 * all, vector.fmaLoop(1000), 0f);
        }
    }

    @Test
    void peakPrintsOneLinePerThreadCount() {
        assertEquals(0, Main.run("bench", "--peak", "--threads", "2"));
        List<JsonObject> ls = lines();
        assertEquals(2, ls.size(), out.toString());
        for (int i = 0; i < 2; i++) {
            JsonObject o = ls.get(i);
            assertEquals("peak", o.get("mode").getAsString());
            assertEquals(i + 1, o.get("threads").getAsInt());
            assertTrue(o.get("peak_gflops").getAsDouble() > 0, o.toString());
            for (String f : new String[] {"kernels", "simd", "jdk", "cpu"}) assertTrue(o.has(f), f + " in " + o);
        }
    }

    @Test
    void workloadLinesKeepTheirFieldsAndAddThePeak() {
        assertEquals(0, Main.run("bench", "--config", "c28", "--mode", "gfwd", "--steps", "1", "--warmup", "0", "--batch", "2", "--threads", "1"));
        List<JsonObject> ls = lines();
        assertEquals(1, ls.size(), out.toString());
        JsonObject o = ls.get(0);
        for (String f : new String[] {"impl", "config", "mode", "threads", "batch", "steps", "warmup", "median_step_s", "min_step_s", "max_step_s",
                "images_per_s", "iters_per_s", "gflop_per_image", "achieved_gflops", "kernels", "simd", "jdk"})
            assertTrue(o.has(f), f + " in " + o);
        double peak = o.get("peak_gflops").getAsDouble(), achieved = o.get("achieved_gflops").getAsDouble();
        assertTrue(peak > 0, o.toString());
        // both GFLOP/s fields are rounded to 0.1 (and a test's short peak can be small), so allow for that rounding
        double rounding = 0.05 / peak + 0.05 / achieved;
        assertEquals(achieved / peak, o.get("fraction_of_peak").getAsDouble(), (0.01 + rounding) * achieved / peak + 1e-3, o.toString());

        out.reset();
        assertEquals(0, Main.run("bench", "--config", "c28", "--mode", "gfwd", "--steps", "1", "--warmup", "0", "--batch", "2", "--threads", "1", "--no-peak-fields"));
        JsonObject plain = lines().get(0);
        assertFalse(plain.has("peak_gflops") || plain.has("fraction_of_peak"), plain.toString());
    }

    @Test
    void completeManyRunsTheManyImagePathAndProjectsTheBigJob() {
        assertEquals(0, Main.run("bench", "--config", "c28", "--mode", "complete-many", "--images", "5", "--steps", "2", "--warmup", "1",
                "--batch", "2", "--threads", "1", "--no-peak-fields"), err.toString());
        List<JsonObject> ls = lines();
        assertEquals(1, ls.size(), out.toString());
        JsonObject o = ls.get(0);
        for (String f : new String[] {"impl", "config", "mode", "threads", "batch", "images", "iterations", "wall_s", "search_s", "writer_wait_s",
                "step_s", "image_iters_per_s", "images_per_s", "projected_1000x1000_s", "projected_1000x1000_min", "kernels", "simd", "jdk", "cpu"})
            assertTrue(o.has(f), f + " in " + o);
        assertEquals("complete-many", o.get("mode").getAsString());
        assertEquals(5, o.get("images").getAsInt());
        assertEquals(10 / o.get("wall_s").getAsDouble(), o.get("image_iters_per_s").getAsDouble(), 0.02 * o.get("image_iters_per_s").getAsDouble() + 0.01);
        assertTrue(o.get("projected_1000x1000_s").getAsDouble() > 0, o.toString());
        assertEquals(Main.USER_ERROR, Main.run("bench", "--mode", "complete-many", "--images", "0"));
        assertEquals(Main.USER_ERROR, Main.run("bench", "--mode", "complete-many", "--profile"));
    }

    @Test
    void repeatRunsFreshJvmsAndSummarises() {
        assertEquals(0, Main.run("bench", "--config", "c28", "--mode", "gfwd", "--steps", "1", "--warmup", "0", "--batch", "2", "--threads", "1",
                "--no-peak-fields", "--repeat", "2"), err.toString());
        List<JsonObject> ls = lines();
        assertEquals(3, ls.size(), out.toString());
        for (int i = 0; i < 2; i++) {
            assertEquals("gfwd", ls.get(i).get("mode").getAsString());
            assertEquals(1, ls.get(i).get("threads").getAsInt(), "the child got --threads");
            assertEquals(2, ls.get(i).get("batch").getAsInt(), "the child got --batch");
        }
        JsonObject s = ls.get(2);
        assertEquals("repeat", s.get("summary").getAsString());
        assertEquals(2, s.get("runs").getAsInt());
        double a = ls.get(0).get("images_per_s").getAsDouble(), b = ls.get(1).get("images_per_s").getAsDouble();
        assertEquals(Math.min(a, b), s.get("min_images_per_s").getAsDouble(), 0);
        assertEquals(Math.max(a, b), s.get("max_images_per_s").getAsDouble(), 0);
        assertEquals((a + b) / 2, s.get("median_images_per_s").getAsDouble(), 0.01);
        assertEquals(Math.max(a, b) / Math.min(a, b), s.get("spread").getAsDouble(), 0.001);
    }

    @Test
    void summaryTakesTheMedianOfAnOddNumberOfRuns() {
        List<JsonObject> runs = new ArrayList<>();
        for (double ips : new double[] {300, 100, 200}) {
            JsonObject o = JsonParser.parseString("{\"config\":\"b\",\"mode\":\"train\",\"threads\":2,\"batch\":64,\"steps\":20,\"warmup\":3,"
                    + "\"images_per_s\":" + ips + ",\"fraction_of_peak\":" + ips / 1000 + ",\"peak_gflops\":200,\"jdk\":\"17\"}").getAsJsonObject();
            runs.add(o);
        }
        JsonObject s = JsonParser.parseString(BenchCommand.summaryLine(runs)).getAsJsonObject();
        assertEquals(200, s.get("median_images_per_s").getAsDouble(), 0);
        assertEquals(100, s.get("min_images_per_s").getAsDouble(), 0);
        assertEquals(300, s.get("max_images_per_s").getAsDouble(), 0);
        assertEquals(3.0, s.get("spread").getAsDouble(), 0);
        assertEquals(0.2, s.get("median_fraction_of_peak").getAsDouble(), 0);
        assertEquals("17", s.get("jdk").getAsString());
    }

    @Test
    void badRepeatIsAUserError() {
        assertEquals(Main.USER_ERROR, Main.run("bench", "--repeat", "0"));
        assertTrue(err.toString().contains("--repeat"), err.toString());
    }

    @Test
    void thePeakIsMeasuredOnSeveralThreadsAtOnce() {
        PeakFlops.Result r = PeakFlops.measure(new ScalarKernels(), 3, 1, 0.01);
        assertEquals(3, r.threads());
        assertTrue(r.gflops() > 0 && r.seconds() > 0, r.toString());
        assertEquals("scalar", r.kernels());
    }
}
