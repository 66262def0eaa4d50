package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;
import org.semfill.tensor.Tensor;

class FeatureNetTest {

    @Test
    void shapesForEveryModelSize() {
        for (int size : new int[] {16, 28, 32, 64}) {
            FeatureNet net = FeatureNet.create(size, 3, 10, 1);
            Tensor x = Tensor.uniform(new Rng(1), -1, 1, 2, 3, size, size);
            assertArrayEquals(new int[] {2, FeatureNet.FEATURES}, net.features(x).shape(), "size " + size);
            assertArrayEquals(new int[] {2, 10}, net.logits(x).shape(), "size " + size);
        }
        FeatureNet net = FeatureNet.create(28, 1, 10, 1);
        assertThrows(IllegalArgumentException.class, () -> net.features(Tensor.zeros(1, 1, 32, 32)));
    }

    @Test
    void predictedClassIsTheLargestLogit() {
        Tensor x = Tensor.of(new float[] {0f, 5f, 1f, 9f, 2f, 3f}, 2, 3);
        assertArrayEquals(new int[] {1, 0}, FeatureNet.argmax(x));
    }

    @Test
    void featuresOfAnImageDoNotDependOnItsCompany() {
        FeatureNet net = FeatureNet.create(16, 1, 3, 2);
        float[] images = Synthetic.make(300, 4).images().pixels();
        float[] all = net.featuresOf(images, 300); // two chunks of 250 and 50
        float[] one = net.featuresOf(Arrays.copyOfRange(images, 260 * 256, 261 * 256), 1);
        assertArrayEquals(one, Arrays.copyOfRange(all, 260 * 64, 261 * 64), 1e-5f);
    }

    @Test
    void learnsLabelledClasses() {
        Synthetic.Labelled train = Synthetic.make(600, 1), test = Synthetic.make(200, 2);
        FeatureNet net = FeatureNet.create(16, 1, 3, 1);
        double before = FeatureNetTraining.accuracy(net, test.images(), test.labels());
        FeatureNetTraining.train(net, train.images(), train.labels(), 3, 7);
        double after = FeatureNetTraining.accuracy(net, test.images(), test.labels());
        assertTrue(after > 0.9, "held-out accuracy " + after + " (before training " + before + ")");
    }

    @Test
    void learnsRotationsWithoutLabels() {
        FeatureNet net = FeatureNet.create(16, 1, 4, 1);
        FeatureNetTraining.train(net, Synthetic.upright(600, 1), null, 3, 7);
        double acc = FeatureNetTraining.accuracy(net, Synthetic.upright(200, 2), null);
        assertTrue(acc > 0.9, "rotation accuracy " + acc + " (chance: 0.25)");
    }

    @Test
    void sameSeedSameNetwork() {
        FeatureNet a = FeatureNet.create(28, 1, 10, 5), b = FeatureNet.create(28, 1, 10, 5);
        Tensor x = Tensor.uniform(new Rng(3), -1, 1, 4, 1, 28, 28);
        assertArrayEquals(a.logits(x).data(), b.logits(x).data());
        assertEquals(a.toString(), b.toString());
    }
}
