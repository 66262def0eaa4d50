package org.semfill.autograd;

import java.util.Arrays;

/**
 * Per-thread reusable work buffers (unfolded columns, a chunk's images side by side), so a training step does not
 * allocate a fresh large array for every image. Each caller names a role so two buffers in use at once
 * never share memory. A buffer's contents are garbage on return unless {@code zeroed}.
 */
final class Scratch {
    static final int BATCH_A = 0, BATCH_B = 1, ROLES = 2;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[ROLES][]);

    private Scratch() {}

    static float[] get(int role, int size, boolean zeroed) {
        float[][] b = BUFFERS.get();
        if (b[role] == null || b[role].length < size) {
            b[role] = new float[size];
            return b[role];
        }
        if (zeroed) Arrays.fill(b[role], 0, size, 0f);
        return b[role];
    }
}
