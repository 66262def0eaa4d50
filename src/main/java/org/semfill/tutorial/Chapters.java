package org.semfill.tutorial;

import java.util.List;
import org.semfill.internal.UserError;

/**
 * The tutorial's table of contents, read by {@code semfill tutorial} (list, or run chapter N) and
 * {@code semfill charts} (regenerate every quick chapter's charts).
 *
 * <p>To add a chapter, add one line to {@link #ALL}, e.g.
 * <pre>{@code
 * new Chapter(3, "A DCGAN learns to draw images", "tutorials/03-dcgan.md", Chapter3Dcgan.class, 0, false, Chapter.Runner.ownData(Chapter3Dcgan::run))
 * }</pre>
 * where {@code Chapter3Dcgan} has {@code main(String[])} (reading its arguments through {@link ChapterArgs}) and
 * {@code public static List<Path> run(Path outDir, long seed, PrintStream log)} (a chapter that reads the user's images takes
 * the {@link org.semfill.data.DataSource} after the seed and is given as it is).
 * Keep the list in number order.
 */
public final class Chapters {
    private Chapters() {}

    private static final List<Chapter> ALL = List.of(
        new Chapter(1, "Images are samples of a probability distribution", "tutorials/01-distributions.md",
            Chapter1Distributions.class, Chapter1Distributions.DEFAULT_SEED, true, Chapter.Runner.ownData(Chapter1Distributions::run)),
        new Chapter(2, "A GAN learns a distribution you can see", "tutorials/02-gan-1d.md",
            Chapter2TinyGan.class, Chapter2TinyGan.DEFAULT_SEED, true, Chapter.Runner.ownData(Chapter2TinyGan::run)),
        new Chapter(3, "A DCGAN learns to draw garments", "tutorials/03-dcgan.md",
            Chapter3Dcgan.class, 1, false, Chapter.Runner.ownData(Chapter3Dcgan::run)),
        new Chapter(4, "Completing images with a trained DCGAN", "tutorials/04-completion.md",
            Chapter4Completion.class, Chapter4Completion.DEFAULT_SEED, false, Chapter.Runner.ownData(Chapter4Completion::run)),
        new Chapter(5, "Faces: the blog's example at its own scale", "tutorials/05-faces.md",
            Chapter5Faces.class, Chapter5Faces.DEFAULT_SEED, false, Chapter5Faces::run)
    );

    /** Every chapter, in number order. */
    public static List<Chapter> all() {
        return ALL;
    }

    /** Chapter {@code number}; a number without a chapter is a user error that lists the valid ones. */
    public static Chapter get(int number) {
        for (Chapter c : ALL) if (c.number() == number) return c;
        StringBuilder valid = new StringBuilder();
        for (Chapter c : ALL) valid.append(valid.length() == 0 ? "" : ", ").append(c.number());
        throw new UserError("there is no tutorial chapter " + number + "; the chapters are " + valid
            + " (run 'semfill tutorial' to list them)");
    }
}
