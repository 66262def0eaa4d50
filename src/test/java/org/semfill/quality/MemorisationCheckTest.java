package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.data.ImageSet;

class MemorisationCheckTest {
    final ImageSet train = Synthetic.make(400, 1).images(), heldOut = Synthetic.make(200, 2).images();

    @Test
    void aGeneratorThatCopiesIsCaught(@TempDir Path dir) throws Exception {
        float[] copies = Arrays.copyOf(train.pixels(), 200 * 256); // "samples" that are training images
        MemorisationCheck.Result r = MemorisationCheck.run(copies, 200, train, heldOut, 8, 2, 3, dir.resolve("g.png"), dir.resolve("h.png"));
        assertEquals(1.0, r.fractionSuspiciouslyClose());
        assertTrue(r.looksLikeCopying());
        assertEquals(0.0, r.sampleNearest()[17], 0.0);
        assertTrue(r.summary().contains("MORE than"), r.summary());
        assertTrue(Files.size(dir.resolve("g.png")) > 0 && Files.size(dir.resolve("h.png")) > 0);
    }

    @Test
    void newImagesFromTheSameDistributionAreNotFlagged(@TempDir Path dir) {
        float[] fresh = Synthetic.make(200, 3).images().pixels(); // like the data, but not in it
        MemorisationCheck.Result r = MemorisationCheck.run(fresh, 200, train, heldOut, 4, 0, 2, dir.resolve("g.png"), null);
        assertFalse(r.looksLikeCopying(), r.summary());
        assertTrue(r.fractionSuspiciouslyClose() < 0.05, r.summary());
    }

    @Test
    void quantileInterpolates() {
        double[] v = {4, 1, 3, 2};
        assertEquals(1, MemorisationCheck.quantile(v, 0), 0);
        assertEquals(4, MemorisationCheck.quantile(v, 1), 0);
        assertEquals(2.5, MemorisationCheck.quantile(v, 0.5), 1e-12);
    }
}
