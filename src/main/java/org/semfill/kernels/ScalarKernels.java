package org.semfill.kernels;

/**
 * The plain-Java reference kernels: the definition every faster variant is tested against, bit for bit.
 * Written to be read first; loops are in the order that keeps the innermost access contiguous. Every result is
 * defined by an order of float operations that depends on neither threads nor vector width (see {@link Kernels}):
 * a GEMM entry is one chain of {@link Math#fma} along K, the plane sums run on {@link Kernels#SUM_LANES} emulated
 * lanes, and tanh and sigmoid are {@link FloatMath}'s.
 */
public class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String describe() {
        return "plain Java loops (no explicit SIMD)";
    }

    @Override
    public void gemm(Transpose t, int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                     Assign assign) {
        boolean transA = t.a(), transB = t.b();
        if (assign == Assign.SET) java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * n;
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p]; // op(A)[i, p]
                if (transB) {
                    for (int j = 0; j < n; j++) c[cRow + j] = Math.fma(aip, b[bOff + j * k + p], c[cRow + j]); // op(B)[p, j] = B[j, p]
                } else {
                    int bRow = bOff + p * n;
                    for (int j = 0; j < n; j++) c[cRow + j] = Math.fma(aip, b[bRow + j], c[cRow + j]);
                }
            }
        }
    }

    @Override
    public void im2col(float[] x, int xOff, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                       float[] col, int colOff, int ld) {
        int row = 0;
        for (int ch = 0; ch < c; ch++) {
            int plane = xOff + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, row++) {
                    int dst = colOff + row * ld;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride - pad + ky;
                        boolean rowInside = iy >= 0 && iy < h;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * stride - pad + kx;
                            col[dst++] = rowInside && ix >= 0 && ix < w ? x[plane + iy * w + ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void col2im(float[] col, int colOff, int ld, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                       float[] x, int xOff) {
        int row = 0;
        for (int ch = 0; ch < c; ch++) {
            int plane = xOff + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, row++) {
                    int src = colOff + row * ld;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h) {
                            src += ow;
                            continue;
                        }
                        for (int ox = 0; ox < ow; ox++, src++) {
                            int ix = ox * stride - pad + kx;
                            if (ix >= 0 && ix < w) x[plane + iy * w + ix] += col[src];
                        }
                    }
                }
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }

    @Override
    public void add(int n, float[] a, float[] b, float[] out) {
        for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
    }

    @Override
    public void mul(int n, float[] a, float[] b, float[] out) {
        for (int i = 0; i < n; i++) out[i] = a[i] * b[i];
    }

    @Override
    public void scale(int n, float alpha, float[] a, float[] out) {
        for (int i = 0; i < n; i++) out[i] = alpha * a[i];
    }

    @Override
    public double sum(float[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[off + i];
        return s;
    }

    @Override
    public void channelSums(float[] x, int from, int to, int c, int hw, double[] sums) {
        float[] lanes = new float[c * SUM_LANES];
        double[] tails = new double[c];
        int bound = hw - hw % SUM_LANES;
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw, row = ch * SUM_LANES, i = 0;
                for (; i < bound; i += SUM_LANES) {
                    for (int j = 0; j < SUM_LANES; j++) lanes[row + j] += x[start + i + j];
                }
                for (; i < hw; i++) tails[ch] += x[start + i];
            }
        }
        addLanes(lanes, c, tails, sums);
    }

    @Override
    public void channelSquaredDeviations(float[] x, int from, int to, int c, int hw, float[] mean, double[] sums) {
        float[] lanes = new float[c * SUM_LANES];
        double[] tails = new double[c];
        int bound = hw - hw % SUM_LANES;
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw, row = ch * SUM_LANES, i = 0;
                float mu = mean[ch];
                for (; i < bound; i += SUM_LANES) {
                    for (int j = 0; j < SUM_LANES; j++) {
                        float d = x[start + i + j] - mu;
                        lanes[row + j] = Math.fma(d, d, lanes[row + j]);
                    }
                }
                for (; i < hw; i++) {
                    double d = x[start + i] - mu;
                    tails[ch] += d * d;
                }
            }
        }
        addLanes(lanes, c, tails, sums);
    }

    @Override
    public void channelSumsAndDots(float[] dy, float[] y, float slope, float[] x, int from, int to, int c, int hw,
                                   double[] sumDy, double[] sumDyX) {
        float[] lanesDy = new float[c * SUM_LANES], lanesDot = new float[c * SUM_LANES];
        double[] tailDy = new double[c], tailDot = new double[c];
        int bound = hw - hw % SUM_LANES;
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw, row = ch * SUM_LANES, i = 0;
                for (; i < bound; i += SUM_LANES) {
                    for (int j = 0; j < SUM_LANES; j++) {
                        int e = start + i + j;
                        float g = slope == 1f || y[e] > 0 ? dy[e] : slope * dy[e];
                        lanesDy[row + j] += g;
                        lanesDot[row + j] = Math.fma(g, x[e], lanesDot[row + j]);
                    }
                }
                for (; i < hw; i++) {
                    float g = slope == 1f || y[start + i] > 0 ? dy[start + i] : slope * dy[start + i];
                    tailDy[ch] += g;
                    tailDot[ch] += (double) g * x[start + i];
                }
            }
        }
        addLanes(lanesDy, c, tailDy, sumDy);
        addLanes(lanesDot, c, tailDot, sumDyX);
    }

    /** sums[ch] += channel ch's {@link #SUM_LANES} lanes added in lane order in double, plus its tail. */
    protected static void addLanes(float[] lanes, int c, double[] tails, double[] sums) {
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int j = ch * SUM_LANES; j < (ch + 1) * SUM_LANES; j++) s += lanes[j];
            sums[ch] += s + tails[ch];
        }
    }

    @Override
    public void leakyRelu(int n, float slope, float[] x, float[] out) {
        for (int i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : slope * x[i];
    }

    @Override
    public void leakyReluBackward(int n, float slope, float[] x, float[] dy, float[] dx) {
        for (int i = 0; i < n; i++) dx[i] += x[i] > 0 ? dy[i] : slope * dy[i];
    }

    @Override
    public void absBackward(int n, float[] x, float[] dy, float[] dx) {
        for (int i = 0; i < n; i++) dx[i] += dy[i] * Math.signum(x[i]);
    }

    @Override
    public void tanh(int n, float[] x, float[] out) {
        for (int i = 0; i < n; i++) out[i] = FloatMath.tanh(x[i]);
    }

    @Override
    public void tanhBackward(int n, float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < n; i++) dx[i] += dy[i] * (1 - y[i] * y[i]);
    }

    @Override
    public void sigmoid(int n, float[] x, float[] out) {
        for (int i = 0; i < n; i++) out[i] = FloatMath.sigmoid(x[i]);
    }

    @Override
    public void sigmoidBackward(int n, float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < n; i++) dx[i] += dy[i] * y[i] * (1 - y[i]);
    }

    @Override
    public void normalize(float[] x, int from, int to, int c, int hw, float[] mean, float[] invStd, float[] gamma,
                          float[] beta, float slope, float[] out) {
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw;
                float s = invStd[ch] * gamma[ch], mu = mean[ch], b = beta[ch];
                for (int i = start; i < start + hw; i++) {
                    float z = (x[i] - mu) * s + b;
                    out[i] = z > 0 ? z : slope * z;
                }
            }
        }
    }

    @Override
    public void normalizeBackward(float[] x, float[] dy, float[] y, float slope, int from, int to, int c, int hw,
                                  float[] mean, float[] invStd, float[] gamma, float[] meanDy, float[] meanDyXhat,
                                  float[] dx) {
        for (int n = from; n < to; n++) {
            for (int ch = 0; ch < c; ch++) {
                int start = (n * c + ch) * hw;
                float s = gamma[ch] * invStd[ch], mu = mean[ch], is = invStd[ch], md = meanDy[ch], mdx = meanDyXhat[ch];
                for (int i = start; i < start + hw; i++) {
                    float g = slope == 1f || y[i] > 0 ? dy[i] : slope * dy[i];
                    float xhat = (x[i] - mu) * is;
                    dx[i] += s * (g - md - xhat * mdx);
                }
            }
        }
    }

    @Override
    public void adam(int n, float[] p, float[] g, float[] m, float[] v, float lr, float b1, float b2, float eps,
                     float bc1, float bc2) {
        adamRange(0, n, p, g, m, v, lr, b1, b2, eps, bc1, bc2);
    }

    /** {@link #adam} on elements [from, to): each element on its own, so any split gives the same bits. */
    protected static void adamRange(int from, int to, float[] p, float[] g, float[] m, float[] v, float lr, float b1,
                                    float b2, float eps, float bc1, float bc2) {
        for (int i = from; i < to; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            float mHat = m[i] / bc1;
            float vHat = v[i] / bc2;
            p[i] -= lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }
}
