package org.semfill.internal;

/**
 * A small seeded random generator (xoshiro256** by Blackman and Vigna) whose whole state is four longs,
 * so a training run can save it in a checkpoint and resume with exactly the same stream.
 * Not thread-safe: give each consumer its own instance ({@link #split()}).
 */
public final class Rng {
    private long s0, s1, s2, s3;
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        // SplitMix64 expands the seed so that nearby seeds give unrelated streams.
        long x = seed;
        s0 = mix(x += 0x9E3779B97F4A7C15L);
        s1 = mix(x += 0x9E3779B97F4A7C15L);
        s2 = mix(x += 0x9E3779B97F4A7C15L);
        s3 = mix(x + 0x9E3779B97F4A7C15L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        Check.positive(bound, "bound");
        return (int) ((nextLong() >>> 1) % bound);
    }

    /** Standard normal by the Marsaglia polar method (one spare value kept). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        return u * f;
    }

    /** A new generator seeded from this one: independent streams for independent consumers. */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** In-place Fisher-Yates shuffle. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The full state, for checkpoints. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, Double.doubleToRawLongBits(spareGaussian)};
    }

    public static Rng fromState(long[] st) {
        Check.arg(st.length == 5, "rng state needs 5 longs, got " + st.length);
        Rng r = new Rng(0);
        r.s0 = st[0];
        r.s1 = st[1];
        r.s2 = st[2];
        r.s3 = st[3];
        r.spareGaussian = Double.longBitsToDouble(st[4]);
        return r;
    }
}
