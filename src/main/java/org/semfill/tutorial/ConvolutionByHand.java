package org.semfill.tutorial;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.semfill.reference.BatchNormReference;
import org.semfill.reference.Conv2dReference;
import org.semfill.reference.ConvTranspose2dReference;

/**
 * Chapters 3 and 4's worked examples: the textbook layers of {@code org.semfill.reference} on inputs small enough
 * to check with pencil and paper. A stride-2 convolution shrinks a 4x4 input to 2x2 (D's layers in miniature,
 * k 4, s 2, p 1); a transposed convolution with the same kernel grows a 2x2 input to 4x4 (G's layers); a batch
 * norm normalises four values; and the transposed convolution's backward sends one output's gradient back to the
 * inputs that fed it (what chapter 4's search does on its way to z). Prints every number the chapters quote and
 * draws the two convolutions into the charts folder. Needs no data and no training: it runs in a second.
 */
public final class ConvolutionByHand {
    /** DCGAN's stride-2 layer: kernel 4, stride 2, padding 1 (chapter 3's shape tables). */
    static final int KERNEL = 4, STRIDE = 2, PAD = 1;
    /** Small integers, and a kernel without symmetry so that a flipped kernel would give other numbers. */
    static final float[] INPUT = {
        1, 2, 0, 1,
        3, 1, 2, 0,
        0, 2, 1, 3,
        2, 0, 1, 1};
    static final float[] WEIGHTS = {
        -1, 0, 1, 0,
        0, -1, 1, 0,
        2, 0, 1, 0,
        0, 0, 2, 0};
    static final float[] SMALL_INPUT = {
        1, 2,
        3, 1};
    static final float[] BATCH = {1, 3, 5, 7};
    static final int IN = 4, SMALL = 2;
    /** The output cells the pictures and the printed sums follow: {row, column}. */
    static final int[] CONV_FIRST = {0, 0}, CONV_SECOND = {1, 1}, TRANSPOSED_CELL = {1, 1};

    private ConvolutionByHand() {}

