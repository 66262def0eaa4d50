package org.semfill.reference;

/**
 * Transposed convolution ("deconvolution", "fractionally strided convolution") with PyTorch's conventions,
 * no bias: how DCGAN's generator grows a 1x1 code into an image.
 *
 * <pre>
 * N       batch size
 * C       channels in (Cin)    K       channels out (Cout)
 * H, W    input height, width  OH, OW  output height, width: OH = (H - 1) stride - 2 pad + R
 * R, S    kernel height, width (semfill's layers use R = S = k)
 * x  (N, C, H, W)    w  (C, K, R, S)  (note: in before out, PyTorch's layout)    y  (N, K, OH, OW)
 * </pre>
 *
 * Where a convolution gathers a window of the input into one output pixel, the transposed convolution
 * scatters one input pixel, weighted by the kernel, into a window of the output:
 * y[n, k, h*stride - pad + r, w*stride - pad + s] += x[n,c,h,w] * w[c,k,r,s], dropping what falls outside.
 * It is the same index relation as {@link Conv2dReference} with input and output swapped, which is why its
 * forward is a convolution's input gradient and its input gradient is a convolution's forward.
 */
public final class ConvTranspose2dReference {
    private ConvTranspose2dReference() {}

    /** The sizes of one transposed convolution; the output size follows from them. */
    public record Dims(int N, int C, int H, int W, int K, int R, int S, int stride, int pad) {
        public Dims {
            if (N < 1 || C < 1 || H < 1 || W < 1 || K < 1 || R < 1 || S < 1 || stride < 1 || pad < 0)
                throw new IllegalArgumentException("bad transposed convolution sizes " + this);
        }

        public int OH() { return (H - 1) * stride - 2 * pad + R; }

        public int OW() { return (W - 1) * stride - 2 * pad + S; }
    }

    /** dx (N, C, H, W) and dw (C, K, R, S). */
    public record Grads(float[] dx, float[] dw) {}

    public static float[] forward(float[] x, float[] w, Dims d) {
        int N = d.N(), C = d.C(), H = d.H(), W = d.W(), K = d.K(), R = d.R(), S = d.S(), OH = d.OH(), OW = d.OW();
        double[] y = new double[N * K * OH * OW];
        for (int n = 0; n < N; n++)
            for (int c = 0; c < C; c++)
                for (int h = 0; h < H; h++)
                    for (int ww = 0; ww < W; ww++) {
                        double v = x[((n * C + c) * H + h) * W + ww];
                        for (int k = 0; k < K; k++)
                            for (int r = 0; r < R; r++)
                                for (int s = 0; s < S; s++) {
                                    int oh = h * d.stride() - d.pad() + r, ow = ww * d.stride() - d.pad() + s;
                                    if (oh < 0 || oh >= OH || ow < 0 || ow >= OW) continue; // cropped by the padding
                                    y[((n * K + k) * OH + oh) * OW + ow] += v * w[((c * K + k) * R + r) * S + s];
                                }
                    }
        return Conv2dReference.toFloat(y);
    }

    /** The forward's loops again: each product x * w sends the dy of the output pixel it landed on back. */
    public static Grads backward(float[] x, float[] w, float[] dy, Dims d) {
        int N = d.N(), C = d.C(), H = d.H(), W = d.W(), K = d.K(), R = d.R(), S = d.S(), OH = d.OH(), OW = d.OW();
        double[] dx = new double[x.length], dw = new double[w.length];
        for (int n = 0; n < N; n++)
            for (int c = 0; c < C; c++)
                for (int h = 0; h < H; h++)
                    for (int ww = 0; ww < W; ww++) {
                        int xi = ((n * C + c) * H + h) * W + ww;
                        for (int k = 0; k < K; k++)
                            for (int r = 0; r < R; r++)
                                for (int s = 0; s < S; s++) {
                                    int oh = h * d.stride() - d.pad() + r, ow = ww * d.stride() - d.pad() + s;
                                    if (oh < 0 || oh >= OH || ow < 0 || ow >= OW) continue;
                                    double g = dy[((n * K + k) * OH + oh) * OW + ow];
                                    int wi = ((c * K + k) * R + r) * S + s;
                                    dx[xi] += g * w[wi];
                                    dw[wi] += g * x[xi];
                                }
                    }
        return new Grads(Conv2dReference.toFloat(dx), Conv2dReference.toFloat(dw));
    }
}
