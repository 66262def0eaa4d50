package org.semfill.autograd;

/**
 * Per-thread reusable work buffers (im2col columns, partial weight gradients), so a training step does not
 * allocate a fresh large array for every image. Each caller names a role so two buffers in use at once
 * never share memory. A buffer's contents are garbage on return unless {@code zeroed}.
 */
final class Scratch {
    static final int COL = 0, BATCH_A = 1, BATCH_B = 2, DW = 3, ROLES = 4;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[ROLES][]);

    private Scratch() {}

    static float[] get(int role, int size, boolean zeroed) {
        float[][] b = BUFFERS.get();
        if (b[role] == null || b[role].length < size) {
            b[role] = new float[size];
            return b[role];
        }
        if (zeroed) java.util.Arrays.fill(b[role], 0, size, 0f);
        return b[role];
    }
}
