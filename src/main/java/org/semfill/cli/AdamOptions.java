package org.semfill.cli;

import picocli.CommandLine.Option;

/**
 * {@code --lr} and {@code --beta1}, the Adam settings of what a command optimises ({@code @Mixin}): train's G and D,
 * train-encoder's E, the completion search's z. A command creates it with its optimiser's defaults (picocli shows a
 * field's first value as its default).
 */
public final class AdamOptions {
    @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    float lr;

    @Option(names = "--beta1", description = "Adam beta1 (default ${DEFAULT-VALUE})")
    float beta1;

    AdamOptions(float lr, float beta1) {
        this.lr = lr;
        this.beta1 = beta1;
    }
}
