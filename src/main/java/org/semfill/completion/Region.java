package org.semfill.completion;

/** Where a quality metric is measured: over the hole only (mask == 0), or over the whole image. */
public enum Region {
    /** Pixels where the mask is 0: what the method actually had to invent. */
    HOLE,
    /** Every pixel: known pixels are usually copied, so this flatters every method alike. */
    WHOLE
}
