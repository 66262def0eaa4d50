package org.semfill.tutorial;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.semfill.charts.ChartStyle;
import org.semfill.io.Images;

/**
 * The pictures of {@link ConvolutionByHand}: number grids side by side (input, kernel, output) with the cells that
 * belong together shaded in one colour and joined by an arrow. A convolution gathers a window of the input into
 * one output cell; a transposed convolution stamps the kernel, scaled by one input cell, onto the output. Drawn
 * with Java2D (JFreeChart has no grids of numbers), in the charts' palette and fonts.
 */
final class ConvolutionPictures {
    private static final int CELL = 46, GAP = 100, MARGIN = 30, TOP = 120, TEXT_LINE = 24;
    private static final Color ORANGE = ChartStyle.seriesColor(1), BLUE = ChartStyle.seriesColor(0);
    private static final Color PADDING = new Color(0xE6E6E6), LINE = new Color(0x999999), MUTED = new Color(0x888888);
    private static final Font TITLE = ChartStyle.TITLE_FONT, LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14),
            NUMBER = new Font(Font.SANS_SERIF, Font.BOLD, 17), TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Stroke THICK = new BasicStroke(3.5f),
            DASHED = new BasicStroke(3.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {9f, 6f}, 0f);

    private ConvolutionPictures() {}

    /**
     * Input (zero-padded, padding grey), kernel and output; the window of output cell {@code first} shaded orange,
     * that of {@code second} outlined in dashed blue, each joined to its output cell by an arrow; the two sums below.
     */
    static Path convolution(Path file, float[] x, int in, float[] w, int k, float[] y, int out, int stride, int pad,
                            int[] first, int[] second, String firstSum, String secondSum) {
        int padded = in + 2 * pad;
        int inX = MARGIN, kX = inX + padded * CELL + GAP, outX = kX + k * CELL + GAP;
        int kY = TOP + (padded - k) * CELL / 2, outY = TOP + (padded - out) * CELL / 2;
        List<String> text = List.of(firstSum, secondSum, "Stride " + stride + ": the blue window sits " + stride
                + " cells right of and below the orange one; with kernel " + k + " > stride " + stride + " the windows overlap.");
        Canvas c = new Canvas(outX + out * CELL + MARGIN, TOP + padded * CELL + 70 + text.size() * TEXT_LINE, text);
        c.title("Convolution, kernel " + k + ", stride " + stride + ", padding " + pad + ": " + in + "x" + in
                + " input -> " + out + "x" + out + " output (as in D)");
        c.label(inX, TOP, "input x, padded with zeros (grey)");
        c.label(kX, kY, "kernel w");
        c.label(outX, outY, "output y");
        for (int r = 0; r < padded; r++)
            for (int col = 0; col < padded; col++) {
                int h = r - pad, v = col - pad;
                boolean inside = h >= 0 && h < in && v >= 0 && v < in;
                if (inside) c.cell(inX + col * CELL, TOP + r * CELL, ConvolutionByHand.number(x[h * in + v]), Color.WHITE, ChartStyle.TEXT);
                else c.cell(inX + col * CELL, TOP + r * CELL, "0", PADDING, MUTED);
            }
        c.grid(kX, kY, w, k, Color.WHITE);
        c.grid(outX, outY, y, out, Color.WHITE);
        // the window of output cell (i, j) starts at padded row i * stride, column j * stride
        c.shade(inX + first[1] * stride * CELL, TOP + first[0] * stride * CELL, k, k, ORANGE);
        c.shade(outX + first[1] * CELL, outY + first[0] * CELL, 1, 1, ORANGE);
        c.outline(inX + second[1] * stride * CELL, TOP + second[0] * stride * CELL, k, k, BLUE);
        c.outline(outX + second[1] * CELL, outY + second[0] * CELL, 1, 1, BLUE);
        // arrows over and under the kernel, so they cross no numbers
        int firstRight = inX + (first[1] * stride + k) * CELL, secondRight = inX + (second[1] * stride + k) * CELL;
        c.arrow(firstRight, TOP + first[0] * stride * CELL + CELL / 2, kX + k * CELL / 2, TOP - 40,
                outX + first[1] * CELL, outY + first[0] * CELL + CELL / 2, ORANGE);
        c.arrow(secondRight, TOP + (second[0] * stride + k) * CELL - CELL / 2, kX + k * CELL / 2, TOP + padded * CELL + 45,
                outX + second[1] * CELL + CELL / 2, outY + (second[0] + 1) * CELL, BLUE);
        return c.write(file, TOP + padded * CELL + 70, List.of(ORANGE, BLUE, MUTED));
    }

    /**
     * Input, kernel and output (with the cropped border ring in grey); the stamp of input x[0,0] shaded orange, that
     * of the last input cell outlined in dashed blue, each joined to its stamp by an arrow; output cell {@code cell}
     * framed in black; its sum below.
     */
    static Path transposed(Path file, float[] x, int in, float[] w, int k, float[] y, int out, int stride, int pad,
                           int[] cell, String sum) {
        int full = out + 2 * pad; // the output before the padding crops its border
        int inX = MARGIN, kX = inX + in * CELL + GAP, outX = kX + k * CELL + GAP;
        int inY = TOP + (full - in) * CELL / 2, kY = TOP + (full - k) * CELL / 2;
        int last = in - 1;
        List<String> text = List.of(sum, "Each input cell adds x times the kernel onto a " + k + "x" + k + " patch of the output; stride "
                + stride + " puts the patches " + stride + " cells apart, padding " + pad + " crops the grey border.");
        Canvas c = new Canvas(outX + full * CELL + MARGIN, TOP + full * CELL + 70 + text.size() * TEXT_LINE, text);
        c.title("Transposed convolution, kernel " + k + ", stride " + stride + ", padding " + pad + ": " + in + "x" + in
                + " input -> " + out + "x" + out + " output (as in G)");
        c.label(inX, inY + in * CELL + 30, "input x"); // below: the arrows leave the input from its top and bottom
        c.label(kX, kY, "kernel w");
        c.label(outX, TOP, "output y (grey: cropped by the padding)");
        c.grid(inX, inY, x, in, Color.WHITE);
        c.grid(kX, kY, w, k, Color.WHITE);
        for (int r = 0; r < full; r++)
            for (int col = 0; col < full; col++) {
                int h = r - pad, v = col - pad;
                boolean inside = h >= 0 && h < out && v >= 0 && v < out;
                if (inside) c.cell(outX + col * CELL, TOP + r * CELL, ConvolutionByHand.number(y[h * out + v]), Color.WHITE, ChartStyle.TEXT);
                else c.cell(outX + col * CELL, TOP + r * CELL, "", PADDING, MUTED); // cropped: never computed
            }
        // the stamp of input (h, v) covers output rows h * stride - pad ... + k - 1: uncropped rows from h * stride
        c.shade(inX, inY, 1, 1, ORANGE);
        c.shade(outX, TOP, k, k, ORANGE);
        c.outline(inX + last * CELL, inY + last * CELL, 1, 1, BLUE);
        c.outline(outX + last * stride * CELL, TOP + last * stride * CELL, k, k, BLUE);
        c.frame(outX + (cell[1] + pad) * CELL, TOP + (cell[0] + pad) * CELL);
        c.arrow(inX + CELL / 2, inY, kX + k * CELL / 2, TOP - 100, outX, TOP + k * CELL / 2, ORANGE); // high over the kernel's label
        c.arrow(inX + last * CELL + CELL / 2, inY + in * CELL, kX + k * CELL / 2, TOP + full * CELL + 45,
                outX + (last * stride + k / 2) * CELL, TOP + full * CELL, BLUE);
        return c.write(file, TOP + full * CELL + 70, List.of(Color.BLACK, MUTED));
    }

    /** One picture being drawn: white, antialiased, wide enough for its text lines. */
    private static final class Canvas {
        final BufferedImage image;
        final Graphics2D g;
        final List<String> text;

        Canvas(int gridWidth, int height, List<String> text) {
            this.text = text;
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D p = probe.createGraphics();
            int width = gridWidth;
            for (String line : text) width = Math.max(width, p.getFontMetrics(TEXT).stringWidth(line) + 2 * MARGIN);
            p.dispose();
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        }

        void title(String s) {
            g.setFont(TITLE);
            g.setColor(ChartStyle.TEXT);
            g.drawString(s, MARGIN, 32);
        }

        void label(int x, int y, String s) {
            g.setFont(LABEL);
            g.setColor(ChartStyle.TEXT);
            g.drawString(s, x, y - 10);
        }

        /** One square with its text centred. */
        void cell(int x, int y, String s, Color fill, Color ink) {
            g.setColor(fill);
            g.fillRect(x, y, CELL, CELL);
            g.setColor(LINE);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(x, y, CELL, CELL);
            g.setColor(ink);
            g.setFont(NUMBER);
            int tw = g.getFontMetrics().stringWidth(s);
            g.drawString(s, x + (CELL - tw) / 2, y + CELL / 2 + g.getFontMetrics().getAscent() / 2 - 2);
        }

        void grid(int x, int y, float[] values, int side, Color fill) {
            for (int r = 0; r < side; r++)
                for (int c = 0; c < side; c++) cell(x + c * CELL, y + r * CELL, ConvolutionByHand.number(values[r * side + c]), fill, ChartStyle.TEXT);
        }

        /** A translucent fill and a solid border over rows x cols cells. */
        void shade(int x, int y, int rows, int cols, Color color) {
            g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
            g.fillRect(x, y, cols * CELL, rows * CELL);
            g.setColor(color);
            g.setStroke(THICK);
            g.drawRect(x, y, cols * CELL, rows * CELL);
        }

        /** A dashed border: it stays readable where it crosses a shaded region. */
        void outline(int x, int y, int rows, int cols, Color color) {
            g.setColor(color);
            g.setStroke(DASHED);
            g.drawRect(x + 3, y + 3, cols * CELL - 6, rows * CELL - 6);
        }

        void frame(int x, int y) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(4f));
            g.drawRect(x - 2, y - 2, CELL + 4, CELL + 4);
        }

        /** A curved arrow from (x0, y0) through the pull of (cx, cy) to (x1, y1), with its head at the end. */
        void arrow(int x0, int y0, int cx, int cy, int x1, int y1, Color color) {
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            g.draw(new QuadCurve2D.Double(x0, y0, cx, cy, x1, y1));
            double angle = Math.atan2(y1 - cy, x1 - cx);
            Path2D head = new Path2D.Double();
            head.moveTo(0, 0);
            head.lineTo(-14, -6);
            head.lineTo(-14, 6);
            head.closePath();
            AffineTransform at = new AffineTransform();
            at.translate(x1, y1);
            at.rotate(angle);
            g.fill(at.createTransformedShape(head));
        }

        /** Writes the text lines from {@code y} down, line i in {@code colors[i]} (the last colour for the rest). */
        Path write(Path file, int y, List<Color> colors) {
            g.setFont(TEXT);
            for (int i = 0; i < text.size(); i++) {
                g.setColor(colors.get(Math.min(i, colors.size() - 1)));
                g.drawString(text.get(i), MARGIN, y + i * TEXT_LINE);
            }
            g.dispose();
            Images.writePng(file, image);
            return file;
        }
    }
}
