package org.semfill.nn;

import java.util.function.UnaryOperator;
import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/** A parameter-free layer wrapping one activation function. */
public final class Activation extends Module {
    private final String name;
    private final UnaryOperator<Tensor> f;

    private Activation(String name, UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
    }

    public static Activation relu() {
        return new Activation("ReLU", Ops::relu);
    }

    public static Activation leakyRelu(float slope) {
        return new Activation("LeakyReLU(" + slope + ")", x -> Ops.leakyRelu(x, slope));
    }

    public static Activation tanh() {
        return new Activation("Tanh", Ops::tanh);
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid", Ops::sigmoid);
    }

    @Override
    public Tensor forward(Tensor x) {
        return f.apply(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
