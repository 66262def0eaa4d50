package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.data.SyntheticPhotos;
import org.semfill.internal.UserError;

/** Chapter 5 end to end on a tiny synthetic face folder: one epoch, a few search steps, every picture written. */
class Chapter5FacesTest {
    @Test
    void makesEveryPictureOfTheChapterFromAPhotoFolder(@TempDir Path dir) throws IOException {
        Path faces = SyntheticPhotos.faces(dir.resolve("faces"), 72);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Chapter5Faces.Settings s = new Chapter5Faces.Settings(faces.toString(), 3, 108, 1, 8, 2, dir.resolve("run"));
        List<Path> written = Chapter5Faces.run(dir.resolve("charts"), s, 1, dir.resolve("cache"), new PrintStream(log, true));
        List<String> names = written.stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("faces-real-vs-samples.png", "faces-epochs.png", "faces-losses.png", "faces-all-masks.png",
                "faces-vs-baselines.png", "faces-psnr.png", "faces-memorisation.png"), names);
        for (Path p : written) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertTrue(img != null && img.getWidth() > 64 && img.getHeight() > 64, p + " is a picture");
        }
        assertTrue(log.toString().contains("semfill blended"), "the comparison table is printed:\n" + log);
    }

    @Test
    void withoutAFolderTheChapterSaysHowToGiveOne() {
        UserError e = assertThrows(UserError.class, () -> Chapter5Faces.run(Path.of("charts"), 1, org.semfill.data.DataSource.of(null), null));
        assertTrue(e.getMessage().contains("--data FOLDER"), e.getMessage());
    }
}
