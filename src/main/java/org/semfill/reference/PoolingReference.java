package org.semfill.reference;

/**
 * Average pooling over non-overlapping k x k blocks, and the block-average contextual loss of low-resolution
 * completion (Amos 2016: compare the k x k block means of G(z) and of the image).
 *
 * <pre>
 * N  images    C  channels    H, W  height, width (multiples of k)    k  block side
 * OH = H / k, OW = W / k       x (N, C, H, W)   out (N, C, OH, OW)
 * </pre>
 */
public final class PoolingReference {
    private PoolingReference() {}

    /** out[n][c][i][j] = mean over the block rows i*k .. i*k+k-1 and columns j*k .. j*k+k-1 of x. */
    public static float[] avgPool(float[] x, int N, int C, int H, int W, int k) {
        int OH = H / k, OW = W / k;
        float[] out = new float[N * C * OH * OW];
        for (int n = 0; n < N; n++)
            for (int c = 0; c < C; c++)
                for (int i = 0; i < OH; i++)
                    for (int j = 0; j < OW; j++) {
                        double s = 0;
                        for (int a = 0; a < k; a++)
                            for (int b = 0; b < k; b++) s += x[((n * C + c) * H + i * k + a) * W + j * k + b];
                        out[((n * C + c) * OH + i) * OW + j] = (float) (s / (k * k));
                    }
        return out;
    }

    /** dx[n][c][h][w] = dOut[n][c][h/k][w/k] / k^2: a mean shares its gradient equally among its k^2 pixels. */
    public static float[] avgPoolBackward(float[] dOut, int N, int C, int H, int W, int k) {
        int OH = H / k, OW = W / k;
        float[] dx = new float[N * C * H * W];
        for (int n = 0; n < N; n++)
            for (int c = 0; c < C; c++)
                for (int h = 0; h < H; h++)
                    for (int w = 0; w < W; w++)
                        dx[((n * C + c) * H + h) * W + w] = dOut[((n * C + c) * OH + h / k) * OW + w / k] / (k * k);
        return dx;
    }

    /**
     * The low-resolution contextual loss k^2 * sum |avgPool(g) - yLow| with yLow (N, C, OH, OW) the known block
     * means: k^2 makes it the L1 distance between the two block-constant upscales, the size of a pixel L1.
     */
    public static float blockContextual(float[] g, float[] yLow, int N, int C, int H, int W, int k) {
        float[] p = avgPool(g, N, C, H, W, k);
        double s = 0;
        for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - yLow[i]);
        return (float) (s * k * k);
    }

    /** d/dg: sign(avgPool(g) - yLow) of its block, times k^2 / k^2 = 1, on every pixel of the block. */
    public static float[] blockContextualBackward(float[] g, float[] yLow, int N, int C, int H, int W, int k) {
        float[] p = avgPool(g, N, C, H, W, k), d = new float[p.length];
        for (int i = 0; i < p.length; i++) d[i] = Math.signum(p[i] - yLow[i]) * k * k;
        return avgPoolBackward(d, N, C, H, W, k);
    }
}
