package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.completion.HmcSampler;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;

/** Chapter 4's HMC figure on an untrained tiny 28x28 model and a few iterations (the chapter's run is too slow here). */
class HmcFigureTest {
    private static final HmcSampler.Settings QUICK = new HmcSampler.Settings(10f, 0.01f, 1, 1f);

    @Test
    void writesTheOriginalTheDamagedImageTheFillsAndTheirSpread(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hmc.png");
        String printed = draw(file, 1);
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img);
        int cell = 28 * 4;
        assertTrue(img.getWidth() > (HmcFigure.FILLS + 3) * cell, "one row of original, damaged, fills and spread: " + img.getWidth());
        assertTrue(img.getHeight() > cell && img.getHeight() < 2 * cell, "a single row: " + img.getHeight());
        assertTrue(printed.contains("HMC on z for held-out image 0, center hole: " + HmcFigure.FILLS + " chains"), printed);
        assertTrue(printed.contains(file + ": " + HmcFigure.FILLS + " fills"), printed);
    }

    /** Its own stream: the same seed draws the same figure, whatever ran before it. */
    @Test
    void theSameSeedDrawsTheSameFigure(@TempDir Path dir) throws IOException {
        draw(dir.resolve("a.png"), 7);
        draw(dir.resolve("b.png"), 7);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.png")), Files.readAllBytes(dir.resolve("b.png")));
    }

    @Test
    void theSpreadIsZeroOnKnownPixelsAndTheStandardDeviationInTheHole() {
        Mask m = Masks.center(28);
        int per = 28 * 28, hole = 14 * 28 + 14;
        float[] images = new float[2 * per];
        images[hole] = 1f;
        images[per + hole] = -1f;
        images[0] = 5f; // a known pixel: never counted
        float[] spread = HmcFigure.spreadInHole(images, 2, per, m);
        assertEquals(1f, spread[hole], 0f);
        assertEquals(0f, spread[0], 0f);
    }

    private static String draw(Path file, long seed) {
        Dcgan gan = Dcgan.create(new DcganConfig(28, 1, 8, 4, 4), 3);
        float[] pixels = new float[28 * 28];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (i % 28) < 14 ? -0.5f : 0.5f;
        ImageSet held = new ImageSet(pixels, 1, 1, 28, 28, "test");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            HmcFigure.write(file, gan, held, 0, Masks.center(28), QUICK, 2, seed, log);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
