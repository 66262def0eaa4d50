package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.Dcgan;
import org.semfill.gan.ModelFiles;
import org.semfill.internal.OutputFolders;
import org.semfill.internal.UserError;
import org.semfill.io.Images;
import org.semfill.kernels.KernelProvider;

/** complete: image bombs refused fast, --out checked before the work, short output for many images. */
class CompleteCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    PrintStream oldOut, oldErr;
    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void setUp() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        model = tmp.resolve("model");
        ModelFiles.save(Dcgan.create(BadInputFixtures.TINY, 3), model);
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        KernelProvider.select("auto");
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    Path image(String name, int side) {
        float[] px = new float[side * side];
        for (int i = 0; i < px.length; i++) px[i] = (i % 7) / 3f - 1;
        Path f = tmp.resolve(name);
        Images.writePng(f, px, 1, side, side);
        return f;
    }

    @Test
    void aBombIsRefusedFastAsAnImageAndAsAMask() throws Exception {
        Path bomb = Files.write(tmp.resolve("bomb.png"), BadInputFixtures.bomb());
        for (String[] args : new String[][] {
                {"complete", "--model", model.toString(), "--images", bomb.toString(), "--out", tmp.resolve("o1").toString()},
                {"complete", "--model", model.toString(), "--images", image("a.png", 16).toString(), "--mask", bomb.toString(),
                        "--out", tmp.resolve("o2").toString()}}) {
            err.reset();
            long t0 = System.nanoTime();
            assertEquals(Main.USER_ERROR, Main.run(args));
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused from the header, not after decoding");
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().contains(bomb.toString()) && err().contains("40000 x 40000"), err());
        }
    }

    @Test
    void manyGridsArePrintedAsAFolderAndACountAndResizeNotesAreCapped() {
        for (int i = 0; i < 5; i++) image("im" + i + ".png", 20); // 20x20: each is resized to 16x16
        Path o = tmp.resolve("out");
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", tmp.toString(), "--out", o.toString(),
                "--iters", "2", "--batch", "1", "--snapshots", "0", "--blend", "none"), err());
        String s = out.toString(StandardCharsets.UTF_8);
        String grids = s.lines().filter(l -> l.startsWith("grids:")).findFirst().orElseThrow();
        assertTrue(grids.contains("5 files in " + o) && grids.contains("grid-001.png .. grid-005.png"), grids);
        assertEquals(3, s.lines().filter(l -> l.startsWith("note: ") && l.contains("is 20x20")).count(), s);
        assertTrue(s.contains("note: and 2 more images not 16x16 were resized the same way"), s);
        assertTrue(Files.exists(o.resolve("grid-005.png")));
    }

    @Test
    void aFewGridsAreListedByName() {
        assertEquals("a.png, b.png", CompleteCommand.listed(tmp, java.util.List.of(Path.of("a.png"), Path.of("b.png"))));
    }

    @Test
    void outputFoldersAreCheckedAndCreated() throws Exception {
        Path made = OutputFolders.requireWritable(tmp.resolve("a/b/c"), "--out");
        assertTrue(Files.isDirectory(made));
        try (var left = Files.list(made)) {
            assertEquals(0, left.count(), "the probe file is deleted");
        }
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        UserError e = assertThrows(UserError.class, () -> OutputFolders.requireWritable(file, "--out"));
        assertTrue(e.getMessage().startsWith("--out " + file + " is an existing file"), e.getMessage());
        e = assertThrows(UserError.class, () -> OutputFolders.requireWritableFile(tmp, "--out"));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void anUnwritableFolderIsFoundBeforeTheWorkWithTheOsReason() throws Exception {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(locked), "permissions are not enforced for this user (root)");
            UserError e = assertThrows(UserError.class, () -> OutputFolders.requireWritable(locked, "--out"));
            assertTrue(e.getMessage().contains("is not writable (permission denied)"), e.getMessage());
            assertEquals(Main.USER_ERROR, Main.run("complete", "--model", model.toString(), "--images", image("a.png", 16).toString(),
                    "--out", locked.resolve("sub").toString()));
            assertTrue(err().contains("cannot be created (permission denied)"), err());
            assertFalse(err().contains("\tat "), err());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theSearchIsWrittenAsALoopingGifAndAPerImageCsv() throws Exception {
        image("a.png", 16);
        image("b.png", 16);
        Path o = tmp.resolve("watch");
        int iters = 12;
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", tmp.resolve("a.png").toString(),
                tmp.resolve("b.png").toString(), "--out", o.toString(), "--iters", String.valueOf(iters), "--gif-frames", "4",
                "--snapshots", "5", "--blend", "none", "--restarts", "2", "--csv", "true"), err());
        var gif = org.semfill.io.AnimatedGifTest.read(o.resolve("search-001.gif"));
        assertEquals(5, gif.frames().size(), "iterations 1, 4, 7, 10 and the last, 12");
        assertTrue(gif.loopsForever());
        for (int k = 1; k < gif.frames().size(); k++)
            assertFalse(sameImage(gif.frames().get(k - 1), gif.frames().get(k)), "frame " + k + " differs from the one before");
        assertTrue(Files.exists(o.resolve("search-strip-001.png")), "the strip keeps its own snapshots");

        java.util.List<String> lines = Files.readAllLines(o.resolve("search-001.csv"));
        int nz = BadInputFixtures.TINY.nz();
        String[] header = lines.get(0).split(",");
        assertEquals(7 + nz, header.length);
        assertEquals("iteration,image,name,restart,loss,contextual,perceptual,z0", String.join(",", java.util.Arrays.copyOf(header, 8)));
        assertEquals("z" + (nz - 1), header[header.length - 1]);
        assertEquals(1 + iters * 2, lines.size(), "one row per iteration per image");
        assertTrue(lines.get(1).startsWith("1,0,a,") && lines.get(2).startsWith("1,1,b,") && lines.get(lines.size() - 1).startsWith(iters + ",1,b,"), lines.get(1));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(header.length, f.length, line);
            float loss = Float.parseFloat(f[4]), contextual = Float.parseFloat(f[5]), perceptual = Float.parseFloat(f[6]);
            assertEquals(contextual + 0.1f * perceptual, loss, 1e-3f * Math.max(1, Math.abs(loss)), line);
            for (int j = 7; j < f.length; j++) assertTrue(Math.abs(Float.parseFloat(f[j])) <= 1f, line);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("search:   " + o.resolve("search-001.gif")));
    }

    @Test
    void gifFalseWritesNoGif() throws Exception {
        Path o = tmp.resolve("nogif");
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", image("a.png", 16).toString(), "--out", o.toString(),
                "--iters", "3", "--gif", "false", "--csv", "false", "--blend", "none"), err());
        try (var files = Files.list(o)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".gif") || f.toString().endsWith(".csv")));
        }
        assertTrue(Files.exists(o.resolve("grid-001.png")));
    }

    @Test
    void gifFramesAreEveryItersOverNAndTheLast() {
        var at = CompleteCommand.gifFrames(1000, 40);
        assertEquals(41, java.util.stream.IntStream.range(0, 1000).filter(at::test).count());
        var few = CompleteCommand.gifFrames(3, 40);
        assertEquals(3, java.util.stream.IntStream.range(0, 3).filter(few::test).count());
    }

    @Test
    void hmcWritesKFillsPerImageAndReportsTheAcceptance() throws Exception {
        image("a.png", 16);
        image("b.png", 16);
        Path o = tmp.resolve("hmc");
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", tmp.resolve("a.png").toString(), tmp.resolve("b.png").toString(),
                "--out", o.toString(), "--approach", "hmc", "--samples", "5", "--iters", "2", "--hmc-leapfrog", "3", "--hmc-step", "0.01",
                "--hmc-beta", "1", "--hmc-anneal", "1.1"), err());
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("sampled 5 fills for each of 2 images"), s);
        assertTrue(s.lines().anyMatch(l -> l.matches("acceptance: [01]\\.\\d{3}")), s);
        var grid = javax.imageio.ImageIO.read(o.resolve("samples-001.png").toFile());
        var adamGrid = tmp.resolve("adam");
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", tmp.resolve("a.png").toString(), tmp.resolve("b.png").toString(),
                "--out", adamGrid.toString(), "--iters", "1", "--gif", "false", "--snapshots", "0"), err());
        var five = javax.imageio.ImageIO.read(adamGrid.resolve("grid-001.png").toFile()); // original, damaged, G(z), completed, blended
        assertEquals(five.getHeight(), grid.getHeight(), "a row per image, as the Adam grid");
        assertTrue(grid.getWidth() > five.getWidth(), "six columns: the damaged input and 5 fills");
    }

    @Test
    void badHmcValuesAreOneLineUserErrors() {
        String img = image("a.png", 16).toString();
        String[][] bad = {{"--approach", "sgd"}, {"--samples", "3"}, {"--approach", "hmc", "--samples", "0"},
                {"--approach", "hmc", "--restarts", "2"}, {"--approach", "hmc", "--hmc-beta", "-1"}, {"--approach", "hmc", "--hmc-step", "0"},
                {"--approach", "hmc", "--hmc-leapfrog", "0"}, {"--approach", "hmc", "--hmc-anneal", "0"}};
        for (String[] extra : bad) {
            err.reset();
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("complete", "--model", model.toString(), "--images", img,
                    "--out", tmp.resolve("bad").toString(), "--iters", "1"));
            args.addAll(java.util.List.of(extra));
            assertEquals(Main.USER_ERROR, Main.run(args.toArray(String[]::new)), String.join(" ", extra));
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().contains(extra[extra.length - 2]) || err().contains("--samples"), err());
        }
    }

    static boolean sameImage(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return false;
        for (int y = 0; y < a.getHeight(); y++)
            for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
        return true;
    }
}
