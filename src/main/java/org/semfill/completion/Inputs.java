package org.semfill.completion;

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
import org.semfill.io.Images;

/** The images to complete, from files and folders or from a dataset, conformed to the model's size and channels. */
public final class Inputs {
    /** The images and a short name for each (used in output file names). */
    public record Loaded(ImageSet images, List<String> names) {}

    private Inputs() {}

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
        for (Path f : files) {
            BufferedImage img = ImageFiles.decode(f);
            if (img.getWidth() != size || img.getHeight() != size)
                System.out.printf("note: %s is %dx%d; its centred square is resized to the model's %dx%d%n", f, img.getWidth(),
                        img.getHeight(), size, size);
            names.add(unique(names, stem(f)));
        }
        return new Loaded(Images.readAll(files, size, channels), names);
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
