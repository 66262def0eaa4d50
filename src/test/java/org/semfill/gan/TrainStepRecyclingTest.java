package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semfill.internal.Rng;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/** Recycling the arrays of a step (tensor.Buffers) must change speed only: the same bits with and without it. */
class TrainStepRecyclingTest {

    @AfterEach
    void recyclingBackOn() {
        Buffers.setRecycling(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c28", "b"})
    void threeStepsGiveTheSameWeightsWithAndWithoutRecycling(String config) {
        Buffers.setRecycling(false);
        Result fresh = train(config);
        Buffers.setRecycling(true);
        Result recycled = train(config);
        assertEquals(fresh.losses, recycled.losses);
        for (int i = 0; i < fresh.weights.size(); i++)
            assertArrayEquals(fresh.weights.get(i), recycled.weights.get(i), 0f, "parameter " + i);
    }

    private record Result(List<TrainStep.Losses> losses, List<float[]> weights) {}

    private static Result train(String config) {
        DcganConfig c = DcganConfig.named(config);
        Dcgan gan = Dcgan.create(c, 11);
        int batch = 6;
        TrainStep step = new TrainStep(gan, TrainStep.adam(gan.discriminator, 2e-4f, 0.5f), TrainStep.adam(gan.generator, 2e-4f, 0.5f), batch);
        Rng rng = new Rng(12);
        List<TrainStep.Losses> losses = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Tensor real = Tensor.uniform(rng, -1f, 1f, batch, c.channels(), c.size(), c.size());
            losses.add(step.run(real, TrainStep.noise(rng, batch, c.nz())));
        }
        List<float[]> weights = new java.util.ArrayList<>();
        for (Tensor p : gan.generator.parameters()) weights.add(p.data().clone());
        for (Tensor p : gan.discriminator.parameters()) weights.add(p.data().clone());
        return new Result(losses, weights);
    }
}
