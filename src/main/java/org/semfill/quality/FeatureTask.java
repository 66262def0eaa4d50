package org.semfill.quality;

/**
 * What the feature network learns to predict, which decides what its features notice.
 * <ul>
 *   <li>{@link #CLASSES}: the labels shipped with the data (the ten Fashion-MNIST classes, MNIST digits):
 *       the closest small-scale match to FID's Inception network, trained on ImageNet labels;</li>
 *   <li>{@link #ROTATION}: for data without labels (a folder of photos): how many quarter turns an image was
 *       rotated by, a self-supervised task (Gidaris et al. 2018) whose labels we make ourselves.</li>
 * </ul>
 */
public enum FeatureTask {
    CLASSES, ROTATION;

    public String describe(int classes) {
        return this == CLASSES ? "classify the " + classes + " labelled classes" : "predict the rotation (0, 90, 180, 270 degrees), no labels needed";
    }
}
