package org.semfill.completion;

import org.semfill.internal.Setting;

/** The completion settings a {@link org.semfill.internal.SettingError} can name, in the algorithm's words. */
public enum CompletionSetting implements Setting {
    ITERATIONS("iterations"), LEARNING_RATE("the learning rate"), BETA1("Adam's beta1"), BETA2("Adam's beta2"),
    LAMBDA("lambda"), RESTARTS("restarts"), HMC_BETA("HMC's beta"), HMC_STEP("HMC's step"),
    HMC_LEAPFROG("HMC's leapfrog steps"), HMC_ANNEAL("HMC's anneal factor"), TRACE("the trace");

    private final String words;

    CompletionSetting(String words) {
        this.words = words;
    }

    @Override
    public String words() {
        return words;
    }
}
