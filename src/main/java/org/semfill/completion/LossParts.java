package org.semfill.completion;

/**
 * The completion loss and its two parts, value for value: {@code loss[j] = contextual[j] + lambda * perceptual[j]}
 * (per iteration or per row, as the holder says).
 */
public record LossParts(float[] loss, float[] contextual, float[] perceptual) {}
