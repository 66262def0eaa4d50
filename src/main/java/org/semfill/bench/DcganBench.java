package org.semfill.bench;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.IntPredicate;
import org.semfill.completion.Completion;
import org.semfill.completion.CompletionJob;
import org.semfill.completion.CompletionReport;
import org.semfill.completion.Mask;
import org.semfill.data.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semfill.completion.CompletionSession;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.TrainStep;
import org.semfill.internal.Rng;
import org.semfill.internal.SettingError;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;
import org.semfill.tensor.Grad;
import org.semfill.tensor.Profile;
import org.semfill.tensor.Tensor;

/**
 * The benchmark workloads (configs a, b, c32, c28) on synthetic data, batch 64, timed per step after warm-up; one JSON line
 * with the same fields as the PyTorch reference (dcgan_bench.py) plus kernels, vector width and JDK.
 */
public final class DcganBench {
    public static final int BATCH = 64;

    private DcganBench() {}

    public static String run(String configName, String mode, int steps, int warmup, int batch) {
        return run(configName, mode, steps, warmup, batch, false).get(0);
    }

    /**
     * The JSON line of one run; with {@code profile}, followed by one line per layer forward and op backward
     * (milliseconds per step and share of the median step, slowest first). Profiling adds a little
     * overhead, so the first line of a profiled run is not the one to compare with PyTorch.
     */
    public static List<String> run(String configName, String mode, int steps, int warmup, int batch, boolean profile) {
        return run(configName, mode, steps, warmup, 0, batch, profile, null);
    }

