package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.RunDirectory;
import org.semfill.data.PrepareOptions;
import org.semfill.data.SyntheticPhotos;
import org.semfill.data.PreparedImages;
import org.semfill.data.Preparation;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.TrainOptions;

/** The faces path from the command line: 64 x 64 colour gets the reference DCGAN, a layer table, and a held-out file. */
class TrainFacesCommandTest extends ConsoleTest {

    @Test
    void sixtyFourColourTrainsTheReferenceDcganAndKeepsItsHeldOutImages(@TempDir Path tmp) throws IOException {
        Path faces = SyntheticPhotos.faces(tmp.resolve("faces"), 72), run = tmp.resolve("run");
        int code = Main.run("train", "--data", faces.toString(), "--size", "64", "--channels", "3", "--crop", "108", "--limit", "64",
                "--hold-out", "8", "--epochs", "1", "--out", run.toString(), "--threads", "2");
        String log = out.toString();
        assertEquals(0, code, log);
        assertTrue(log.contains("3,576,704 parameters"), "the reference generator's size in the layer table:\n" + log);
        assertTrue(log.contains("ConvTranspose2d") && log.contains("Conv2d"), log);
        TrainOptions saved = RunDirectory.of(run).config();
        assertEquals(new DcganConfig(64, 3, 100, 64, 64), saved.model());
        assertEquals(108, saved.crop());

        // The held-out file holds the last 8 of the 72 prepared images, byte for byte.
        try (PreparedImages all = Preparation.obtain(faces.toString(), new PrepareOptions(64, 3, 108, 72, false),
                Preparation.defaultCacheFolder(), 2, new PrintStream(new ByteArrayOutputStream())).images();
             PreparedImages held = PreparedImages.open(run.resolve(RunDirectory.HELD_OUT), "held out")) {
            assertEquals(8, held.n());
            assertArrayEquals(all.load(64, 72).pixels(), held.load().pixels());
        }

        // A second run on the same folder and options reuses the prepared file instead of decoding again.
        out.reset();
        assertEquals(0, Main.run("train", "--data", faces.toString(), "--size", "64", "--channels", "3", "--crop", "108", "--limit", "64",
                "--hold-out", "8", "--epochs", "1", "--ngf", "8", "--ndf", "8", "--out", tmp.resolve("run2").toString()));
        assertTrue(out.toString().contains("using the prepared images"), out.toString());
        assertTrue(!out.toString().contains("preparing "), out.toString());
    }
}
