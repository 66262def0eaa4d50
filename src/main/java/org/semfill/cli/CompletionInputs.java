package org.semfill.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semfill.data.DataSources;
import org.semfill.data.ImageFiles;
import org.semfill.data.ImageFolderReader;
import org.semfill.data.ImageSet;
import org.semfill.internal.UserError;

/** The images to complete, from files and folders or from a dataset, conformed to the model's size and channels. */
public final class CompletionInputs {
    /** The images and a short name for each (used in output file names). */
    public record Loaded(ImageSet images, List<String> names) {}

    /** Resize notes printed before they are summarised in one line. */
    static final int MAX_NOTES = 3;

    private CompletionInputs() {}

    /** Image files and folders (PNG/JPEG); any other size is centre-cropped and resized, with a notice. */
    public static Loaded fromFiles(List<Path> paths, int size, int channels) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) files.addAll(ImageFolderReader.list(p, true));
            else if (Files.isRegularFile(p)) files.add(p);
            else throw new UserError("no such image file or folder: " + p);
        }
        if (files.isEmpty()) throw new UserError("no PNG/JPEG images found in " + paths);
        List<String> names = new ArrayList<>();
        int each = channels * size * size, resized = 0;
        float[] pixels = new float[Math.multiplyExact(files.size(), each)]; // (N, channels, size, size)
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            BufferedImage img = ImageFiles.decode(f); // decoded once; its header's size is checked first
            if ((img.getWidth() != size || img.getHeight() != size) && ++resized <= MAX_NOTES)
                System.out.printf("note: %s is %dx%d; its centred square is resized to the model's %dx%d%n", f, img.getWidth(),
                        img.getHeight(), size, size);
            System.arraycopy(ImageFiles.square(img, size, channels), 0, pixels, i * each, each);
            names.add(unique(names, stem(f)));
        }
        if (resized > MAX_NOTES)
            System.out.printf("note: and %d more images not %dx%d were resized the same way%n", resized - MAX_NOTES, size, size);
        String source = files.size() == 1 ? "image " + files.get(0) : files.size() + " image files";
        return new Loaded(new ImageSet(pixels, files.size(), channels, size, size, source), names);
    }

    /** The first {@code limit} images of a dataset spec; for "bundled", the held-out split (never trained on). */
    public static Loaded fromData(String spec, int size, int channels, int limit) {
        ImageSet set = DataSources.BUNDLED.equals(spec) ? DataSources.loadBundledHeldOut(size, channels, limit)
                : DataSources.load(spec, size, channels, limit);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < set.n(); i++) names.add(String.format("img%04d", i));
        return new Loaded(set, names);
    }

    private static String stem(Path f) {
        String s = f.getFileName().toString();
        int dot = s.lastIndexOf('.');
        return (dot > 0 ? s.substring(0, dot) : s).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String unique(List<String> taken, String name) {
        String n = name;
        for (int k = 2; taken.contains(n); k++) n = name + "-" + k;
        return n;
    }
}
