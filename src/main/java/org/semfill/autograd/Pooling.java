package org.semfill.autograd;

import org.semfill.internal.Check;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * Average pooling over non-overlapping k x k blocks (stride k), the "low resolution" of Amos's completion code:
 * each output value is the mean of one block of the input, so an (N, C, H, W) image becomes (N, C, H/k, W/k).
 * H and W must be multiples of k: a partial block at the edge would be a mean over fewer pixels, a different
 * measurement from its neighbours', so it is refused rather than guessed.
 */
final class Pooling {
    private Pooling() {}

    static Tensor avgPool2d(Tensor x, int k) {
        Check.arg(x.rank() == 4, "avgPool2d needs (N, C, H, W), got rank " + x.rank());
        Check.positive(k, "pooling block");
        int planes = x.dim(0) * x.dim(1), h = x.dim(2), w = x.dim(3);
        Check.arg(h % k == 0 && w % k == 0, "avgPool2d: " + h + "x" + w + " is not a whole number of " + k + "x" + k + " blocks");
        int oh = h / k, ow = w / k;
        float inv = 1f / (k * k);
        float[] xd = x.data(), out = Buffers.forOverwrite(planes * oh * ow);
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    float s = 0;
                    for (int r = i * k; r < i * k + k; r++)
                        for (int c = j * k, at = (p * h + r) * w + c; c < j * k + k; c++, at++) s += xd[at];
                    out[(p * oh + i) * ow + j] = s * inv;
                }
        Tensor result = Tensor.result(out, new int[] {x.dim(0), x.dim(1), oh, ow}, "avgPool2d", x);
        // Backward: every pixel of a block gets 1/k^2 of its block's gradient (d mean / d pixel = 1/k^2).
        result.onBackward(() -> {
            float[] g = result.grad(), gx = x.grad();
            for (int p = 0; p < planes; p++)
                for (int r = 0; r < h; r++)
                    for (int c = 0, at = (p * h + r) * w; c < w; c++, at++) gx[at] += g[(p * oh + r / k) * ow + c / k] * inv;
        });
        return result;
    }
}
