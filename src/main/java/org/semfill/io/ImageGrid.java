package org.semfill.io;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.semfill.data.ImageSet;
import org.semfill.data.Pixels;

/**
 * Tiles N images (N, C, H, W) into one picture, row by row, {@code columns} per row, on a white background
 * with a few pixels between cells; optionally with a title line, a title over each column (for completion
 * grids: "original | damaged | G(z) | completed | blended") and a label left of each row.
 *
 * <p>Small images are enlarged by an integer factor with nearest-neighbour sampling, so each pixel stays a
 * crisp square: by default the smallest factor that makes a cell at least {@value #AUTO_MIN_CELL} pixels tall
 * (28 x 28 is shown 3x, 32 x 32 2x, 64 x 64 as is).
 *
 * <pre>
 * new ImageGrid(5).columnTitles("original", "damaged", "G(z)", "completed", "blended").write(path, images);
 * </pre>
 */
public final class ImageGrid {
    /** The auto scale enlarges cells to at least this many pixels. */
    public static final int AUTO_MIN_CELL = 64;
    private static final int FONT_SIZE = 12, MIN_FONT_SIZE = 9;
    private static final int PADDING = 2; // pixels of background between cells and around the grid

    private final int columns;
    private int scale; // 0 = auto
    private String title;
    private List<String> columnTitles = List.of();
    private List<String> rowLabels = List.of();

    public ImageGrid(int columns) {
        if (columns <= 0) throw new IllegalArgumentException("columns must be positive, got " + columns);
        this.columns = columns;
    }

    /** Enlarges every image by this integer factor (nearest neighbour); 0 picks one automatically. */
    public ImageGrid scale(int factor) {
        if (factor < 0) throw new IllegalArgumentException("scale must be 0 (auto) or positive, got " + factor);
        this.scale = factor;
        return this;
    }

    /** A line of text above everything (null for none). */
    public ImageGrid title(String text) {
        this.title = text;
        return this;
    }

    /** One title per column, drawn above it. */
    public ImageGrid columnTitles(String... titles) {
        return columnTitles(List.of(titles));
    }

    public ImageGrid columnTitles(List<String> titles) {
        if (titles.size() > columns)
            throw new IllegalArgumentException(titles.size() + " column titles for " + columns + " columns");
        this.columnTitles = List.copyOf(titles);
        return this;
    }

    /** One label per row, drawn left of it. */
    public ImageGrid rowLabels(List<String> labels) {
        this.rowLabels = List.copyOf(labels);
        return this;
    }

    /** The factor actually used for images of height h. */
    public int effectiveScale(int h) {
        return scale > 0 ? scale : Math.max(1, (AUTO_MIN_CELL + h - 1) / h);
    }

    /** Renders all images of a set. */
    public BufferedImage render(ImageSet set) {
        return render(set.pixels(), set.n(), set.c(), set.h(), set.w());
    }

