package org.semfill.completion.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Check;

/**
 * Collects the {@link Scores} of each method over many images and writes the averages as a Markdown table and a
 * CSV file (atomically). Rows keep the order in which methods first appear.
 *
 * <p>Each image's PSNR is capped at {@link #PSNR_CAP_DB} before averaging, so one perfect image (PSNR =
 * +infinity, e.g. a {@code full} mask) does not make the mean infinite. NaN values (no hole) stay NaN and are
 * written as "n/a" in Markdown and "NaN" in CSV.
 */
public final class ResultTable {
    /** The largest PSNR counted for one image, in dB. */
    public static final double PSNR_CAP_DB = 100.0;

    /** One method's averages over {@code images} images. */
    public record Row(String method, int images, double psnrHole, double psnrWhole, double ssimHole, double ssimWhole) {}

    private final Map<String, double[]> sums = new LinkedHashMap<>(); // method -> {n, psnrHole, psnrWhole, ssimHole, ssimWhole}

    /** Adds one image's scores for {@code method}. */
    public void add(String method, Scores scores) {
        Check.arg(method != null && !method.isBlank(), "method name is empty");
        double[] s = sums.computeIfAbsent(method, m -> new double[5]);
        s[0] += 1;
        s[1] += Math.min(scores.psnrHole(), PSNR_CAP_DB);
        s[2] += Math.min(scores.psnrWhole(), PSNR_CAP_DB);
        s[3] += scores.ssimHole();
        s[4] += scores.ssimWhole();
    }

    /** The averages, one row per method in first-seen order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (var e : sums.entrySet()) {
            double[] s = e.getValue();
            double n = s[0];
            rows.add(new Row(e.getKey(), (int) n, s[1] / n, s[2] / n, s[3] / n, s[4] / n));
        }
        return rows;
    }

    /** A Markdown table with a one-line note on how the numbers were computed. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| method | images | PSNR hole (dB) | PSNR whole (dB) | SSIM hole | SSIM whole |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows()) {
            sb.append("| ").append(r.method().replace("|", "\\|")).append(" | ").append(r.images())
                    .append(" | ").append(md(r.psnrHole(), 2)).append(" | ").append(md(r.psnrWhole(), 2))
                    .append(" | ").append(md(r.ssimHole(), 4)).append(" | ").append(md(r.ssimWhole(), 4)).append(" |\n");
        }
        sb.append("\nPSNR and SSIM on pixels rescaled to [0, 1]; PSNR capped at ").append(fmt(PSNR_CAP_DB, 0))
                .append(" dB per image; SSIM after Wang et al. (2004), 11x11 Gaussian window, sigma 1.5.\n");
        return sb.toString();
    }

    /** CSV with a header line; full precision, "NaN" for missing values. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("method,images,psnr_hole_db,psnr_whole_db,ssim_hole,ssim_whole\n");
        for (Row r : rows()) sb.append(csvRow(r)).append('\n');
        return sb.toString();
    }

    /** One row as CSV fields (no line break). */
    static String csvRow(Row r) {
        return csvField(r.method()) + ',' + r.images() + ',' + csv(r.psnrHole()) + ',' + csv(r.psnrWhole()) + ','
                + csv(r.ssimHole()) + ',' + csv(r.ssimWhole());
    }

    public void writeMarkdown(Path file) throws IOException {
        AtomicFiles.writeString(file, toMarkdown());
    }

    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv());
    }

    static String md(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : fmt(v, decimals);
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String csv(double v) {
        return Double.isNaN(v) ? "NaN" : Double.toString(v);
    }

    /** Quotes a field that holds a comma, quote or line break (RFC 4180). */
    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r"))
            return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
