package org.semfill.kernels;

/**
 * exp, tanh and sigmoid in float, made only of operations whose result Java defines to the bit (+, -, *, /,
 * fused multiply-add, min, max, abs, float-to-int conversion and bit shifts). So the plain and the vector kernels,
 * the interpreter and the JIT, JDK 17 and JDK 25, Intel and AMD all give the same result. {@link Math#exp} would
 * not do: it may be an intrinsic whose last bit differs between JDK versions, and the Vector API's EXP differs
 * between interpreted and compiled code. {@code simd.VectorMath} does the same operations on whole vectors, step
 * for step; a test checks that they agree bit for bit, and that both stay within a few float ulps of
 * {@link StrictMath}.
 */
public final class FloatMath {
    private FloatMath() {}

    // exp(x) = 2^n e^r with n = round(x / ln 2) and r = x - n ln 2 in [-ln 2 / 2, ln 2 / 2]; e^r by its Taylor
    // series to r^7 (the first term left out, r^8 / 8!, is below 6e-9 there: under half a float ulp).

    /** Inputs are clamped to [EXP_MIN, EXP_MAX], so 2^n stays a normal float (exp(88) = 1.7e38, exp(-87) = 1.6e-38). */
    public static final float EXP_MIN = -87f, EXP_MAX = 88f;
    public static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding it and taking it away rounds a float of magnitude below 2^22 to the nearest integer. */
    public static final float ROUND = 12582912f;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI has 9 significant bits, so n * LN2_HI is exact for |n| < 2^15. */
    public static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    public static final float E2 = 1 / 2f, E3 = 1 / 6f, E4 = 1 / 24f, E5 = 1 / 120f, E6 = 1 / 720f, E7 = 1 / 5040f;

    /** e^x; NaN stays NaN, results below 1.6e-38 or above 1.7e38 saturate there. */
    public static float exp(float x) {
        float c = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float n = (c * LOG2E + ROUND) - ROUND;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(E7, r, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        return p * Float.intBitsToFloat(((int) n + 127) << 23); // 2^n built from its exponent bits
    }

    // tanh(x) = sign(x) (1 - e) / (1 + e) with e = exp(-2|x|). Near 0, 1 - e cancels, so below TANH_SERIES the
    // odd Taylor series to |x|^13 is used instead (the first term left out is below 1e-8 relative there).

    public static final float TANH_SERIES = 0.34f;
    public static final float T3 = -1 / 3f, T5 = 2 / 15f, T7 = -17 / 315f, T9 = 62 / 2835f, T11 = -1382 / 155925f,
            T13 = 21844 / 6081075f;

    /** tanh(x); +0 for -0. */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float t = a < TANH_SERIES ? tanhSeries(a) : tanhRatio(a);
        return x < 0 ? -t : t;
    }

    /** tanh(a) for small a >= 0: a + a^3 (T3 + a^2 (T5 + ...)). */
    static float tanhSeries(float a) {
        float a2 = a * a;
        float p = Math.fma(T13, a2, T11);
        p = Math.fma(p, a2, T9);
        p = Math.fma(p, a2, T7);
        p = Math.fma(p, a2, T5);
        p = Math.fma(p, a2, T3);
        return Math.fma(p * a2, a, a);
    }

    /** tanh(a) for a >= 0 away from 0. */
    static float tanhRatio(float a) {
        float e = exp(-2f * a);
        return (1f - e) / (1f + e);
    }

    /** The logistic function 1 / (1 + e^-x). */
    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }
}
