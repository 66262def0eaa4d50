package org.semfill.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.semfill.bench.DcganBench;
import org.semfill.bench.PeakFlops;
import org.semfill.internal.UserError;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the DCGAN workloads (configs a, b, c32, c28 of docs/performance.md) on synthetic data; prints one JSON line per run.",
                "Each line also gives this host's FMA peak for the same thread count (measured at the start of the run, about a second) and the fraction of it the workload reached."})
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--config", split = ",", defaultValue = "b", description = "a, b, c32, c28 (comma-separated for several; default ${DEFAULT-VALUE})")
    String[] configs;

    @Option(names = "--mode", split = ",", defaultValue = "train", description = "train, gfwd, complete, complete-many (comma-separated; default ${DEFAULT-VALUE}). complete-many times the many-image "
            + "path of 'complete' (batches of --batch images, each batch's PNGs, grid, charts and GIF written on a background thread into a temporary "
            + "folder) for --images synthetic images of --steps iterations each (random starts, one restart), after one batch of --warmup iterations; "
            + "it reports image_iters_per_s and projected_1000x1000_min, the time of 1,000 images x 1,000 iterations")
    String[] modes;

    @Option(names = "--steps", defaultValue = "20", description = "timed steps; with complete-many: iterations per image (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed warm-up steps, at least; then warm-up goes on until the JIT has "
            + "compiled nothing for 3 steps and 2 s (config a: 10-30 s on 2 cores), at most 120 s; 0: no warm-up at all (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "0", description = "and keep warming up until this many seconds have passed (default ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE}, as the reference)")
    int batch;

    @Option(names = "--images", defaultValue = "256", description = "with --mode complete-many: images to complete (default ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--overlap-writes", defaultValue = "true", arity = "1", description = "with --mode complete-many: write a batch's files while the next batch searches, as 'complete' does (default ${DEFAULT-VALUE}); false writes them between the batches")
    boolean overlapWrites;

    @Option(names = "--profile", description = "also print where a step's time goes: one JSON line per layer forward and op backward")
    boolean profile;

    @Option(names = "--peak", description = "only measure this host's FP32 FMA peak (a register-only Vector API loop on 1, 2, 4 ... up to --threads threads at once), one JSON line per thread count")
    boolean peak;

    @Option(names = "--no-peak-fields", description = "skip the quick peak measurement, and the peak_gflops and fraction_of_peak fields")
    boolean noPeakFields;

    @Option(names = "--repeat", defaultValue = "1", description = "run the whole benchmark in this many fresh JVMs one after another (the same java, class path and JVM options), "
            + "print each run's lines, then one summary line per workload: median, min and max images/s and the spread (fastest / slowest); default ${DEFAULT-VALUE}: in this JVM")
    int repeat;

    @Override
    public Integer call() {
        if (steps < 1) throw new UserError("--steps must be at least 1, got " + steps);
        if (warmup < 0) throw new UserError("--warmup must be >= 0, got " + warmup);
        if (!(warmupSeconds >= 0 && warmupSeconds <= 3600)) throw new UserError("--warmup-seconds must be between 0 and 3600, got " + warmupSeconds);
        if (batch < 2) throw new UserError("--batch must be at least 2 (batch norm needs two images), got " + batch);
        if (repeat < 1) throw new UserError("--repeat must be at least 1, got " + repeat);
        if (images < 1) throw new UserError("--images must be at least 1, got " + images);
        for (String m : modes)
            if (m.equals(DcganBench.COMPLETE_MANY) && profile) throw new UserError("--profile times one step: use it with --mode complete, not complete-many");
        for (String c : configs) org.semfill.gan.DcganConfig.named(c); // bad names fail before any child starts
        if (repeat > 1) return repeatInFreshJvms();
        if (peak) {
            Kernels k = PeakFlops.peakKernels();
            for (int t : peakThreadCounts(Parallel.threads())) System.out.println(peakLine(PeakFlops.measure(k, t, 3, 0.25)));
            return 0;
        }
        Map<Integer, PeakFlops.Result> peaks = new HashMap<>();
        for (String c : configs)
            for (String m : modes) {
                PeakFlops.Result p = noPeakFields ? null
                        : peaks.computeIfAbsent(Parallel.threads(), t -> PeakFlops.measure(PeakFlops.peakKernels(), t, 3, 0.1));
                if (warmup > 0 && !m.equals(DcganBench.COMPLETE_MANY)) { // stdout is for the JSON lines
                    System.err.println("bench " + c + " " + m + ": warming up until the JIT has settled (usually 10-60 s), then " + steps + " timed steps");
                }
                List<String> lines = m.equals(DcganBench.COMPLETE_MANY) ? DcganBench.runMany(c, images, steps, warmup, batch, overlapWrites, p)
                        : DcganBench.run(c, m, steps, warmup, warmupSeconds, batch, profile, p);
                for (String line : lines) System.out.println(line);
                System.out.flush();
            }
        return 0;
    }

    /** 1, 2, 4 ... below {@code max}, then {@code max} itself. */
    static List<Integer> peakThreadCounts(int max) {
        TreeSet<Integer> ts = new TreeSet<>();
        for (int t = 1; t < max; t *= 2) ts.add(t);
        ts.add(max);
        return new ArrayList<>(ts);
    }

    private static String peakLine(PeakFlops.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("impl", "semfill");
        m.put("mode", "peak");
        m.put("threads", r.threads());
        m.put("peak_gflops", round(r.gflops(), 1));
        m.put("gflops_per_thread", round(r.perThread(), 1));
        m.put("seconds", round(r.seconds(), 3));
        m.put("kernels", r.kernels());
        m.put("simd", r.simd());
        m.put("jdk", Runtime.version().toString());
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("cpu", PeakFlops.cpuName());
        return new Gson().toJson(m);
    }

    /**
     * --repeat: the same bench command (without --repeat) in fresh JVMs, one after another, so each run pays its own
     * JIT warm-up and heap layout, as a user's run does; prints every line of every run, then the summaries.
     */
    private int repeatInFreshJvms() {
        List<String> cmd = childCommand();
        Map<String, List<JsonObject>> byWorkload = new LinkedHashMap<>();
        for (int run = 1; run <= repeat; run++) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            try {
                Process p = pb.start();
                p.getOutputStream().close();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        System.out.println(line);
                        System.out.flush();
                        JsonObject o = parse(line);
                        if (o != null && o.has("images_per_s")) { // a workload line (a profiled run's too), not a profile row or a peak line
                            o.addProperty("run", run);
                            String key = o.get("config").getAsString() + "/" + o.get("mode").getAsString() + "/" + o.get("threads").getAsInt();
                            byWorkload.computeIfAbsent(key, x -> new ArrayList<>()).add(o);
                        }
                    }
                }
                int code = p.waitFor();
                if (code != 0) throw new IllegalStateException("bench run " + run + " of " + repeat + " failed with exit code " + code + " (command: " + String.join(" ", cmd) + ")");
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a bench run: " + e.getMessage() + " (command: " + String.join(" ", cmd) + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        for (List<JsonObject> runs : byWorkload.values()) System.out.println(summaryLine(runs));
        return 0;
    }

    /** The java, class path and JVM options of this JVM, then this bench command without --repeat. */
    List<String> childCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(childArguments());
        return cmd;
    }

    /** This command's options, spelled out, minus --repeat. */
    List<String> childArguments() {
        List<String> a = new ArrayList<>(List.of("bench", "--config", String.join(",", configs), "--mode", String.join(",", modes),
                "--steps", Integer.toString(steps), "--warmup", Integer.toString(warmup), "--warmup-seconds", Double.toString(warmupSeconds), "--batch", Integer.toString(batch),
                "--images", Integer.toString(images), "--overlap-writes", Boolean.toString(overlapWrites),
                "--seed", Long.toString(common.seed), "--kernels", common.kernels.name(), "--threads", Integer.toString(Parallel.threads()),
                "--conv", ConvAlgorithm.get().name()));
        if (profile) a.add("--profile");
        if (peak) a.add("--peak");
        if (noPeakFields) a.add("--no-peak-fields");
        if (common.debug) a.add("--debug");
        return a;
    }

    private static JsonObject parse(String line) {
        try {
            var e = JsonParser.parseString(line);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Median, min and max images/s over the runs of one workload, and the spread fastest / slowest. */
    static String summaryLine(List<JsonObject> runs) {
        double[] ips = runs.stream().mapToDouble(o -> o.get("images_per_s").getAsDouble()).sorted().toArray();
        JsonObject first = runs.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("impl", "semfill");
        m.put("summary", "repeat");
        m.put("config", first.get("config").getAsString());
        m.put("mode", first.get("mode").getAsString());
        m.put("threads", first.get("threads").getAsInt());
        m.put("batch", first.get("batch").getAsInt());
        m.put("steps", first.get("steps").getAsInt());
        m.put("warmup", first.get("warmup").getAsInt());
        m.put("runs", ips.length);
        m.put("median_images_per_s", round(median(ips), 2));
        m.put("min_images_per_s", ips[0]);
        m.put("max_images_per_s", ips[ips.length - 1]);
        m.put("spread", round(ips[ips.length - 1] / ips[0], 3));
        m.put("images_per_s_by_run", runs.stream().map(o -> o.get("images_per_s").getAsDouble()).toArray());
        double[] fractions = runs.stream().filter(o -> o.has("fraction_of_peak")).mapToDouble(o -> o.get("fraction_of_peak").getAsDouble()).sorted().toArray();
        if (fractions.length > 0) m.put("median_fraction_of_peak", round(median(fractions), 3));
        double[] peaks = runs.stream().filter(o -> o.has("peak_gflops")).mapToDouble(o -> o.get("peak_gflops").getAsDouble()).sorted().toArray();
        if (peaks.length > 0) m.put("median_peak_gflops", round(median(peaks), 1));
        for (String f : new String[] {"gflop_per_image", "kernels", "simd", "jdk", "cpu"})
            if (first.has(f)) m.put(f, first.get(f).isJsonPrimitive() && first.get(f).getAsJsonPrimitive().isNumber() ? first.get(f).getAsDouble() : first.get(f).getAsString());
        return new Gson().toJson(m);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
