package org.semfill.nn;

import org.semfill.tensor.Tensor;

/**
 * One named entry of a module's state (PyTorch's state_dict): float values with a shape, or a long counter
 * (BatchNorm's num_batches_tracked). {@code parameter} is the learnable tensor when the entry is one,
 * null for buffers such as running statistics. The arrays are live: loading writes into them.
 */
public record StateTensor(int[] shape, float[] floats, long[] longs, Tensor parameter) {

    static StateTensor of(Tensor p) {
        return new StateTensor(p.shape(), p.data(), null, p);
    }

    static StateTensor buffer(float[] values) {
        return new StateTensor(new int[] {values.length}, values, null, null);
    }

    /** A scalar long (shape [] in safetensors). */
    static StateTensor counter(long[] holder) {
        return new StateTensor(new int[0], null, holder, null);
    }

    public boolean isLong() {
        return longs != null;
    }
}
