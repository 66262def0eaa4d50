package org.semfill.internal;

import java.util.function.Function;

/**
 * A user error about settings: its message names each setting in the domain's words, and an interface that takes the
 * settings under other names (the CLI: flags) has the same message say those with {@link #messageNaming}. Domain code
 * thus never spells a flag, and the user still reads the one they typed.
 */
public class SettingError extends UserError {
    /** The message, given what to call each setting. */
    @FunctionalInterface
    public interface Text {
        String naming(Function<Setting, String> name);
    }

    private final Setting setting;
    private final transient Text text;

    /** @param setting the setting to change (the message may name others too) */
    public SettingError(Setting setting, Text text) {
        super(text.naming(Setting::words));
        this.setting = setting;
        this.text = text;
    }

    /** As {@link #SettingError(Setting, Text)}, for the message "{@code setting problem}". */
    public static SettingError of(Setting setting, String problem) {
        return new SettingError(setting, name -> name.apply(setting) + " " + problem);
    }

    /** The setting to change. */
    public Setting setting() {
        return setting;
    }

    /** The message calling each setting what {@code name} says, e.g. the flag that sets it. */
    public String messageNaming(Function<Setting, String> name) {
        return text.naming(name);
    }
}
