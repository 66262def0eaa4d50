package org.semfill.kernels;

/**
 * Picks the kernels once per process (Lucene's VectorizationProvider is the model): the Vector API
 * implementation when the {@code jdk.incubator.vector} module is present, unless the system property
 * {@code semfill.kernels} (scalar | vector | auto) says otherwise. {@link #reason()} says why.
 */
public final class KernelProvider {
    public static final String PROPERTY = "semfill.kernels";
    private static final String VECTOR_CLASS = "org.semfill.kernels.simd.VectorKernels";

    private static volatile Kernels active;
    private static volatile String reason;

    private KernelProvider() {}

    /** The kernels in use (chosen on first call). */
    public static Kernels get() {
        Kernels k = active;
        if (k == null) {
            synchronized (KernelProvider.class) {
                if (active == null) select(System.getProperty(PROPERTY, "auto"));
                k = active;
            }
        }
        return k;
    }

    /** Why the active kernels were chosen, in one line. */
    public static String reason() {
        get();
        return reason;
    }

    /** Whether this JVM can load the Vector API kernels. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Re-selects the kernels: "auto", "scalar" or "vector". Throws IllegalArgumentException on other values. */
    public static synchronized void select(String mode) {
        switch (mode) {
            case "scalar" -> set(new ScalarKernels(), "forced by " + PROPERTY + "=scalar / --kernels scalar");
            case "vector" -> {
                if (!vectorAvailable())
                    throw new IllegalArgumentException("vector kernels requested but module jdk.incubator.vector is "
                            + "not loaded; run with --add-modules jdk.incubator.vector (the ./semfill launcher does this)");
                set(loadVector(), "forced by " + PROPERTY + "=vector / --kernels vector");
            }
            case "auto" -> {
                if (vectorAvailable()) set(loadVector(), "module jdk.incubator.vector is present");
                else set(new ScalarKernels(), "module jdk.incubator.vector is not loaded (add --add-modules jdk.incubator.vector)");
            }
            default -> throw new IllegalArgumentException("kernels must be auto, scalar or vector, got '" + mode + "'");
        }
    }

    /** A fresh Vector API implementation (for tests that compare both paths). */
    public static Kernels loadVector() {
        try {
            return (Kernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the Vector API kernels: " + e, e);
        }
    }

    private static void set(Kernels k, String why) {
        active = k;
        reason = why;
    }
}
