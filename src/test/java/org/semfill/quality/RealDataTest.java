package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

class RealDataTest {

    @Test
    void idxWithLabelsBesideAndAHoldOut(@TempDir Path dir) throws Exception {
        Synthetic.Labelled set = Synthetic.make(300, 1);
        Path images = Synthetic.writeIdx(set, dir, true);
        assertEquals(dir.resolve("train-labels-idx1-ubyte"), RealData.labelFileBeside(images));
        RealData d = RealData.load(images.toString(), 16, 1, 0, 50);
        assertEquals(250, d.train().n());
        assertEquals(50, d.heldOut().n());
        assertArrayEquals(Arrays.copyOfRange(set.labels(), 0, 250), d.trainLabels());
        assertArrayEquals(Arrays.copyOfRange(set.labels(), 250, 300), d.heldOutLabels());
        assertFalse(d.heldOutWasTrainedOn());
    }

    @Test
    void withoutAHoldOutTheLastTenthIsUsedAndSaidToBeTrainedOn(@TempDir Path dir) throws Exception {
        Path images = Synthetic.writeIdx(Synthetic.make(300, 1), dir, false);
        assertNull(RealData.labelFileBeside(images));
        RealData d = RealData.load(images.toString(), 16, 1, 0, 0);
        assertFalse(d.labelled());
        assertEquals(270, d.train().n());
        assertEquals(30, d.heldOut().n());
        assertTrue(d.heldOutWasTrainedOn());
    }

    @Test
    void theBundledSetHasLabelsAndItsOwnHeldOutImages() {
        RealData d = RealData.load("bundled", 32, 1, 0, 0);
        assertEquals(6000, d.train().n());
        assertEquals(1000, d.heldOut().n());
        assertEquals(32, d.train().h());
        assertEquals(6000, d.trainLabels().length);
        assertEquals(1000, d.heldOutLabels().length);
        assertTrue(Arrays.stream(d.trainLabels()).allMatch(l -> l >= 0 && l < 10));
        assertFalse(d.heldOutWasTrainedOn());
    }

    @Test
    void tooFewImagesIsAUserError(@TempDir Path dir) throws Exception {
        Path images = Synthetic.writeIdx(Synthetic.make(50, 1), dir, true);
        UserError e = assertThrows(UserError.class, () -> RealData.load(images.toString(), 16, 1, 0, 0));
        assertTrue(e.getMessage().contains("at least " + RealData.MIN_IMAGES), e.getMessage());
    }
}
