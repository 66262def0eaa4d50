package org.semfill.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semfill.completion.BlockAverages;
import org.semfill.data.DataSources;
import org.semfill.data.ImageFiles;
import org.semfill.data.ImageFolderReader;
import org.semfill.data.ImageSet;
import org.semfill.data.Pixels;
import org.semfill.internal.UserError;

/** The images to complete, from files and folders or from a dataset, conformed to the model's size and channels. */
public final class CompletionInputs {
    /**
     * The images and a short name for each (used in output file names); {@code lowResolution}: some were given at
     * the low side S/k of a lowres mask, so their full-size originals are unknown (they hold the blocky upscale).
     */
    public record Loaded(ImageSet images, List<String> names, boolean lowResolution) {
        public Loaded(ImageSet images, List<String> names) {
            this(images, names, false);
        }
    }

    /** Resize notes printed before they are summarised in one line. */
    static final int MAX_NOTES = 3;

    private CompletionInputs() {}

    /** Image files and folders (PNG/JPEG); any other size is centre-cropped and resized, with a notice. */
    public static Loaded fromFiles(List<Path> paths, int size, int channels) {
        return fromFiles(paths, size, channels, 0);
    }

    /**
     * As above for a lowres mask of block k ({@code lowSide} = S/k; 0 for any other mask): an image of exactly
     * lowSide x lowSide is taken as the block means themselves (a small photo to super-resolve) and stored as its
     * blocky upscale to S x S, whose block means are its pixels; a full-size one is block-averaged by the mask later.
     */
    public static Loaded fromFiles(List<Path> paths, int size, int channels, int lowSide) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) files.addAll(ImageFolderReader.list(p, true));
            else if (Files.isRegularFile(p)) files.add(p);
            else throw new UserError("no such image file or folder: " + p);
        }
        if (files.isEmpty()) throw new UserError("no PNG/JPEG images found in " + paths);
        List<String> names = new ArrayList<>();
        int each = channels * size * size, resized = 0;
        boolean small = false;
        float[] pixels = new float[Math.multiplyExact(files.size(), each)]; // (N, channels, size, size)
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            BufferedImage img = ImageFiles.decode(f); // decoded once; its header's size is checked first
            if (lowSide > 0 && img.getWidth() == lowSide && img.getHeight() == lowSide) { // the low-resolution input itself
                float[] low = Pixels.fromImage(img, channels);
                System.arraycopy(BlockAverages.upscale(low, size, size, size / lowSide), 0, pixels, i * each, each);
                small = true;
                names.add(unique(names, stem(f)));
                continue;
            }
            if ((img.getWidth() != size || img.getHeight() != size) && ++resized <= MAX_NOTES)
                System.out.printf("note: %s is %dx%d; its centred square is resized to the model's %dx%d%s%n", f, img.getWidth(),
                        img.getHeight(), size, size, lowSide > 0 ? " (lowres takes a " + lowSide + "x" + lowSide + " image as the block means as it is)" : "");
            System.arraycopy(ImageFiles.square(img, size, channels), 0, pixels, i * each, each);
            names.add(unique(names, stem(f)));
        }
        if (resized > MAX_NOTES)
            System.out.printf("note: and %d more images not %dx%d were resized the same way%n", resized - MAX_NOTES, size, size);
        String source = files.size() == 1 ? "image " + files.get(0) : files.size() + " image files";
        return new Loaded(new ImageSet(pixels, files.size(), channels, size, size, source), names, small);
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