    /** Arguments: [charts folder (default charts)]. */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "charts"), System.out);
    }

    /** Prints the examples to {@code log}, writes the two pictures into {@code chartsDir} and returns them. */
    public static List<Path> run(Path chartsDir, PrintStream log) {
        List<Path> written = new ArrayList<>();
        written.add(convolution(chartsDir.resolve("convolution-by-hand.png"), log));
        log.println();
        written.add(transposed(chartsDir.resolve("transposed-convolution-by-hand.png"), log));
        log.println();
        batchNorm(log);
        return written;
    }

    static float[] convolve() {
        return Conv2dReference.forward(INPUT, WEIGHTS, convDims());
    }

    static float[] convolveTransposed() {
        return ConvTranspose2dReference.forward(SMALL_INPUT, WEIGHTS, transposedDims());
    }

    private static Conv2dReference.Dims convDims() {
        return new Conv2dReference.Dims(1, 1, IN, IN, 1, KERNEL, KERNEL, STRIDE, PAD);
    }

    private static ConvTranspose2dReference.Dims transposedDims() {
        return new ConvTranspose2dReference.Dims(1, 1, SMALL, SMALL, 1, KERNEL, KERNEL, STRIDE, PAD);
    }

    private static Path convolution(Path file, PrintStream log) {
        float[] y = convolve();
        int out = convDims().OH();
        log.printf(Locale.ROOT, "convolution, kernel %d, stride %d, padding %d: %dx%d input -> %dx%d output (Conv2dReference.forward)%n",
                KERNEL, STRIDE, PAD, IN, IN, out, out);
        printGrid(log, "input x", INPUT, IN);
        printGrid(log, "kernel w", WEIGHTS, KERNEL);
        printGrid(log, "output y", y, out);
        String first = convolutionSum(CONV_FIRST), second = convolutionSum(CONV_SECOND);
        log.println(first);
        log.println(second);
        ConvolutionPictures.convolution(file, INPUT, IN, WEIGHTS, KERNEL, y, out, STRIDE, PAD, CONV_FIRST, CONV_SECOND, first, second);
        log.println(file + ": the windows of y[0,0] (orange) and y[1,1] (blue) on the zero-padded input");
        return file;
    }

    private static Path transposed(Path file, PrintStream log) {
        float[] y = convolveTransposed();
        int out = transposedDims().OH();
        log.printf(Locale.ROOT, "transposed convolution, same kernel, stride %d, padding %d: %dx%d input -> %dx%d output (ConvTranspose2dReference.forward)%n",
                STRIDE, PAD, SMALL, SMALL, out, out);
        printGrid(log, "input x", SMALL_INPUT, SMALL);
        printGrid(log, "output y", y, out);
        String sum = transposedSum(TRANSPOSED_CELL);
        log.println(sum);
        ConvolutionPictures.transposed(file, SMALL_INPUT, SMALL, WEIGHTS, KERNEL, y, out, STRIDE, PAD, TRANSPOSED_CELL, sum);
        log.println(file + ": the stamps of x[0,0] (orange) and x[1,1] (blue) on the output; y[1,1] collects four stamps");

        // Chapter 4's search sends gradients back through G: one output's gradient goes back along the same arrows.
        float[] dy = new float[out * out];
        dy[TRANSPOSED_CELL[0] * out + TRANSPOSED_CELL[1]] = 1;
        float[] dx = ConvTranspose2dReference.backward(SMALL_INPUT, WEIGHTS, dy, transposedDims()).dx();
        log.printf(Locale.ROOT, "backward with dy = 1 at y[%d,%d] and 0 elsewhere (ConvTranspose2dReference.backward):%n",
                TRANSPOSED_CELL[0], TRANSPOSED_CELL[1]);
        printGrid(log, "dx", dx, SMALL);
        return file;
    }

    private static void batchNorm(PrintStream log) {
        BatchNormReference.Dims d = new BatchNormReference.Dims(BATCH.length, 1, 1, 1);
        BatchNormReference.Forward f = BatchNormReference.forward(BATCH, new float[] {1}, new float[] {0}, d, 1e-5f, 0.1f, null, null);
        double mean = f.mean()[0], var = 1 / (f.invStd()[0] * f.invStd()[0]) - 1e-5;
        log.printf(Locale.ROOT, "batch norm of one channel, gamma 1, beta 0, eps 1e-5 (BatchNormReference.forward): x = %s%n", row(BATCH, 0));
        log.printf(Locale.ROOT, "mean %.3f, variance %.3f, y = %s%n", mean, var, row(f.y(), 3));
        float[] relu = f.y().clone();
        for (int i = 0; i < relu.length; i++) relu[i] = Math.max(0f, relu[i]);
        log.printf(Locale.ROOT, "then ReLU: %s%n", row(relu, 3));
    }

    /** "y[r,c] = x*w + ... = total", only the products that fall on the input (padding contributes 0). */
    static String convolutionSum(int[] cell) {
        StringBuilder terms = new StringBuilder();
        double total = 0;
        int padded = 0;
        for (int r = 0; r < KERNEL; r++)
            for (int s = 0; s < KERNEL; s++) {
                int h = cell[0] * STRIDE - PAD + r, w = cell[1] * STRIDE - PAD + s;
                if (h < 0 || h >= IN || w < 0 || w >= IN) {
                    padded++;
                    continue;
                }
                float xv = INPUT[h * IN + w], wv = WEIGHTS[r * KERNEL + s];
                terms.append(terms.length() == 0 ? "" : " + ").append(factor(xv)).append('*').append(factor(wv));
                total += xv * wv;
            }
        return String.format(Locale.ROOT, "y[%d,%d] = %s = %s%s", cell[0], cell[1], terms, number((float) total),
                padded == 0 ? "" : " (" + padded + " of the 16 window cells are padding: 0)");
    }

    /** "y[r,c] = x[h,w]*w[i,j] + ... = a*b + ... = total": every input pixel whose stamp covers the cell. */
    static String transposedSum(int[] cell) {
        StringBuilder names = new StringBuilder(), terms = new StringBuilder();
        double total = 0;
        for (int h = 0; h < SMALL; h++)
            for (int w = 0; w < SMALL; w++) {
                int r = cell[0] + PAD - h * STRIDE, s = cell[1] + PAD - w * STRIDE; // from oh = h*stride - pad + r
                if (r < 0 || r >= KERNEL || s < 0 || s >= KERNEL) continue;
                float xv = SMALL_INPUT[h * SMALL + w], wv = WEIGHTS[r * KERNEL + s];
                String plus = names.length() == 0 ? "" : " + ";
                names.append(plus).append(String.format(Locale.ROOT, "x[%d,%d]*w[%d,%d]", h, w, r, s));
                terms.append(plus).append(factor(xv)).append('*').append(factor(wv));
                total += xv * wv;
            }
        return String.format(Locale.ROOT, "y[%d,%d] = %s = %s = %s", cell[0], cell[1], names, terms, number((float) total));
    }

    private static void printGrid(PrintStream log, String name, float[] values, int side) {
        log.println(name + ":");
        for (int r = 0; r < side; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < side; c++) line.append(String.format(Locale.ROOT, "%4s", number(values[r * side + c])));
            log.println(line);
        }
    }

    private static String row(float[] v, int decimals) {
        StringBuilder b = new StringBuilder();
        for (float f : v) b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%." + decimals + "f", f));
        return b.toString();
    }

    /** Whole numbers without a decimal point (every convolution number here is one). */
    static String number(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A factor of a printed product: a negative one in brackets, so "1*(-1)" reads as a product. */
    private static String factor(float v) {
        return v < 0 ? "(" + number(v) + ")" : number(v);
    }
}
