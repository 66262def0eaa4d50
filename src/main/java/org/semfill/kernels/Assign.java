package org.semfill.kernels;

/** What a product does with C: overwrites it ({@code C = op(A) op(B)}) or adds to it ({@code C += op(A) op(B)}). */
public enum Assign {
    SET, ADD
}
