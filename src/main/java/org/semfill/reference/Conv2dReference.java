package org.semfill.reference;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library), no bias: DCGAN's convs have none,
 * because a batch norm follows and would cancel it.
 *
 * <pre>
 * N       batch size
 * C       channels in          K       channels out
 * H, W    input height, width  OH, OW  output height, width: OH = (H + 2 pad - R) / stride + 1
 * R, S    kernel height, width (semfill's layers use R = S = k)
 * x  (N, C, H, W)    w  (K, C, R, S)    y  (N, K, OH, OW)
 * </pre>
 *
 * y[n,k,oh,ow] = sum over c, r, s of x[n, c, oh*stride - pad + r, ow*stride - pad + s] * w[k,c,r,s],
 * where positions outside the input read as zero (the padding).
 */
public final class Conv2dReference {
    private Conv2dReference() {}

    /** The sizes of one convolution; the output size follows from them. */
    public record Dims(int N, int C, int H, int W, int K, int R, int S, int stride, int pad) {
        public Dims {
            if (N < 1 || C < 1 || H < 1 || W < 1 || K < 1 || R < 1 || S < 1 || stride < 1 || pad < 0)
                throw new IllegalArgumentException("bad convolution sizes " + this);
        }

        public int OH() { return (H + 2 * pad - R) / stride + 1; }

        public int OW() { return (W + 2 * pad - S) / stride + 1; }
    }

    /** dx (N, C, H, W) and dw (K, C, R, S). */
    public record Grads(float[] dx, float[] dw) {}

    public static float[] forward(float[] x, float[] w, Dims d) {
        int N = d.N(), C = d.C(), H = d.H(), W = d.W(), K = d.K(), R = d.R(), S = d.S(), OH = d.OH(), OW = d.OW();
        float[] y = new float[N * K * OH * OW];
        for (int n = 0; n < N; n++)
            for (int k = 0; k < K; k++)
                for (int oh = 0; oh < OH; oh++)
                    for (int ow = 0; ow < OW; ow++) {
                        double acc = 0;
                        for (int c = 0; c < C; c++)
                            for (int r = 0; r < R; r++)
                                for (int s = 0; s < S; s++) {
                                    int h = oh * d.stride() - d.pad() + r, ww = ow * d.stride() - d.pad() + s;
                                    if (h < 0 || h >= H || ww < 0 || ww >= W) continue; // padding: zero
                                    acc += x[((n * C + c) * H + h) * W + ww] * w[((k * C + c) * R + r) * S + s];
                                }
                        y[((n * K + k) * OH + oh) * OW + ow] = (float) acc;
                    }
        return y;
    }

    /**
     * The same loops as the forward: every product x * w that fed y[n,k,oh,ow] sends dy[n,k,oh,ow] back,
     * times the other factor (the chain rule for a sum of products). An input pixel read by several windows
     * (stride smaller than the kernel) collects from all of them.
     */
    public static Grads backward(float[] x, float[] w, float[] dy, Dims d) {
        int N = d.N(), C = d.C(), H = d.H(), W = d.W(), K = d.K(), R = d.R(), S = d.S(), OH = d.OH(), OW = d.OW();
        double[] dx = new double[x.length], dw = new double[w.length];
        for (int n = 0; n < N; n++)
            for (int k = 0; k < K; k++)
                for (int oh = 0; oh < OH; oh++)
                    for (int ow = 0; ow < OW; ow++) {
                        double g = dy[((n * K + k) * OH + oh) * OW + ow];
                        for (int c = 0; c < C; c++)
                            for (int r = 0; r < R; r++)
                                for (int s = 0; s < S; s++) {
                                    int h = oh * d.stride() - d.pad() + r, ww = ow * d.stride() - d.pad() + s;
                                    if (h < 0 || h >= H || ww < 0 || ww >= W) continue; // padding has no gradient
                                    int xi = ((n * C + c) * H + h) * W + ww, wi = ((k * C + c) * R + r) * S + s;
                                    dx[xi] += g * w[wi];
                                    dw[wi] += g * x[xi];
                                }
                    }
        return new Grads(toFloat(dx), toFloat(dw));
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
