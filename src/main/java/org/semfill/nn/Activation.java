package org.semfill.nn;

import java.util.function.UnaryOperator;
import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/** A parameter-free layer wrapping one activation function. */
public final class Activation extends Module {
    private final String name;
    private final UnaryOperator<Tensor> f;
    private final float leakySlope; // the slope of a ReLU (0) or leaky ReLU; NaN for the others

    private Activation(String name, UnaryOperator<Tensor> f, float leakySlope) {
        this.name = name;
        this.f = f;
        this.leakySlope = leakySlope;
    }

    public static Activation relu() {
        return new Activation("ReLU", Ops::relu, 0f);
    }

    public static Activation leakyRelu(float slope) {
        return new Activation("LeakyReLU(" + slope + ")", x -> Ops.leakyRelu(x, slope), slope);
    }

    public static Activation tanh() {
        return new Activation("Tanh", Ops::tanh, Float.NaN);
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid", Ops::sigmoid, Float.NaN);
    }

    /** Whether this is a ReLU or a leaky ReLU with a slope in [0, 1], which batch norm can apply itself. */
    boolean isLeakyRelu() {
        return leakySlope >= 0f && leakySlope <= 1f;
    }

    float leakySlope() {
        return leakySlope;
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
