package org.semfill.tutorial;

import java.util.Locale;

/** How the chapters write numbers into chart titles and printed lines: always with a dot, never "-0". */
final class NumberText {
    private NumberText() {}

    /** A short number: at most 3 decimals, trailing zeros dropped ("2", "0.5", "2.062"). */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
        return s.equals("-0") ? "0" : s;
    }

    /** {@code v} with the given number of decimals, and "0.00" rather than "-0.00" for a tiny negative value. */
    static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }
}
