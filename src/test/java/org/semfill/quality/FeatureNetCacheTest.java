package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureNetCacheTest {
    final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    static RealData data(long seed, boolean labelled) {
        Synthetic.Labelled train = Synthetic.make(300, seed), heldOut = Synthetic.make(100, seed + 100);
        return new RealData("synthetic", train.images(), labelled ? train.labels() : null, heldOut.images(),
                labelled ? heldOut.labels() : null, false);
    }

    @Test
    void trainsOnceThenReusesTheSameNetwork(@TempDir Path dir) {
        RealData d = data(1, true);
        FeatureNetCache.Entry first = FeatureNetCache.obtain(d, dir, quiet);
        assertFalse(first.reused());
        assertTrue(Files.isRegularFile(first.file()));
        assertTrue(first.file().getFileName().toString().matches("classifier-[0-9a-f]{12}\\.safetensors"));
        assertEquals(FeatureTask.CLASSES, first.task());
        FeatureNetCache.Entry second = FeatureNetCache.obtain(d, dir, quiet);
        assertTrue(second.reused());
        assertEquals(first.heldOutAccuracy(), second.heldOutAccuracy());
        float[] images = d.heldOut().pixels();
        assertArrayEquals(first.net().featuresOf(images, 100), second.net().featuresOf(images, 100));
    }

    @Test
    void otherDataGetsAnotherFileAndUnlabelledDataTheRotationTask(@TempDir Path dir) {
        FeatureNetCache.Entry a = FeatureNetCache.obtain(data(1, true), dir, quiet);
        FeatureNetCache.Entry b = FeatureNetCache.obtain(data(2, false), dir, quiet);
        assertNotEquals(a.file(), b.file());
        assertEquals(FeatureTask.ROTATION, b.task());
        assertEquals(4, b.net().classes);
    }

    @Test
    void aFileForOtherDataUnderTheSameNameIsReplaced(@TempDir Path dir) throws Exception {
        RealData d1 = data(1, true), d2 = data(3, true);
        FeatureNetCache.Entry a = FeatureNetCache.obtain(d1, dir, quiet);
        FeatureNetCache.Entry b = FeatureNetCache.obtain(d2, dir, quiet);
        Files.copy(a.file(), b.file(), StandardCopyOption.REPLACE_EXISTING); // a stale or colliding file
        FeatureNetCache.Entry again = FeatureNetCache.obtain(d2, dir, quiet);
        assertFalse(again.reused());
        Files.writeString(b.file(), "not a safetensors file");
        assertFalse(FeatureNetCache.obtain(d2, dir, quiet).reused());
        assertTrue(FeatureNetCache.obtain(d2, dir, quiet).reused());
    }

    @Test
    void runsShareTheirParentFolder(@TempDir Path dir) {
        assertEquals(dir.toAbsolutePath().normalize(), FeatureNetCache.folderFor(dir.resolve("run1")));
    }
}