    /**
     * As {@link #run(String, String, int, int, int, boolean)}, warming up for {@code warmup} steps, then until
     * {@code warmupSeconds} have passed and the JIT has stopped compiling ({@link JitWarmup}; not with warmup 0); with {@code peak} (this host's FMA peak for the same thread count, measured in
     * the same run by {@link PeakFlops}; null: not measured) the line also gets {@code peak_gflops} and
     * {@code fraction_of_peak} (achieved_gflops / peak_gflops).
     */
    public static List<String> run(String configName, String mode, int steps, int warmup, double warmupSeconds, int batch,
                                   boolean profile, PeakFlops.Result peak) {
        DcganConfig c = DcganConfig.named(configName);
        Runnable step = switch (mode) {
            case "train" -> trainStep(c, batch);
            case "gfwd" -> gfwdStep(c, batch);
            case "complete" -> completeStep(c, batch);
            default -> throw SettingError.of(BenchSetting.MODE, "must be train, gfwd, complete or complete-many, got '" + mode + "'");
        };
        long warm0 = System.nanoTime();
        int warmed = 0;
        JitWarmup jit = new JitWarmup();
        boolean settled = warmup == 0; // --warmup 0: time the cold code on purpose
        for (; warmed < warmup || seconds(warm0) < warmupSeconds || !settled && seconds(warm0) < JitWarmup.MAX_SECONDS; warmed++) {
            step.run();
            settled = settled || jit.settledAfterStep();
        }
        double warmSeconds = seconds(warm0);
        double[] t = new double[steps];
        if (profile) Profile.start();
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        List<Profile.Row> rows = profile ? Profile.stop() : List.of();
        Arrays.sort(t);
        double med = steps % 2 == 1 ? t[steps / 2] : 0.5 * (t[steps / 2 - 1] + t[steps / 2]);
        double flops = FlopCount.perImage(c, mode);
        Map<String, Object> r = lineStart(configName, mode, batch);
        r.put("steps", steps);
        r.put("warmup", warmed);
        r.put("warmup_s", round(warmSeconds, 2));
        if (warmup > 0) r.put("jit_settled", settled);
        r.put("median_step_s", round(med, 5));
        r.put("min_step_s", round(t[0], 5));
        r.put("max_step_s", round(t[steps - 1], 5));
        r.put("images_per_s", round(batch / med, 2));
        r.put("iters_per_s", round(1 / med, 3));
        r.put("gflop_per_image", round(flops / 1e9, 4));
        r.put("achieved_gflops", round(flops * batch / med / 1e9, 2));
        if (profile) r.put("profiled", true);
        putMachine(r, flops * batch / med / 1e9, peak);
        Gson gson = new Gson();
        List<String> lines = new ArrayList<>();
        lines.add(gson.toJson(r));
        for (Profile.Row row : rows) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("config", configName);
            p.put("mode", mode);
            p.put("part", row.what());
            p.put("ms_per_step", round(row.millis() / steps, 3));
            p.put("share_of_median_step", round(row.millis() / steps / (med * 1000), 3));
            p.put("calls_per_step", round((double) row.calls() / steps, 2));
            lines.add(gson.toJson(p));
        }
        return lines;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** The mode that times a many-image completion job ({@link #runMany}) rather than one step. */
    public static final String COMPLETE_MANY = "complete-many";

    /**
     * {@code --mode complete-many}: the many-image path of {@code complete} ({@link CompletionJob}: batches of
     * {@code batch} images, every finished batch's PNGs, grid, loss chart, search strip and GIF written on the writer
     * thread into a temporary folder, deleted at the end; with {@code overlap} false, between the batches, as
     * {@code complete} did before) for {@code images} synthetic images (G's samples, centre
     * hole, Yeh's weights, Poisson blending, random starts, one restart) of {@code iterations} iterations each, after
     * an untimed job of one batch of {@code warmup} iterations. The line gives image-iterations per second (wall
     * clock, writing included; also as {@code images_per_s}, the unit of the {@code complete} mode, for --repeat) and
     * the projected time of 1,000 images x 1,000 iterations: the time in the search steps scaled by the image-iterations,
     * the rest (set-up, snapshots, blending, waiting for the writer) by the batches.
     */
    public static List<String> runMany(String configName, int images, int iterations, int warmup, int batch, boolean overlap, PeakFlops.Result peak) {
        DcganConfig c = DcganConfig.named(configName);
        Dcgan gan = Dcgan.create(c, 1234);
        gan.generator.train(false);
        Rng rng = new Rng(1);
        ImageSet set;
        try (var g = Grad.off()) {
            float[] px = gan.generator.forward(Tensor.normal(rng, 0f, 1f, images, c.nz(), 1, 1)).data().clone();
            set = new ImageSet(px, images, c.channels(), c.size(), c.size(), "G's samples");
        }
        gan.generator.train(true);
        Mask mask = Masks.center(c.size());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < images; i++) names.add(String.format("img%05d", i));
        Path dir;
        try {
            dir = Files.createTempDirectory("semfill-bench-complete-many");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletionJob.Timing t;
        try {
            if (warmup > 0) job(gan, set.subset(0, Math.min(batch, images)), mask, names, warmup, batch, overlap, dir.resolve("warmup"), new Rng(2));
            t = job(gan, set, mask, names, iterations, batch, overlap, dir.resolve("run"), new Rng(3));
        } finally {
            deleteTree(dir);
        }
        double imageIters = (double) images * iterations;
        double rate = imageIters / t.wallSeconds();
        double target = 1000.0 * 1000.0;
        // the steps scale with the image-iterations; the rest (set-up, snapshots, blending, writing) with the batches
        double projected = t.stepSeconds() * target / imageIters + (t.wallSeconds() - t.stepSeconds()) / t.batches() * CompletionJob.batches(1000, batch);
        double flops = FlopCount.perImage(c, "complete");
        Map<String, Object> r = lineStart(configName, COMPLETE_MANY, batch);
        r.put("images", images);
        r.put("iterations", iterations);
        r.put("restarts", 1);
        r.put("steps", iterations);
        r.put("warmup", warmup);
        r.put("overlap_writes", overlap);
        r.put("wall_s", round(t.wallSeconds(), 3));
        r.put("search_s", round(t.searchSeconds(), 3));
        r.put("step_s", round(t.stepSeconds(), 3));
        r.put("writer_wait_s", round(t.waitSeconds(), 3));
        r.put("image_iters_per_s", round(rate, 2));
        r.put("images_per_s", round(rate, 2));
        r.put("step_image_iters_per_s", round(imageIters / t.stepSeconds(), 2));
        r.put("projected_1000x1000_s", round(projected, 1));
        r.put("projected_1000x1000_min", round(projected / 60, 1));
        r.put("gflop_per_image", round(flops / 1e9, 4));
        r.put("achieved_gflops", round(flops * rate / 1e9, 2));
        putMachine(r, flops * rate / 1e9, peak);
        return List.of(new Gson().toJson(r));
    }

    /** The fields every workload line starts with, in this order: who ran what, on how many threads, how many images at once. */
    private static Map<String, Object> lineStart(String configName, String mode, int batch) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("impl", "semfill");
        r.put("config", configName);
        r.put("mode", mode);
        r.put("threads", Parallel.threads());
        r.put("batch", batch);
        return r;
    }

    /**
     * The fields every workload line ends with: the kernels, the convolution algorithm, vector shape and JDK, this host's
     * peak and the fraction of it {@code achievedGflops} is (when the peak was measured), the CPU, and kernels.Parallel's
     * wait policy at the end. With {@code --conv winograd} the GFLOP/s still count the direct convolution's multiplies
     * (the work PyTorch's line counts), so they are the rate of getting that work done, not of arithmetic executed.
     */
    private static void putMachine(Map<String, Object> r, double achievedGflops, PeakFlops.Result peak) {
        r.put("kernels", KernelProvider.get().name());
        r.put("conv", ConvAlgorithm.get().name());
        r.put("simd", KernelProvider.get().describe());
        r.put("jdk", Runtime.version().toString());
        if (peak != null) {
            r.put("peak_gflops", round(peak.gflops(), 1));
            r.put("fraction_of_peak", round(achievedGflops / peak.gflops(), 3));
        }
        r.put("cpu", PeakFlops.cpuName());
        r.put("wait", Parallel.threads() == 1 ? "none" : Parallel.spinning() ? "spin" : "park");
    }

    /** One many-image job as {@code complete} runs it, with its defaults (strip every 100 iterations, a 40-frame GIF of 8 rows). */
    private static CompletionJob.Timing job(Dcgan gan, ImageSet set, Mask mask, List<String> names, int iterations, int batch, boolean overlap, Path out,
                                           Rng rng) {
        CompletionSession.Settings o = new CompletionSession.Settings(SearchSettings.defaults().withIterations(iterations), true, true, false);
        IntPredicate stripAt = Completion.Watch.every(100, iterations).snapshotAt();
        int every = Math.max(1, iterations / 40);
        IntPredicate gifAt = it -> it % every == 0 || it == iterations - 1;
        Completion.Watch watch = new Completion.Watch(it -> stripAt.test(it) || gifAt.test(it), false);
        return CompletionJob.run(gan, set, mask, o, watch, rng, batch, null, overlap, (b, from, to, r) ->
                CompletionReport.writeBatch(out, r, set.subset(from, to).pixels(), names.subList(from, to), b + 1, from, stripAt, gifAt, 8, false));
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("could not delete the benchmark's temporary folder " + dir + ": " + e.getMessage());
        }
    }

