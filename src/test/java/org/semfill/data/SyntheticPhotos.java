package org.semfill.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Photo folders for tests: CelebA-shaped (178 x 218) JPEGs of a light oval on a coloured background. */
public final class SyntheticPhotos {
    private SyntheticPhotos() {}

    /** Writes n photos 000001.jpg, 000002.jpg, ... into dir (created), each with another background colour. */
    public static Path faces(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(178, 218, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(i * 3 % 256, 255 - i * 3 % 256, i * 7 % 256));
            g.fillRect(0, 0, 178, 218);
            g.setColor(Color.WHITE);
            g.fillOval(50, 60, 78, 98);
            g.dispose();
            ImageIO.write(img, "jpg", dir.resolve(String.format("%06d.jpg", i + 1)).toFile());
        }
        return dir;
    }
}
