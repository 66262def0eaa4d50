package org.semfill.kernels;

/** Which operands of a product C = op(A) op(B) are read transposed: op(A) is A or A^T, op(B) is B or B^T. */
public enum Transpose {
    /** C = A B. */
    NONE(false, false),
    /** C = A^T B. */
    A(true, false),
    /** C = A B^T. */
    B(false, true),
    /** C = A^T B^T. */
    BOTH(true, true);

    private final boolean a, b;

    Transpose(boolean a, boolean b) {
        this.a = a;
        this.b = b;
    }

    /** Whether A is stored K x M and read transposed. */
    public boolean a() {
        return a;
    }

    /** Whether B is stored N x K and read transposed. */
    public boolean b() {
        return b;
    }

    /** The layout that transposes A and B as given. */
    public static Transpose of(boolean a, boolean b) {
        return a ? (b ? BOTH : A) : (b ? B : NONE);
    }
}
