package org.semfill.charts;

/**
 * One connected piece of an iso-line: the points (x[i], y[i]) in order along the line. When {@code closed}, the
 * line is a loop and the last point repeats the first.
 */
public record ContourLine(double level, double[] x, double[] y, boolean closed) {
    public int size() {
        return x.length;
    }

    /** Length of the line measured after dividing x by {@code xScale} and y by {@code yScale}. */
    public double length(double xScale, double yScale) {
        double sum = 0;
        for (int i = 1; i < x.length; i++) sum += Math.hypot((x[i] - x[i - 1]) / xScale, (y[i] - y[i - 1]) / yScale);
        return sum;
    }
}
