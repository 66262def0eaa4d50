package org.semfill.internal;

import java.util.Arrays;

/** Argument and shape checks at API boundaries; messages name the offending values. */
public final class Check {
    private Check() {}

    public static void arg(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    public static void sameShape(int[] a, int[] b, String what) {
        if (!Arrays.equals(a, b))
            throw new IllegalArgumentException(what + ": shapes differ " + Arrays.toString(a) + " vs " + Arrays.toString(b));
    }

    public static int positive(int value, String name) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, got " + value);
        return value;
    }

    /** Number of elements of a shape; every dimension must be positive. */
    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException("bad shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor too large " + Arrays.toString(shape));
        return (int) n;
    }
}
