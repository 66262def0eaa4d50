package org.semfill.data;

/**
 * Geometry and colour operations on one image (C, H, W) held as a float array: centre crop to a square,
 * resize, pad, and channel conversion. Every method reads its input (not modified) and returns a new array.
 *
 * <p>Resizing is separable (rows, then columns) and picks its filter per axis:
 * <ul>
 *   <li>shrinking uses <b>area averaging</b> (a box filter with exact fractional coverage): each output
 *       pixel is the mean of the source area it covers, so no source pixel is skipped and fine detail
 *       turns into the right grey instead of aliasing (what PIL calls {@code BOX} and OpenCV
 *       {@code INTER_AREA});</li>
 *   <li>enlarging uses <b>bilinear</b> interpolation with pixel centres at half-integers, so the image
 *       is neither shifted nor cropped.</li>
 * </ul>
 * Both are plain arithmetic, so the result is the same on every JDK and platform (Java2D's scaling is not
 * guaranteed to be).
 */
public final class Resample {
    private Resample() {}

    /** ITU-R BT.601 luma weights, as used by PIL's {@code convert("L")} and most JPEG decoders. */
    public static final float LUMA_R = 0.299f, LUMA_G = 0.587f, LUMA_B = 0.114f;

    /** The centred square of side min(H, W) of image (C, H, W); returns (C, S, S). */
    public static float[] centerCropSquare(float[] src, int c, int h, int w) {
        int s = Math.min(h, w);
        int top = (h - s) / 2, left = (w - s) / 2;
        float[] out = new float[c * s * s]; // (C, S, S)
        for (int k = 0; k < c; k++)
            for (int y = 0; y < s; y++)
                System.arraycopy(src, (k * h + top + y) * w + left, out, (k * s + y) * s, s);
        return out;
    }

    /** Resizes image (C, H, W) to (C, outH, outW): area averaging when shrinking, bilinear when enlarging. */
    public static float[] resize(float[] src, int c, int h, int w, int outH, int outW) {
        if (outH <= 0 || outW <= 0) throw new IllegalArgumentException("bad target size " + outH + "x" + outW);
        if (outH == h && outW == w) return src.clone();
        Taps cols = taps(w, outW), rows = taps(h, outH);
        float[] tmp = new float[c * h * outW]; // (C, H, outW): rows resampled horizontally
        for (int k = 0; k < c; k++)
            for (int y = 0; y < h; y++) {
                int in = (k * h + y) * w, out = (k * h + y) * outW;
                for (int x = 0; x < outW; x++) tmp[out + x] = cols.apply(src, in, 1, x);
            }
        float[] dst = new float[c * outH * outW]; // (C, outH, outW)
        for (int k = 0; k < c; k++)
            for (int y = 0; y < outH; y++)
                for (int x = 0; x < outW; x++)
                    dst[(k * outH + y) * outW + x] = rows.apply(tmp, k * h * outW + x, outW, y);
        return dst;
    }

    /** Surrounds image (C, H, W) with {@code margin} pixels of {@code value} on every side. */
    public static float[] pad(float[] src, int c, int h, int w, int margin, float value) {
        int oh = h + 2 * margin, ow = w + 2 * margin;
        float[] out = new float[c * oh * ow]; // (C, H + 2m, W + 2m)
        java.util.Arrays.fill(out, value);
        for (int k = 0; k < c; k++)
            for (int y = 0; y < h; y++)
                System.arraycopy(src, (k * h + y) * w, out, (k * oh + y + margin) * ow + margin, w);
        return out;
    }

    /**
     * Converts an image of {@code c} channels with {@code hw} pixels each to {@code outC} channels:
     * 1 -> 3 repeats the grey plane, 3 -> 1 takes the luma, equal counts copy.
     */
    public static float[] convertChannels(float[] src, int c, int hw, int outC) {
        if (c == outC) return src.clone();
        float[] out = new float[outC * hw];
        if (c == 1 && outC == 3) {
            for (int k = 0; k < 3; k++) System.arraycopy(src, 0, out, k * hw, hw);
        } else if (c == 3 && outC == 1) {
            // Luma is linear, so it can be taken on [-1, 1] values directly (the weights sum to 1).
            for (int p = 0; p < hw; p++)
                out[p] = LUMA_R * src[p] + LUMA_G * src[hw + p] + LUMA_B * src[2 * hw + p];
        } else {
            throw new IllegalArgumentException("cannot convert " + c + " channels to " + outC);
        }
        return out;
    }

    /**
     * The filter of one axis: for each output index, the source indices it reads and their weights
     * (summing to 1). Built once per resize and applied to every row or column.
     */
    private record Taps(int[][] index, float[][] weight) {
        float apply(float[] src, int base, int stride, int o) {
            int[] idx = index[o];
            float[] wt = weight[o];
            float sum = 0;
            for (int t = 0; t < idx.length; t++) sum += wt[t] * src[base + idx[t] * stride];
            return sum;
        }
    }

    private static Taps taps(int in, int out) {
        int[][] index = new int[out][];
        float[][] weight = new float[out][];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            if (out < in) {
                // Area: output pixel o covers source interval [o * scale, (o + 1) * scale).
                double lo = o * scale, hi = (o + 1) * scale;
                int first = (int) Math.floor(lo), last = Math.min(in - 1, (int) Math.ceil(hi) - 1);
                index[o] = new int[last - first + 1];
                weight[o] = new float[last - first + 1];
                for (int i = first; i <= last; i++) {
                    double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                    index[o][i - first] = i;
                    weight[o][i - first] = (float) (overlap / scale);
                }
            } else {
                // Bilinear: the centre of output pixel o maps to source coordinate (o + 0.5) * scale - 0.5.
                double pos = Math.max(0, Math.min(in - 1, (o + 0.5) * scale - 0.5));
                int i0 = (int) Math.floor(pos), i1 = Math.min(in - 1, i0 + 1);
                float f = (float) (pos - i0);
                index[o] = new int[] {i0, i1};
                weight[o] = new float[] {1 - f, f};
            }
        }
        return new Taps(index, weight);
    }
}
