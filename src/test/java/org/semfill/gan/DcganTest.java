package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.tensor.Grad;
import org.semfill.tensor.Tensor;

class DcganTest {

    /** Parameter counts PyTorch reports for the reference DCGAN's networks of each config (the same layers in torch.nn). */
    @ParameterizedTest
    @CsvSource({"a,3576704,2765568", "b,370624,167808", "c32,369600,166784", "c28,347072,36544"})
    void parameterCountsMatchTheReference(String name, long g, long d) {
        Dcgan gan = Dcgan.create(DcganConfig.named(name), 1);
        assertEquals(g, gan.generator.parameterCount(), "G of config " + name);
        assertEquals(d, gan.discriminator.parameterCount(), "D of config " + name);
    }

    @ParameterizedTest
    @CsvSource({"28,1", "32,3", "64,3", "16,1"})
    void shapesFlowFromZToImageToProbability(int size, int channels) {
        Dcgan gan = Dcgan.create(new DcganConfig(size, channels, 10, 4, 4), 3);
        try (var g = Grad.off()) {
            Tensor z = Tensor.normal(new Rng(1), 0, 1, 2, 10, 1, 1);
            Tensor x = gan.generator.forward(z);
            assertArrayEquals(new int[] {2, channels, size, size}, x.shape());
            Tensor p = gan.discriminator.forward(x);
            assertArrayEquals(new int[] {2, 1, 1, 1}, p.shape());
            for (float v : x.data()) assertEquals(0, v, 1.0001, "tanh output in [-1, 1]");
        }
    }

    @ParameterizedTest
    @CsvSource({"30,1", "32,2", "0,1"})
    void badConfigsAreUserErrors(int size, int channels) {
        assertThrows(UserError.class, () -> new DcganConfig(size, channels, 100, 32, 32));
    }
}
