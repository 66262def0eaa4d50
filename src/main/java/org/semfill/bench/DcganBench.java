package org.semfill.bench;

import com.google.gson.Gson;
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
        return run(configName, mode, steps, warmup, batch, profile, null);
    }

    /**
     * As {@link #run(String, String, int, int, int, boolean)}, and with {@code peak} (this host's FMA peak for the
     * same thread count, measured in the same run by {@link PeakFlops}; null: not measured) the line also gets
     * {@code peak_gflops} and {@code fraction_of_peak} (achieved_gflops / peak_gflops).
     */
    public static List<String> run(String configName, String mode, int steps, int warmup, int batch, boolean profile,
                                   PeakFlops.Result peak) {
        DcganConfig c = DcganConfig.named(configName);
        Runnable step = switch (mode) {
            case "train" -> trainStep(c, batch);
            case "gfwd" -> gfwdStep(c, batch);
            case "complete" -> completeStep(c, batch);
            default -> throw new org.semfill.internal.UserError("--mode must be train, gfwd or complete, got '" + mode + "'");
        };
        for (int i = 0; i < warmup; i++) step.run();
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
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("impl", "semfill");
        r.put("config", configName);
        r.put("mode", mode);
        r.put("threads", Parallel.threads());
        r.put("batch", batch);
        r.put("steps", steps);
        r.put("warmup", warmup);
        r.put("median_step_s", round(med, 5));
        r.put("min_step_s", round(t[0], 5));
        r.put("max_step_s", round(t[steps - 1], 5));
        r.put("images_per_s", round(batch / med, 2));
        r.put("iters_per_s", round(1 / med, 3));
        r.put("gflop_per_image", round(flops / 1e9, 4));
        r.put("achieved_gflops", round(flops * batch / med / 1e9, 2));
        r.put("kernels", KernelProvider.get().name());
        r.put("simd", KernelProvider.get().describe());
        r.put("jdk", Runtime.version().toString());
        if (profile) r.put("profiled", true);
        if (peak != null) {
            r.put("peak_gflops", round(peak.gflops(), 1));
            r.put("fraction_of_peak", round(flops * batch / med / 1e9 / peak.gflops(), 3));
        }
        r.put("cpu", PeakFlops.cpuName());
        r.put("wait", Parallel.threads() == 1 ? "none" : Parallel.spinning() ? "spin" : "park"); // kernels.Parallel's policy at the end
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