    private static Runnable trainStep(DcganConfig c, int batch) {
        Dcgan gan = Dcgan.create(c, 1234);
        TrainStep step = new TrainStep(gan, TrainStep.adam(gan.discriminator, 2e-4f, 0.5f), TrainStep.adam(gan.generator, 2e-4f, 0.5f), batch);
        Rng rng = new Rng(1);
        Tensor[] pool = new Tensor[4]; // several real batches, so no single buffer stays hot in cache
        for (int i = 0; i < pool.length; i++) pool[i] = Tensor.uniform(rng, -1f, 1f, batch, c.channels(), c.size(), c.size());
        int[] it = {0};
        return () -> step.run(pool[it[0]++ % pool.length], Tensor.normal(rng, 0f, 1f, batch, c.nz(), 1, 1));
    }

    private static Runnable gfwdStep(DcganConfig c, int batch) {
        Dcgan gan = Dcgan.create(c, 1234);
        gan.generator.train(false);
        Rng rng = new Rng(1);
        return () -> {
            try (var g = Grad.off()) {
                gan.generator.forward(Tensor.normal(rng, 0f, 1f, batch, c.nz(), 1, 1));
            }
        };
    }

    private static Runnable completeStep(DcganConfig c, int batch) {
        Dcgan gan = Dcgan.create(c, 1234);
        gan.generator.train(false);
        Rng rng = new Rng(1);
        float[] y;
        try (var g = Grad.off()) {
            y = gan.generator.forward(Tensor.normal(rng, 0f, 1f, batch, c.nz(), 1, 1)).data().clone();
        }
        // Amos's search on a centre hole with the plain mask as weights; one step of it per timed step. The session
        // stays open (G and D frozen) for the benchmark's life.
        CompletionSession.Settings settings = new CompletionSession.Settings(SearchSettings.defaults(), false, false);
        CompletionSession session = new CompletionSession(gan, y, batch, Masks.center(c.size()), settings, rng);
        return session::step;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
