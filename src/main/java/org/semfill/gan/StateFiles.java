package org.semfill.gan;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semfill.internal.UserError;
import org.semfill.io.TypedArray;
import org.semfill.nn.StateTensor;

/**
 * Moves a module's state to and from safetensors arrays with PyTorch's names and dtypes (F32 weights and
 * buffers, I64 scalar {@code num_batches_tracked}), so {@code load_state_dict} accepts our files and we
 * accept PyTorch's.
 */
public final class StateFiles {
    private StateFiles() {}

    /** The arrays of a state dict, keys prefixed (e.g. "G." inside a checkpoint, "" in a model file). Arrays are shared, not copied. */
    public static Map<String, TypedArray> toArrays(Map<String, StateTensor> state, String prefix) {
        Map<String, TypedArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, StateTensor> e : state.entrySet()) {
            StateTensor s = e.getValue();
            out.put(prefix + e.getKey(), s.isLong() ? TypedArray.scalarI64(s.longs()[0]) : TypedArray.f32(s.floats(), s.shape()));
        }
        return out;
    }

    /**
     * Checks arrays against the state a network will have ({@code expected}: key without prefix to shape, null for an
     * I64 counter) before the network is built: every key present with its dtype and shape, no extra keys, every
     * float finite. Any difference is a {@link UserError} naming {@code file} and the first bad tensor.
     */
    public static void check(Map<String, int[]> expected, Map<String, TypedArray> arrays, String prefix, Path file) {
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            String key = prefix + e.getKey();
            TypedArray a = arrays.get(key);
            if (a == null) throw new UserError(file + " lacks tensor '" + key + "': it was not saved from this network architecture");
            if (e.getValue() == null) {
                if (a.dtype() != TypedArray.DType.I64 || a.numel() != 1)
                    throw new UserError(file + ": tensor '" + key + "' should be one I64 value, found " + a.dtype() + " " + Arrays.toString(a.shape()));
                continue;
            }
            if (a.dtype() != TypedArray.DType.F32)
                throw new UserError(file + ": tensor '" + key + "' has dtype " + a.dtype() + ", expected F32");
            if (!Arrays.equals(a.shape(), e.getValue()))
                throw new UserError(file + ": tensor '" + key + "' has shape " + Arrays.toString(a.shape()) + ", but the model config "
                        + "stored with it needs " + Arrays.toString(e.getValue()) + "; the file is damaged or its metadata does not match its tensors");
            requireFinite(a.floats(), key, file);
        }
        for (String k : arrays.keySet())
            if (k.startsWith(prefix) && !expected.containsKey(k.substring(prefix.length())))
                throw new UserError(file + " has an unexpected tensor '" + k + "': it was saved from a different architecture");
    }

    /** A {@link UserError} naming the tensor and file when {@code v} holds a NaN or an infinity. */
    static void requireFinite(float[] v, String key, Path file) {
        for (int i = 0; i < v.length; i++)
            if (!Float.isFinite(v[i]))
                throw new UserError(file + ": tensor '" + key + "' holds " + v[i] + " (at index " + i + "); the weights are damaged "
                        + "(did training diverge?): use another model or train again");
    }

    /**
     * Copies arrays into a module's live state. Every key must be present with the right shape; extra keys
     * are an error too (they mean a different architecture). {@code file} names the source in messages.
     */
    public static void load(Map<String, StateTensor> state, Map<String, TypedArray> arrays, String prefix, Path file) {
        for (Map.Entry<String, StateTensor> e : state.entrySet()) {
            String key = prefix + e.getKey();
            TypedArray a = arrays.get(key);
            StateTensor s = e.getValue();
            if (a == null) throw new UserError(file + " lacks tensor '" + key + "': it was not saved from this network architecture");
            if (s.isLong()) {
                if (a.dtype() != TypedArray.DType.I64 || a.numel() != 1)
                    throw new UserError(file + ": tensor '" + key + "' should be one I64 value, found " + a.dtype() + " " + Arrays.toString(a.shape()));
                s.longs()[0] = a.longs()[0];
                continue;
            }
            if (a.dtype() != TypedArray.DType.F32)
                throw new UserError(file + ": tensor '" + key + "' has dtype " + a.dtype() + ", expected F32");
            if (!Arrays.equals(a.shape(), s.shape()))
                throw new UserError(file + ": tensor '" + key + "' has shape " + Arrays.toString(a.shape()) + ", the network needs "
                        + Arrays.toString(s.shape()) + " (a model of another size?)");
            requireFinite(a.floats(), key, file);
            System.arraycopy(a.floats(), 0, s.floats(), 0, s.floats().length);
        }
        for (String k : arrays.keySet())
            if (k.startsWith(prefix) && !state.containsKey(k.substring(prefix.length())))
                throw new UserError(file + " has an unexpected tensor '" + k + "': it was saved from a different architecture");
    }
}
