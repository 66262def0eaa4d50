package org.semfill.reference;

import static org.semfill.reference.Support.assertClose;
import static org.semfill.reference.Support.uniform;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/** The fast im2col + GEMM convolutions of autograd against the nested-loop reference, outputs and gradients. */
class ConvolutionReferenceTest {
    static final double TOL = 1e-4;

    @ParameterizedTest(name = "conv2d N={0} C={1} {2}x{3} K={4} k={5} stride={6} pad={7}")
    @CsvSource({
            "2, 3, 8, 8, 4, 4, 2, 1",    // DCGAN's D: kernel 4, stride 2, pad 1, RGB
            "2, 1, 28, 28, 8, 4, 2, 1",  // MNIST-sized first D layer, one channel
            "3, 3, 9, 7, 2, 3, 2, 1",    // odd, non-square sizes
            "1, 2, 5, 5, 3, 3, 1, 0",    // stride 1, no padding
            "1, 1, 7, 7, 2, 3, 1, 1",    // same-size output
            "3, 4, 4, 4, 1, 4, 1, 0",    // D's last layer: the kernel covers the image (a dense layer)
            "3, 8, 64, 64, 4, 4, 2, 1"}) // large enough for the fast path to work in several chunks
    void conv2dMatchesReference(int n, int c, int h, int w, int k, int ks, int stride, int pad) {
        Random rng = new Random(1000 + n * 31 + c * 7 + h);
        var d = new Conv2dReference.Dims(n, c, h, w, k, ks, ks, stride, pad);
        float[] x = uniform(rng, n * c * h * w, -1, 1), wt = uniform(rng, k * c * ks * ks, -1, 1);
        float[] dy = uniform(rng, n * k * d.OH() * d.OW(), -1, 1);
        float[] wantY = Conv2dReference.forward(x, wt, d);
        Conv2dReference.Grads want = Conv2dReference.backward(x, wt, dy, d);
        Support.underEachKernelPath(mode -> {
            Tensor xt = Tensor.variable(x.clone(), n, c, h, w), wtt = Tensor.variable(wt.clone(), k, c, ks, ks);
            Tensor y = Ops.conv2d(xt, wtt, stride, pad);
            assertClose(mode + " conv2d y", wantY, y.data(), TOL);
            y.backward(dy.clone());
            assertClose(mode + " conv2d dx", want.dx(), xt.grad(), TOL);
            assertClose(mode + " conv2d dw", want.dw(), wtt.grad(), TOL);
        });
    }

    @ParameterizedTest(name = "convTranspose2d N={0} Cin={1} {2}x{3} Cout={4} k={5} stride={6} pad={7}")
    @CsvSource({
            "2, 8, 1, 1, 4, 4, 1, 0",    // G's first layer: z (1x1) to 4x4, stride 1, pad 0
            "3, 5, 1, 1, 2, 7, 1, 0",    // the same to 7x7 (MNIST)
            "2, 4, 4, 4, 3, 4, 2, 1",    // DCGAN's G: kernel 4, stride 2, pad 1 doubles the size, RGB out
            "3, 2, 7, 7, 1, 4, 2, 1",    // to 14x14, one channel out
            "1, 2, 3, 5, 3, 3, 2, 0",    // odd, non-square sizes
            "2, 3, 3, 3, 3, 3, 1, 1",    // stride 1, same size
            "2, 8, 16, 16, 3, 4, 2, 1"}) // large enough for several chunks
    void convTranspose2dMatchesReference(int n, int c, int h, int w, int k, int ks, int stride, int pad) {
        Random rng = new Random(2000 + n * 31 + c * 7 + h);
        var d = new ConvTranspose2dReference.Dims(n, c, h, w, k, ks, ks, stride, pad);
        float[] x = uniform(rng, n * c * h * w, -1, 1), wt = uniform(rng, c * k * ks * ks, -1, 1);
        float[] dy = uniform(rng, n * k * d.OH() * d.OW(), -1, 1);
        float[] wantY = ConvTranspose2dReference.forward(x, wt, d);
        ConvTranspose2dReference.Grads want = ConvTranspose2dReference.backward(x, wt, dy, d);
        Support.underEachKernelPath(mode -> {
            Tensor xt = Tensor.variable(x.clone(), n, c, h, w), wtt = Tensor.variable(wt.clone(), c, k, ks, ks);
            Tensor y = Ops.convTranspose2d(xt, wtt, stride, pad);
            assertClose(mode + " convTranspose2d y", wantY, y.data(), TOL);
            y.backward(dy.clone());
            assertClose(mode + " convTranspose2d dx", want.dx(), xt.grad(), TOL);
            assertClose(mode + " convTranspose2d dw", want.dw(), wtt.grad(), TOL);
        });
    }
}
