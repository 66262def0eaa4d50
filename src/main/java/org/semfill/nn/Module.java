package org.semfill.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semfill.tensor.Tensor;

/**
 * A layer or a network: maps a tensor to a tensor, owns its parameters and buffers, and has a training
 * and an evaluation mode (batch norm behaves differently in each).
 */
public abstract class Module {
    protected boolean training = true;

    public abstract Tensor forward(Tensor x);

    /** Sub-modules, in order (Sequential names them 0, 1, 2, ...). */
    public List<Module> children() {
        return List.of();
    }

    /** Adds this module's own state entries under {@code prefix} (e.g. "3."), in PyTorch's order. */
    protected void ownState(String prefix, Map<String, StateTensor> out) {}

    public void train(boolean on) {
        training = on;
        for (Module m : children()) m.train(on);
    }

    public boolean isTraining() {
        return training;
    }

    /** Every named state entry (parameters and buffers), keys as in PyTorch's state_dict. */
    public final Map<String, StateTensor> stateDict() {
        Map<String, StateTensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    void collect(String prefix, Map<String, StateTensor> out) {
        ownState(prefix, out);
        List<Module> kids = children();
        for (int i = 0; i < kids.size(); i++) kids.get(i).collect(prefix + childName(i) + ".", out);
    }

    /** Name of the i-th child in state keys. */
    protected String childName(int i) {
        return Integer.toString(i);
    }

    /** The learnable tensors, in state order. */
    public final List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>();
        for (StateTensor s : stateDict().values()) if (s.parameter() != null) ps.add(s.parameter());
        return ps;
    }

    public final long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }

    public final void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /** Freezes (or unfreezes) every parameter: a frozen network still passes gradients to its input. */
    public final void requiresGrad(boolean on) {
        for (Tensor p : parameters()) p.requiresGrad(on);
    }
}
