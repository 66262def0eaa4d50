package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

class DataSourcesTest {
    @TempDir
    Path dir;

    /** Two 28 x 28 IDX images: image i has every pixel equal to 100 + i. */
    private Path idx28() throws IOException {
        byte[] pixels = new byte[2 * 28 * 28];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (100 + i / 784);
        return IdxTestFiles.write(dir, "two.gz", IdxTestFiles.gzip(IdxTestFiles.images(2, 28, 28, pixels)));
    }

    @Test
    void idx28At32IsPaddedWithBackground() throws IOException {
        ImageSet set = DataSources.load(idx28().toString(), 32, 1, 0);
        assertEquals(2, set.n());
        assertEquals(32, set.h());
        float[] img = set.image(1);
        assertEquals(-1f, img[0]); // corner: padding
        assertEquals(-1f, img[32 + 1]); // row 1, column 1: still padding
        assertEquals(Pixels.fromByte(101), img[2 * 32 + 2]); // first original pixel
        assertEquals(Pixels.fromByte(101), img[29 * 32 + 29]); // last original pixel
        assertEquals(-1f, img[30 * 32 + 30]);
    }

    @Test
    void otherSizesAreResizedAndChannelsReplicated() throws IOException {
        ImageSet set = DataSources.load(idx28().toString(), 64, 3, 1);
        assertEquals(1, set.n());
        assertEquals(3, set.c());
        assertEquals(64 * 64 * 3, set.imageSize());
        for (float v : set.pixels()) assertEquals(Pixels.fromByte(100), v, 1e-5f);
    }

    @Test
    void foldersAreRead() throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(10, 12,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(img, "png", dir.resolve("one.png").toFile());
        ImageSet set = DataSources.load(dir.toString(), 8, 3, 0);
        assertEquals(1, set.n());
        assertEquals(8, set.w());
    }

    @Test
    void missingPathSaysWhatToGive() {
        UserError e = assertThrows(UserError.class,
                () -> DataSources.load(dir.resolve("nope.idx").toString(), 28, 1, 0));
        assertTrue(e.getMessage().startsWith("no such file or folder: "), e.getMessage());
        assertTrue(e.getMessage().contains("nope.idx") && e.getMessage().contains("'bundled'"), e.getMessage());
    }

    @Test
    void singleImageFileAndBadOptionsAreUserErrors() throws IOException {
        Path png = dir.resolve("x.png");
        Files.write(png, new byte[] {1});
        assertThrows(UserError.class, () -> DataSources.load(png.toString(), 28, 1, 0));
        assertThrows(UserError.class, () -> DataSources.load("bundled", 28, 2, 0));
        assertThrows(UserError.class, () -> DataSources.load("bundled", 0, 1, 0));
    }

    @Test
    void bundledTrainingSubsetLoads() {
        ImageSet set = DataSources.load("bundled", 28, 1, 0);
        assertEquals(6000, set.n());
        assertEquals(28, set.h());
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        double sum = 0;
        for (float v : set.pixels()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertEquals(-1f, min);
        assertEquals(1f, max);
        double mean = sum / set.pixels().length;
        // Fashion-MNIST's mean pixel is about 73 of 255, i.e. about -0.43 in [-1, 1].
        assertTrue(mean > -0.5 && mean < -0.35, "mean " + mean);
    }

    @Test
    void bundledHeldOutLoadsAtOtherShapes() {
        ImageSet held = DataSources.loadBundledHeldOut(32, 3, 0);
        assertEquals(1000, held.n());
        assertEquals(3, held.c());
        assertEquals(32, held.w());
        ImageSet few = DataSources.load("bundled", 32, 1, 10);
        assertEquals(10, few.n());
        assertEquals(-1f, few.image(0)[0]);
    }

    @Test
    void bundledLabelsMatchTheImages() {
        int[] labels = IdxReader.readLabels(DataSources.bundledFile("train-labels-idx1-ubyte.gz"));
        assertEquals(6000, labels.length);
        for (int l : labels) assertTrue(l >= 0 && l <= 9);
    }

    @Test
    void bundledFolderIsFoundBesideTheClassFolderAndThroughTheProperty() throws IOException {
        // REPO/target/semfill.jar or REPO/target/classes -> REPO/datasets, whatever the working directory.
        Path repo = dir.resolve("repo");
        assertTrue(DataSources.besideCode(repo.resolve("target/semfill.jar")).contains(repo.resolve("datasets")));
        assertTrue(DataSources.besideCode(repo.resolve("target/classes")).contains(repo.resolve("datasets")));
        Path other = dir.resolve("elsewhere");
        Files.createDirectories(other.resolve(DataSources.BUNDLED_NAME));
        byte[] one = new byte[28 * 28];
        IdxTestFiles.write(other.resolve(DataSources.BUNDLED_NAME), DataSources.BUNDLED_TRAIN_IMAGES,
                IdxTestFiles.images(1, 28, 28, one));
        System.setProperty(DataSources.DATASETS_PROPERTY, other.toString());
        try {
            assertEquals(1, DataSources.load("bundled", 28, 1, 0).n());
        } finally {
            System.clearProperty(DataSources.DATASETS_PROPERTY);
        }
        assertEquals(6000, DataSources.load("bundled", 28, 1, 0).n());
    }
}
