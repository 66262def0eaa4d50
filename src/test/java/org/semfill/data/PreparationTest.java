package org.semfill.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

/** A photo folder is prepared once into the cache, reused while unchanged, and bad photos are skipped and listed. */
class PreparationTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true);

    /** A w x h photo: a {@code frame}-coloured image whose centred c x c square is {@code centre}-coloured. */
    static BufferedImage photo(int w, int h, int c, Color frame, Color centre) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(frame);
        g.fillRect(0, 0, w, h);
        g.setColor(centre);
        g.fillRect((w - c) / 2, (h - c) / 2, c, c);
        g.dispose();
        return img;
    }

    /** A folder of n small PNG photos, each a different grey, 30 x 40 with a white centred 12 x 12 square. */
    Path folder(String name, int n) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f);
        for (int i = 0; i < n; i++) {
            int v = 10 * i % 256;
            ImageIO.write(photo(30, 40, 12, new Color(v, v, v), Color.WHITE), "png", f.resolve(String.format("img%03d.png", i)).toFile());
        }
        return f;
    }

    Preparation.Result prepare(Path source, PrepareOptions o) {
        return Preparation.obtain(source.toString(), o, dir.resolve("cache"), 2, log);
    }

    @Test
    void preparedPixelsAreTheDecodedPhotosAsBytes() throws IOException {
        Path photos = folder("photos", 5);
        Preparation.Result r = prepare(photos, PrepareOptions.of(8, 3));
        try (PreparedImages p = r.images()) {
            assertEquals(5, p.n());
            assertFalse(r.reused());
            List<Path> files = ImageFolderReader.list(photos, true);
            for (int i = 0; i < 5; i++) {
                float[] expected = ImageFiles.readSquare(files.get(i), 8, 3);
                float[] got = p.load(i, i + 1).pixels();
                for (int k = 0; k < expected.length; k++)
                    assertEquals(Pixels.fromByte(Pixels.toByte(expected[k])), got[k], 1e-6, "image " + i + " value " + k);
            }
        }
        assertTrue(Files.exists(r.file()) && r.file().getFileName().toString().endsWith(".npy"));
        assertTrue(Files.exists(r.file().resolveSibling(r.file().getFileName().toString().replace(".npy", ".json"))));
    }

    @Test
    void aSecondPreparationOfTheSameFolderReusesTheFile() throws IOException {
        Path photos = folder("photos", 4);
        Preparation.Result first = prepare(photos, PrepareOptions.of(8, 1));
        first.images().close();
        long written = Files.getLastModifiedTime(first.file()).toMillis();
        Preparation.Result second = prepare(photos, PrepareOptions.of(8, 1));
        second.images().close();
        assertTrue(second.reused());
        assertEquals(first.file(), second.file());
        assertEquals(written, Files.getLastModifiedTime(second.file()).toMillis());
    }

    @Test
    void aChangedFolderIsPreparedAgainAndTheStaleFileDeleted() throws IOException {
        Path photos = folder("photos", 4);
        Preparation.Result first = prepare(photos, PrepareOptions.of(8, 1));
        first.images().close();
        // Same name and size, new content and time: the fingerprint sees the change.
        Path one = photos.resolve("img001.png");
        ImageIO.write(photo(30, 40, 12, Color.RED, Color.BLUE), "png", one.toFile());
        Files.setLastModifiedTime(one, FileTime.fromMillis(Files.getLastModifiedTime(one).toMillis() + 5000));
        Preparation.Result changed = prepare(photos, PrepareOptions.of(8, 1));
        changed.images().close();
        assertFalse(changed.reused());
        assertNotEquals(first.file(), changed.file());
        assertFalse(Files.exists(first.file()), "the stale preparation of the same folder is deleted");
        // A photo added: prepared again, with one image more.
        ImageIO.write(photo(30, 40, 12, Color.GREEN, Color.WHITE), "png", photos.resolve("img999.png").toFile());
        try (PreparedImages p = prepare(photos, PrepareOptions.of(8, 1)).images()) {
            assertEquals(5, p.n());
        }
    }

    @Test
    void otherOptionsGiveAnotherFileAndKeepTheFirst() throws IOException {
        Path photos = folder("photos", 3);
        Preparation.Result small = prepare(photos, PrepareOptions.of(8, 1));
        small.images().close();
        Preparation.Result colour = prepare(photos, PrepareOptions.of(8, 3));
        colour.images().close();
        Preparation.Result cropped = prepare(photos, new PrepareOptions(8, 1, 12, 0, false));
        cropped.images().close();
        assertFalse(colour.reused() || cropped.reused());
        assertEquals(3, List.of(small.file(), colour.file(), cropped.file()).stream().distinct().count());
        assertTrue(Files.exists(small.file()) && Files.exists(colour.file()), "each option set keeps its own file");
    }

    @Test
    void cropTakesTheCentredSquareBeforeResizing() throws IOException {
        Path photos = dir.resolve("one");
        Files.createDirectories(photos);
        // 60 x 80, black, with a white 24 x 24 centre: cropped to 24 the whole image is white.
        ImageIO.write(photo(60, 80, 24, Color.BLACK, Color.WHITE), "png", photos.resolve("a.png").toFile());
        try (PreparedImages cropped = prepare(photos, new PrepareOptions(8, 1, 24, 0, false)).images();
             PreparedImages whole = prepare(photos, PrepareOptions.of(8, 1)).images()) {
            for (float v : cropped.load().pixels()) assertEquals(1f, v, 1e-6);
            float[] w = whole.load().pixels();
            assertEquals(-1f, w[0], 1e-6, "without a crop the corner of the 60 x 60 square is black");
            assertEquals(1f, w[4 * 8 + 4], 1e-6);
        }
        UserError e = assertThrows(UserError.class, () -> new PrepareOptions(64, 3, 32, 0, false));
        assertTrue(e.getMessage().contains("crop 32"), e.getMessage()); // the CLI says --crop 32
    }

    @Test
    void badPhotosAreSkippedCountedAndListed() throws IOException {
        Path photos = folder("photos", 6);
        Files.write(photos.resolve("img002.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.writeString(photos.resolve("zz-notes.jpg"), "not a photo");
        Files.write(photos.resolve("img003-half.jpg"), PngBomb.truncatedJpeg()); // decodes with a warning and a grey lower half
        Preparation.Result r = prepare(photos, PrepareOptions.of(8, 1));
        try (PreparedImages p = r.images()) {
            assertEquals(5, p.n(), "8 image files, 3 of them broken");
        }
        assertEquals(3, r.manifest().skipped());
        assertEquals(r.manifest().files() - 3, r.manifest().images());
        List<String> listed = Files.readAllLines(r.skippedList());
        assertEquals(3, listed.size());
        assertTrue(listed.get(0).startsWith("img002.png\t") && listed.get(1).startsWith("img003-half.jpg\t")
                && listed.get(2).startsWith("zz-notes.jpg\t"), listed.toString());
        assertTrue(listed.get(1).contains("ends early"), listed.get(1));
        assertTrue(logBytes.toString().contains("skipped 3 of 8 files that could not be read or decoded"), logBytes.toString());
    }

    @Test
    void unreadableSubfoldersAndFilesAreCountedAndListedWithTheReason() throws IOException {
        Path photos = folder("photos", 4);
        Files.createSymbolicLink(photos.resolve("lost"), dir.resolve("no-such-folder")); // a link the walk cannot follow
        Path locked = Files.createDirectories(photos.resolve("locked"));
        Files.copy(photos.resolve("img000.png"), locked.resolve("inside.png"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) Files.setPosixFilePermissions(locked, java.util.Set.of()); // mode 000: root reads it anyway
        try {
            Preparation.Result r = prepare(photos, PrepareOptions.of(8, 1));
            try (PreparedImages p = r.images()) {
                assertEquals(root ? 5 : 4, p.n());
            }
            List<String> listed = Files.readAllLines(r.skippedList());
            assertTrue(listed.get(0).startsWith("lost\t") && listed.get(0).contains("cannot read"), listed.toString());
            if (!root) assertTrue(listed.get(1).startsWith("locked\t") && listed.get(1).contains("permission denied"), listed.toString());
            assertTrue(logBytes.toString().contains("skipped " + (root ? 1 : 2) + " of"), logBytes.toString());
        } finally {
            if (!root) Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void verifyNoticesAPhotoEditedInPlaceWithItsSizeAndTimeKept() throws IOException {
        Path photos = folder("photos", 4);
        Path edited = photos.resolve("img002.png");
        try (PreparedImages p = prepare(photos, PrepareOptions.of(8, 1)).images()) {
            assertEquals(4, p.n());
        }
        // Another photo of exactly the same byte length, and the old modification time: the fingerprint cannot tell.
        byte[] old = Files.readAllBytes(edited);
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(edited);
        byte[] other = Files.readAllBytes(photos.resolve("img003.png"));
        if (other.length != old.length) other = Files.readAllBytes(photos.resolve("img001.png"));
        org.junit.jupiter.api.Assumptions.assumeTrue(other.length == old.length, "two test photos of one length");
        Files.write(edited, other);
        Files.setLastModifiedTime(edited, time);
        Preparation.Result stale = prepare(photos, PrepareOptions.of(8, 1));
        assertTrue(stale.reused(), "documented: the cache looks current");
        stale.images().close();
        logBytes.reset();
        try (PreparedImages p = Preparation.verify(photos.toString(), PrepareOptions.of(8, 1), dir.resolve("cache"), 2, log).images()) {
            assertEquals(4, p.n());
        }
        assertTrue(logBytes.toString().contains("verified: 1 of 4 prepared images had changed"), logBytes.toString());
        logBytes.reset();
        Preparation.verify(photos.toString(), PrepareOptions.of(8, 1), dir.resolve("cache"), 2, log).images().close();
        assertTrue(logBytes.toString().contains("verified: all 4 prepared images match the photos"), logBytes.toString());
    }


    @Test
    void strictStopsAtTheFirstBadPhoto() throws IOException {
        Path photos = folder("photos", 3);
        Files.writeString(photos.resolve("img001.png"), "broken");
        UserError e = assertThrows(UserError.class, () -> prepare(photos, new PrepareOptions(8, 1, 0, 0, true)));
        assertTrue(e.getMessage().contains("img001.png") && e.getMessage().contains("strict mode"), e.getMessage()); // the CLI says --strict
        assertNull(Files.list(dir.resolve("cache")).filter(p -> p.toString().endsWith(".npy")).findAny().orElse(null),
                "nothing half-written is left behind");
    }

    @Test
    void strictRefusesAPreparedFileThatSkippedPhotosAndReusesOneThatSkippedNone() throws IOException {
        Path photos = folder("photos", 3);
        Files.writeString(photos.resolve("img001.png"), "broken");
        try (PreparedImages p = prepare(photos, PrepareOptions.of(8, 1)).images()) {
            assertEquals(2, p.n(), "without --strict the broken photo is skipped");
        }
        UserError e = assertThrows(UserError.class, () -> prepare(photos, new PrepareOptions(8, 1, 0, 0, true)));
        assertTrue(e.getMessage().contains("img001.png") && e.getMessage().contains("strict mode") // the CLI says --strict
                && e.getMessage().contains(".skipped.txt"), e.getMessage());

        Path clean = folder("clean", 3);
        prepare(clean, PrepareOptions.of(8, 1)).images().close();
        Preparation.Result again = prepare(clean, new PrepareOptions(8, 1, 0, 0, true));
        try (PreparedImages p = again.images()) {
            assertTrue(again.reused(), "a file that skipped nothing is what --strict would make");
            assertEquals(3, p.n());
        }
    }

    @Test
    void aFolderOfMostlyBrokenFilesStopsEarly() throws IOException {
        Path photos = folder("photos", 10);
        for (int i = 0; i < 300; i++) Files.writeString(photos.resolve(String.format("bad%03d.jpg", i)), "x");
        UserError e = assertThrows(UserError.class, () -> prepare(photos, PrepareOptions.of(8, 1)));
        assertTrue(e.getMessage().contains("could not be decoded") && e.getMessage().contains("right folder"), e.getMessage());
    }

    @Test
    void idxFilesAndTheLimitGoThroughTheSamePath() throws IOException {
        Path idx = IdxTestFiles.write(dir, "x-images-idx3-ubyte", IdxTestFiles.images(12, 28, 28, IdxTestFiles.ramp(12 * 28 * 28)));
        try (PreparedImages all = prepare(idx, PrepareOptions.of(28, 1)).images();
             PreparedImages first = prepare(idx, new PrepareOptions(28, 1, 0, 5, false)).images()) {
            ImageSet direct = IdxReader.readImages(idx);
            assertEquals(12, all.n());
            assertArrayEquals(direct.pixels(), all.load().pixels(), "IDX bytes come back exactly");
            assertEquals(5, first.n());
        }
    }

    @Test
    void aSecondPreparationOfTheSameDataAtOnceIsRefusedWithoutTouchingTheFirst() throws IOException {
        Path partial = dir.resolve(".x.npy.partial");
        try (java.nio.channels.FileChannel first = Preparation.lockedPartial(partial, dir)) {
            first.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            UserError e = assertThrows(UserError.class, () -> Preparation.lockedPartial(partial, dir));
            assertTrue(e.getMessage().contains("another preparation"), e.getMessage());
            assertEquals(3, Files.size(partial), "the first preparation's bytes are untouched");
        }
    }

    /** A run folder inside the photo folder (its sample grids are PNGs) is left out and listed, never read as photos. */
    @Test
    void aRunFolderInsideThePhotoFolderIsListedAsSkippedNotRead() throws IOException {
        Path photos = folder("photos", 6);
        Path run = Files.createDirectories(photos.resolve("run"));
        Files.writeString(run.resolve(RunFolderMarker.CONFIG), "{}");
        Files.writeString(run.resolve(RunFolderMarker.CHECKPOINT), "not read");
        Files.createDirectories(run.resolve("samples"));
        ImageIO.write(photo(30, 40, 12, Color.BLACK, Color.WHITE), "png", run.resolve("samples/epoch-001.png").toFile());
        ImageIO.write(photo(30, 40, 12, Color.BLACK, Color.WHITE), "png", run.resolve("losses.png").toFile());

        assertEquals(6, ImageFolderReader.list(photos, true).size(), "only the photos");
        Preparation.Result r = prepare(photos, new PrepareOptions(8, 1, 0, 0, true)); // strict: a run folder is no bad photo
        assertEquals(6, r.images().n());
        assertEquals(1, r.manifest().skipped());
        assertTrue(Files.readString(r.skippedList()).contains("a semfill run folder"), Files.readString(r.skippedList()));
        r.images().close();

        UserError itself = assertThrows(UserError.class, () -> ImageFolderReader.entries(run, true));
        assertTrue(itself.getMessage().contains("is a semfill run folder"), itself.getMessage());
    }
}
