package org.semfill.io;

import java.util.Arrays;

/**
 * One array as a safetensors file stores it: an element type, a shape (outermost dimension first,
 * row-major, as in PyTorch), and the values. F32 holds floats (weights, optimizer moments); I64 holds longs
 * (counters such as BatchNorm's {@code num_batches_tracked}, a scalar of shape [], or an RNG state).
 */
public final class TypedArray {
    /** Element types semfill reads and writes, with their safetensors names and sizes in bytes. */
    public enum DType {
        F32(4), I64(8);

        public final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }
    }

    private final DType dtype;
    private final int[] shape;
    private final float[] floats; // F32 values, else null
    private final long[] longs; // I64 values, else null

    private TypedArray(DType dtype, int[] shape, float[] floats, long[] longs) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
        long numel = numel(this.shape);
        int length = floats != null ? floats.length : longs.length;
        if (numel != length)
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + numel
                    + " values, got " + length);
    }

    /** Float32 values of the given shape (not copied); shape [] is a scalar. */
    public static TypedArray f32(float[] values, int... shape) {
        return new TypedArray(DType.F32, shape, values, null);
    }

    /** Int64 values of the given shape (not copied); shape [] is a scalar. */
    public static TypedArray i64(long[] values, int... shape) {
        return new TypedArray(DType.I64, shape, null, values);
    }

    /** An int64 scalar, shape [] (PyTorch's {@code num_batches_tracked}). */
    public static TypedArray scalarI64(long value) {
        return i64(new long[] {value});
    }

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy); empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of values: the product of the shape (1 for a scalar). */
    public int numel() {
        return (int) numel(shape);
    }

    /** Bytes of data in the file: numel * dtype size. */
    public long byteSize() {
        return (long) numel() * dtype.bytes;
    }

    /** The F32 values (not a copy). */
    public float[] floats() {
        if (floats == null) throw new IllegalStateException("array is " + dtype + ", not F32");
        return floats;
    }

    /** The I64 values (not a copy). */
    public long[] longs() {
        if (longs == null) throw new IllegalStateException("array is " + dtype + ", not I64");
        return longs;
    }

    static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape too large " + Arrays.toString(shape));
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypedArray t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(floats, t.floats) && Arrays.equals(longs, t.longs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(floats) + Arrays.hashCode(longs);
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
