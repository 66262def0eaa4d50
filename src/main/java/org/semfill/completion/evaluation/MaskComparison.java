package org.semfill.completion.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semfill.charts.BarChart;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Check;

/**
 * One table and one chart over several mask types evaluated on the same held-out images ({@code evaluate-completion
 * --mask all}): every mask's {@link ResultTable} rows under a leading "mask" column, and the PSNR in the hole per mask
 * as grouped bars (ours blended, the three simple fills, and bicubic upscaling where the mask is lowres).
 *
 * <p>A mask without a hole has no hole scores: its rows show "n/a" there and it is left out of the chart
 * ({@code evaluate-completion --mask all} leaves {@code full} out altogether).
 */
public final class MaskComparison {
    /** The methods drawn in the chart, in order: ours blended, the three simple fills and bicubic (lowres only: no bar elsewhere). */
    public static final List<String> CHART_METHODS = List.of(Evaluation.OURS_BLENDED, "mean fill", "nearest neighbour", "harmonic fill", "bicubic");

    private final Map<String, ResultTable> tables = new LinkedHashMap<>();

    /** Adds one mask's table; masks keep the order in which they are added. */
    public MaskComparison add(String mask, ResultTable table) {
        Check.arg(mask != null && !mask.isBlank(), "mask name is empty");
        Check.arg(!tables.containsKey(mask), "mask added twice: " + mask);
        tables.put(mask, table);
        return this;
    }

    /** The masks in order. */
    public List<String> masks() {
        return new ArrayList<>(tables.keySet());
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| mask | method | images | PSNR hole (dB) | PSNR whole (dB) | SSIM hole | SSIM whole |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (var e : tables.entrySet())
            for (ResultTable.Row r : e.getValue().rows())
                sb.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ").append(r.method().replace("|", "\\|"))
                        .append(" | ").append(r.images()).append(" | ").append(ResultTable.md(r.psnrHole(), 2))
                        .append(" | ").append(ResultTable.md(r.psnrWhole(), 2)).append(" | ").append(ResultTable.md(r.ssimHole(), 4))
                        .append(" | ").append(ResultTable.md(r.ssimWhole(), 4)).append(" |\n");
        sb.append("\nEvery mask on the same held-out images and seed. PSNR and SSIM on pixels rescaled to [0, 1]; PSNR capped at ")
                .append(ResultTable.fmt(ResultTable.PSNR_CAP_DB, 0))
                .append(" dB per image; SSIM after Wang et al. (2004), 11x11 Gaussian window, sigma 1.5.\n");
        return sb.toString();
    }

    /** CSV with a header line; full precision (the same numbers as each mask's own table.csv), "NaN" for missing values. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("mask,method,images,psnr_hole_db,psnr_whole_db,ssim_hole,ssim_whole\n");
        for (var e : tables.entrySet())
            for (ResultTable.Row r : e.getValue().rows())
                sb.append(ResultTable.csvField(e.getKey())).append(',').append(ResultTable.csvRow(r)).append('\n');
        return sb.toString();
    }

    /**
     * table.md, table.csv and psnr.png (PSNR in the hole per mask, one bar per {@link #CHART_METHODS} method) in
     * {@code dir}; masks without a hole are left out of the chart.
     */
    public List<Path> write(Path dir, int images) {
        try {
            AtomicFiles.writeString(dir.resolve("table.md"), toMarkdown());
            AtomicFiles.writeString(dir.resolve("table.csv"), toCsv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>(List.of(dir.resolve("table.md"), dir.resolve("table.csv")));
        List<String> withHole = new ArrayList<>();
        for (var e : tables.entrySet())
            if (e.getValue().rows().stream().anyMatch(r -> !Double.isNaN(r.psnrHole()))) withHole.add(e.getKey());
        if (withHole.isEmpty()) return files;
        BarChart chart = new BarChart("PSNR in the hole per mask (higher is better), " + images + " held-out images", "mask", "PSNR in the hole (dB)",
                withHole).valueFormat("0.0");
        for (String method : CHART_METHODS) {
            double[] v = new double[withHole.size()];
            for (int i = 0; i < v.length; i++) v[i] = psnrHole(tables.get(withHole.get(i)), method);
            if (java.util.Arrays.stream(v).anyMatch(x -> !Double.isNaN(x))) chart.series(method, v); // bicubic: only with lowres
        }
        files.add(chart.writePng(dir.resolve("psnr.png"), Math.max(1000, 180 * withHole.size()), 560));
        return files;
    }

    private static double psnrHole(ResultTable t, String method) {
        for (ResultTable.Row r : t.rows())
            if (r.method().equals(method)) return r.psnrHole();
        return Double.NaN;
    }
}
