package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.Dcgan;
import org.semfill.gan.ModelFiles;
import org.semfill.internal.OutputFolders;
import org.semfill.internal.UserError;
import org.semfill.io.Images;

/** complete: image bombs refused fast, --out checked before the work, short output for many images. */
class CompleteCommandTest extends ConsoleTest {
    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void setUp() {
        model = tmp.resolve("model");
        ModelFiles.save(Dcgan.create(BadInputFixtures.TINY, 3), model);
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
    void aTinyImageIsTheLowResolutionInputOfLowres() throws Exception {
        Path tiny = image("tiny.png", 4); // 4x4 for the 16x16 model with lowres:4: the block means themselves
        Path o = tmp.resolve("lowres");
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", tiny.toString(), "--mask", "lowres:4",
                "--out", o.toString(), "--iters", "3", "--snapshots", "0", "--gif", "false"), err());
        String s = out.toString(StandardCharsets.UTF_8);
        assertFalse(s.contains("note: "), "taken as it is, not resized: " + s);
        float[] small = org.semfill.data.ImageFiles.readSquare(tiny, 4, 1);
        float[] damaged = org.semfill.data.ImageFiles.readSquare(o.resolve("images").resolve("tiny-damaged.png"), 16, 1);
        float[] blended = org.semfill.data.ImageFiles.readSquare(o.resolve("images").resolve("tiny-blended.png"), 16, 1);
        float[] damagedMeans = org.semfill.completion.BlockAverages.pool(damaged, 16, 16, 4);
        float[] blendedMeans = org.semfill.completion.BlockAverages.pool(blended, 16, 16, 4);
        for (int b = 0; b < 16; b++) {
            assertEquals(small[b], damagedMeans[b], 1e-6f, "the damaged picture is the blocky input, block " + b);
            assertEquals(small[b], blendedMeans[b], 2.5f / 255, "the completion keeps the input's block means, block " + b);
        }
        // A full-size image under lowres is block-averaged, and another size is resized with a note naming both ways.
        Path odd = image("odd.png", 10);
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", odd.toString(), "--mask", "lowres:4",
                "--out", tmp.resolve("odd").toString(), "--iters", "1", "--snapshots", "0", "--gif", "false"), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("note: " + odd + " is 10x10; its centred square is resized to the model's 16x16"
                + " (lowres takes a 4x4 image as the block means as it is)"), out.toString(StandardCharsets.UTF_8));
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
    void hmcWritesItsChainsAsAGifAndEveryChainsIterationsAsCsv() throws Exception {
        image("a.png", 16);
        image("b.png", 16);
        Path o = tmp.resolve("hmc-watch");
        int iters = 6, k = 3;
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", tmp.resolve("a.png").toString(), tmp.resolve("b.png").toString(),
                "--out", o.toString(), "--approach", "hmc", "--samples", String.valueOf(k), "--iters", String.valueOf(iters), "--hmc-leapfrog", "2",
                "--hmc-step", "0.05", "--hmc-beta", "1", "--gif-frames", "3", "--gif-rows", "1", "--csv", "true"), err());
        var gif = org.semfill.io.AnimatedGifTest.read(o.resolve("search-001.gif"));
        assertEquals(4, gif.frames().size(), "iterations 1, 3, 5 and the last, 6");
        assertTrue(gif.loopsForever());
        var samplesGrid = javax.imageio.ImageIO.read(o.resolve("samples-001.png").toFile()); // damaged and 3 fills per image, 2 images
        assertEquals(samplesGrid.getWidth(), gif.frames().get(0).getWidth(), "the damaged input and one column per chain, as samples-001.png");
        assertTrue(gif.frames().get(0).getHeight() < samplesGrid.getHeight(), "--gif-rows 1: one image of the two");

        java.util.List<String> lines = Files.readAllLines(o.resolve("search-001.csv"));
        int nz = BadInputFixtures.TINY.nz();
        String[] header = lines.get(0).split(",");
        assertEquals("iteration,image,name,chain,loss,contextual,perceptual,accepted,acceptance,z0", String.join(",", java.util.Arrays.copyOf(header, 10)));
        assertEquals(9 + nz, header.length);
        assertEquals(1 + iters * 2 * k, lines.size(), "one row per iteration per image per chain");
        assertTrue(lines.get(1).startsWith("1,0,a,1,") && lines.get(2).startsWith("1,0,a,2,") && lines.get(4).startsWith("1,1,b,1,")
                && lines.get(lines.size() - 1).startsWith(iters + ",1,b,3,"), lines.get(1) + " / " + lines.get(lines.size() - 1));
        int[] taken = new int[2 * k];
        int ones = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(header.length, f.length, line);
            int it = Integer.parseInt(f[0]), row = Integer.parseInt(f[1]) * k + Integer.parseInt(f[3]) - 1;
            float loss = Float.parseFloat(f[4]), contextual = Float.parseFloat(f[5]), perceptual = Float.parseFloat(f[6]);
            assertEquals(contextual + 0.1f * perceptual, loss, 1e-3f * Math.max(1, Math.abs(loss)), line);
            assertTrue(f[7].equals("0") || f[7].equals("1"), line);
            taken[row] += Integer.parseInt(f[7]);
            ones += Integer.parseInt(f[7]);
            assertEquals(taken[row] / (float) it, Float.parseFloat(f[8]), 1e-6f, "the chain's acceptance so far: " + line);
            for (int j = 9; j < f.length; j++) assertTrue(Math.abs(Float.parseFloat(f[j])) <= 1f, line);
        }
        assertTrue(ones > 0, "some proposals are accepted");
        String s = out.toString(StandardCharsets.UTF_8);
        String printed = s.lines().filter(l -> l.startsWith("acceptance: ")).findFirst().orElseThrow().substring(12);
        assertEquals(String.format("%.3f", ones / (double) (iters * 2 * k)), printed, "the accepted column adds up to the printed acceptance");
        assertTrue(s.contains("search:   " + o.resolve("search-001.gif") + ", " + o.resolve("search-001.csv")), s);
    }

    @Test
    void hmcWithGifFalseWritesNoGif() throws Exception {
        Path o = tmp.resolve("hmc-nogif");
        assertEquals(0, Main.run("complete", "--model", model.toString(), "--images", image("a.png", 16).toString(), "--out", o.toString(),
                "--approach", "hmc", "--samples", "2", "--iters", "2", "--hmc-leapfrog", "2", "--gif", "false"), err());
        try (var files = Files.list(o)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".gif") || f.toString().endsWith(".csv")));
        }
        assertTrue(Files.exists(o.resolve("samples-001.png")));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("search:"));
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
