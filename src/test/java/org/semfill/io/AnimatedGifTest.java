package org.semfill.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Animated GIFs: every frame, its delay, the NETSCAPE2.0 loop, written atomically. */
public class AnimatedGifTest {
    @TempDir
    Path tmp;

    /** Frames, delays (1/100 s) and whether the first frame asks to loop forever, read back with ImageIO. */
    public record Read(List<BufferedImage> frames, List<Integer> delays, boolean loopsForever) {}

    public static Read read(Path file) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            List<BufferedImage> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            boolean loops = false;
            for (int k = 0; k < n; k++) {
                frames.add(reader.read(k));
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(k).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(gce.getAttribute("delayTime")));
                var apps = root.getElementsByTagName("ApplicationExtension");
                for (int a = 0; a < apps.getLength(); a++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(a);
                    byte[] data = (byte[]) app.getUserObject();
                    if (app.getAttribute("applicationID").equals("NETSCAPE") && app.getAttribute("authenticationCode").equals("2.0")
                            && data.length == 3 && data[0] == 1 && data[1] == 0 && data[2] == 0) loops = true;
                }
            }
            return new Read(frames, delays, loops);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void framesDelaysAndTheLoopSurviveTheRoundTrip() throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            BufferedImage img = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 8; y++) for (int x = 0; x < 12; x++) img.setRGB(x, y, x == k ? 0xff0000 : (y * 30) << 8);
            frames.add(img);
        }
        Path file = tmp.resolve("a.gif");
        AnimatedGif.write(file, frames, 100, 1500);
        Read r = read(file);
        assertEquals(5, r.frames().size());
        assertEquals(List.of(10, 10, 10, 10, 150), r.delays());
        assertTrue(r.loopsForever());
        for (int k = 0; k < 5; k++) {
            assertEquals(12, r.frames().get(k).getWidth());
            assertEquals(0xff0000, r.frames().get(k).getRGB(k, 3) & 0xffffff, "frame " + k + " has its red column");
        }
        assertNotEquals(r.frames().get(0).getRGB(0, 3), r.frames().get(1).getRGB(0, 3));
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "no temp file is left");
        }
    }
}
