package org.semfill.kernels;

/**
 * How the DCGAN's stride-2, kernel-4 convolutions are computed, chosen once per process like the kernels: by the
 * {@code --conv} option of every command, or the system property {@value #PROPERTY}.
 *
 * <ul>
 *   <li>{@code direct}: im2col + GEMM, every multiply of the definition. The default: every figure and table of the
 *       tutorials was made this way, and a learner's run repeats them bit for bit.</li>
 *   <li>{@code winograd}: {@link WinogradConvolution} (Lavin and Gray 2016) where it applies: the same convolution with
 *       2.56x fewer multiplies (25 of every 64), so the same model trains and completes faster: in a search every stride-2 layer
 *       with 32 channels or more; in training the forward and input-gradient products of those layers whose maps are
 *       large enough to pay for transforming the weights each step. The result differs from direct
 *       only by rounding (about 1e-6 of the output's size), but a long training run or search then follows a slightly
 *       different path, so its numbers are not the tutorials' to the last digit.</li>
 * </ul>
 */
public enum ConvAlgorithm {
    direct, winograd;

    public static final String PROPERTY = "semfill.conv";

    private static volatile ConvAlgorithm active;

    /** The algorithm in use (from the property on first call, else direct). */
    public static ConvAlgorithm get() {
        ConvAlgorithm a = active;
        if (a == null) {
            synchronized (ConvAlgorithm.class) {
                if (active == null) active = parse(System.getProperty(PROPERTY, "direct"));
                a = active;
            }
        }
        return a;
    }

    /** Selects the algorithm for the rest of the process. */
    public static void select(ConvAlgorithm a) {
        active = a;
    }

    /** "direct" or "winograd"; anything else is an IllegalArgumentException naming the value. */
    public static ConvAlgorithm parse(String value) {
        for (ConvAlgorithm a : values()) if (a.name().equals(value)) return a;
        throw new IllegalArgumentException("conv must be direct or winograd, got '" + value + "'");
    }
}