    /** Renders images (n, c, h, w), c = 1 or 3, values in [-1, 1]. */
    public BufferedImage render(float[] images, int n, int c, int h, int w) {
        if ((long) n * c * h * w != images.length)
            throw new IllegalArgumentException("images (" + n + ", " + c + ", " + h + ", " + w + ") need "
                    + (long) n * c * h * w + " values, got " + images.length);
        if (c != 1 && c != 3) throw new IllegalArgumentException("images have 1 or 3 channels, got " + c);
        int s = effectiveScale(h), cellW = w * s, cellH = h * s;
        int rows = Math.max(1, (n + columns - 1) / columns);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE);
        FontMetrics fm = metrics(font);
        int lineH = fm.getHeight() + 2;
        int titleH = title != null ? lineH : 0;
        int headerH = columnTitles.isEmpty() ? 0 : lineH;
        int labelW = 0;
        for (String label : rowLabels) labelW = Math.max(labelW, fm.stringWidth(label) + 2 * PADDING + 4);
        int width = labelW + PADDING + columns * (cellW + PADDING);
        int height = titleH + headerH + PADDING + rows * (cellH + PADDING);

        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int size = c * h * w, hw = h * w;
            int[] cell = new int[cellW * cellH];
            for (int i = 0; i < n; i++) {
                int base = i * size;
                for (int y = 0; y < cellH; y++)
                    for (int x = 0; x < cellW; x++) {
                        int p = base + (y / s) * w + x / s;
                        int r = Pixels.toByte(images[p]);
                        int gr = c == 3 ? Pixels.toByte(images[p + hw]) : r;
                        int b = c == 3 ? Pixels.toByte(images[p + 2 * hw]) : r;
                        cell[y * cellW + x] = r << 16 | gr << 8 | b;
                    }
                int x0 = labelW + PADDING + (i % columns) * (cellW + PADDING);
                int y0 = titleH + headerH + PADDING + (i / columns) * (cellH + PADDING);
                out.setRGB(x0, y0, cellW, cellH, cell, 0, cellW);
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            if (title != null) drawFitted(g, fitted(g, font, List.of(title), width - 2 * PADDING), title, PADDING, 0,
                    width - 2 * PADDING, lineH, false);
            Font titleFont = fitted(g, font, columnTitles, cellW); // one size for all, so they look alike
            for (int k = 0; k < columnTitles.size(); k++) {
                int x0 = labelW + PADDING + k * (cellW + PADDING);
                drawFitted(g, titleFont, columnTitles.get(k), x0, titleH, cellW, lineH, true);
            }
            for (int r = 0; r < Math.min(rows, rowLabels.size()); r++) {
                int y0 = titleH + headerH + PADDING + r * (cellH + PADDING);
                drawFitted(g, font, rowLabels.get(r), PADDING, y0 + (cellH - lineH) / 2, labelW - PADDING, lineH, false);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Renders and writes a PNG atomically. */
    public void write(Path file, ImageSet set) {
        Images.writePng(file, render(set));
    }

    /** Renders and writes a PNG atomically. */
    public void write(Path file, float[] images, int n, int c, int h, int w) {
        Images.writePng(file, render(images, n, c, h, w));
    }

    /**
     * Interleaves several equally long image sets (each (n, C, H, W) flattened) so that set k becomes column k
     * of a grid with {@code sets.length} columns: row r holds image r of every set. Returns (n * sets, C, H, W).
     */
    public static float[] asColumns(int imageSize, float[]... sets) {
        int n = sets[0].length / imageSize;
        for (float[] s : sets)
            if (s.length != n * imageSize)
                throw new IllegalArgumentException("column sets differ in length: " + s.length + " vs " + n * imageSize);
        float[] out = new float[n * sets.length * imageSize];
        for (int r = 0; r < n; r++)
            for (int k = 0; k < sets.length; k++)
                System.arraycopy(sets[k], r * imageSize, out, (r * sets.length + k) * imageSize, imageSize);
        return out;
    }

    /** The largest size from the given font's down to {@value #MIN_FONT_SIZE} at which every text fits boxW. */
    private static Font fitted(Graphics2D g, Font font, List<String> texts, int boxW) {
        Font f = font;
        while (f.getSize() > MIN_FONT_SIZE && widest(g.getFontMetrics(f), texts) > boxW)
            f = f.deriveFont((float) f.getSize() - 1);
        return f;
    }

    private static int widest(FontMetrics fm, List<String> texts) {
        int w = 0;
        for (String t : texts) w = Math.max(w, fm.stringWidth(t));
        return w;
    }

    /** Draws text in a box, centred or left-aligned, cut with "..." if it is still too wide. */
    private static void drawFitted(Graphics2D g, Font f, String text, int x, int y, int boxW, int boxH,
                                   boolean centred) {
        FontMetrics fm = g.getFontMetrics(f);
        String shown = text;
        for (int keep = text.length() - 1; fm.stringWidth(shown) > boxW && keep >= 0; keep--)
            shown = keep > 0 ? text.substring(0, keep) + "..." : "";
        g.setFont(f);
        int tx = centred ? x + (boxW - fm.stringWidth(shown)) / 2 : x;
        int ty = y + (boxH - fm.getHeight()) / 2 + fm.getAscent();
        g.drawString(shown, tx, ty);
    }

    private static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
