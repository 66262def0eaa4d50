package org.semfill.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A base-10 logarithmic axis whose ticks are round numbers (1, 2, 5 times a power of ten, or only powers of ten
 * when space is short) instead of JFreeChart's evenly spaced exponents (which give labels such as 2.512 and 3.981).
 */
final class NiceLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    private static final double PIXELS_PER_TICK = 36;
    private static final double[][] MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 5}, {1, 3}, {1}};

    NiceLogAxis(String label) {
        super(label);
        setBase(10);
    }

    /**
     * Round tick values inside [lo, hi] (lo > 0): the finest of the series 1..9, 1-2-5, 1-3, 1 (times powers of ten)
     * that gives at most {@code maxTicks} values; if even powers of ten are too many, every k-th power.
     */
    static double[] tickValues(double lo, double hi, int maxTicks) {
        int e0 = (int) Math.floor(Math.log10(lo)), e1 = (int) Math.ceil(Math.log10(hi));
        for (double[] mantissas : MANTISSAS) {
            List<Double> out = new ArrayList<>();
            for (int e = e0; e <= e1; e++)
                for (double m : mantissas) {
                    double v = new BigDecimal(m).scaleByPowerOfTen(e).doubleValue();
                    if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.add(v);
                }
            if (out.size() <= Math.max(2, maxTicks)) return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
        int every = (int) Math.ceil((e1 - e0 + 1) / (double) Math.max(2, maxTicks));
        List<Double> out = new ArrayList<>();
        for (int e = e0; e <= e1; e++)
            if (Math.floorMod(e, every) == 0 && Math.pow(10, e) >= lo && Math.pow(10, e) <= hi) out.add(Math.pow(10, e));
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** 0.05 -> "0.05", 200 -> "200", 1e-6 -> "1E-6". */
    static String format(double v) {
        int exponent = (int) Math.floor(Math.log10(v));
        if (exponent < -4 || exponent > 6) {
            BigDecimal m = BigDecimal.valueOf(v / Math.pow(10, exponent)).round(new java.math.MathContext(3)).stripTrailingZeros();
            return m.toPlainString() + "E" + exponent;
        }
        return BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        double length = vertical ? dataArea.getHeight() : dataArea.getWidth();
        int maxTicks = (int) Math.max(2, length / (vertical ? PIXELS_PER_TICK : 2 * PIXELS_PER_TICK));
        TextAnchor anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT
            : edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT
            : edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
        List ticks = new ArrayList();
        for (double v : tickValues(getLowerBound(), getUpperBound(), maxTicks))
            ticks.add(new NumberTick(v, format(v), anchor, anchor, 0.0));
        return ticks;
    }
}
