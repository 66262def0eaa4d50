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
}
