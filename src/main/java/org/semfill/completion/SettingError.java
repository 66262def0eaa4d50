package org.semfill.completion;

import java.util.function.Function;
import org.semfill.internal.UserError;

/**
 * A completion setting with a value the user can fix. The message names the setting as the algorithm does; an
 * interface that takes the setting under another name (the CLI: a flag) says it in its own words with {@link #messageCalling}.
 */
public final class SettingError extends UserError {
    /** The settings such an error can name, each with the name the message uses by default. */
    public enum Setting {
        ITERATIONS("iterations"), LEARNING_RATE("the learning rate"), BETA1("Adam's beta1"), BETA2("Adam's beta2"),
        LAMBDA("lambda"), RESTARTS("restarts"), HMC_BETA("HMC's beta"), HMC_STEP("HMC's step"),
        HMC_LEAPFROG("HMC's leapfrog steps"), HMC_ANNEAL("HMC's anneal factor"), TRACE("the trace");

        private final String words;

        Setting(String words) {
            this.words = words;
        }
    }

    private final Setting setting;
    private final transient Function<String, String> text;

    /** @param text the message, given the name to call the setting by */
    SettingError(Setting setting, Function<String, String> text) {
        super(text.apply(setting.words));
        this.setting = setting;
        this.text = text;
    }

    /** As {@link #SettingError(Setting, Function)}, for the message "{@code name problem}". */
    static SettingError of(Setting setting, String problem) {
        return new SettingError(setting, name -> name + " " + problem);
    }

    public Setting setting() {
        return setting;
    }

    /** The message calling the setting {@code name}, e.g. the flag that set it. */
    public String messageCalling(String name) {
        return text.apply(name);
    }
}
