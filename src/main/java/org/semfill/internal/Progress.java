package org.semfill.internal;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work: a live bar with rate and ETA on a terminal, plain log lines otherwise (a CI log or
 * a file must not fill with carriage-return frames). {@link #step} advances, {@link #status} sets the
 * trailing text (e.g. current losses).
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;          // null when not on a terminal
    private final PrintStream plain;
    private final String task, unit;
    private final long total;
    private final long start = System.nanoTime();
    private long done, lastLine;
    private String status = "";

    private Progress(String task, long total, String unit, boolean live, PrintStream out) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.plain = out;
        this.bar = live ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.out)).setMaxRenderedLength(110)
                .build() : null;
    }

    /** A bar when stdout is an interactive terminal and CI is unset, else plain lines on stdout. */
    public static Progress start(String task, long total, String unit) {
        boolean live = System.console() != null && System.getenv("CI") == null;
        return new Progress(task, total, unit, live, System.out);
    }

    /** Plain lines only (tests, nested work). */
    public static Progress plain(String task, long total, String unit, PrintStream out) {
        return new Progress(task, total, unit, false, out);
    }

    public void status(String text) {
        status = text;
        if (bar != null) bar.setExtraMessage(text);
    }

    public void step(long n) {
        done += n;
        if (bar != null) {
            bar.stepBy(n);
            return;
        }
        long now = System.nanoTime();
        if (done == total || now - lastLine > 5_000_000_000L) { // a line every 5 s and at the end
            lastLine = now;
            double secs = (now - start) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            long etaS = rate > 0 ? (long) ((total - done) / rate) : 0;
            plain.printf("%s %d/%d (%.0f%%) %.1f %s/s ETA %s %s%n", task, done, total, 100.0 * done / total, rate, unit,
                    format(Duration.ofSeconds(etaS)), status);
            plain.flush();
        }
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** A duration for people: "42 s", "26 min", "8 h 40 min". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 90) return s + " s";
        long min = Math.round(seconds / 60);
        return min < 90 ? min + " min" : String.format("%d h %02d min", min / 60, min % 60);
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
