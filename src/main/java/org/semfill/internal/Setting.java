package org.semfill.internal;

import java.util.Locale;

/**
 * Something the user sets, as the package that uses it names it. Each package lists its settings in an enum whose
 * constant names are the words ({@code BATCH_SIZE}: "batch size"); an interface that sets them under other names (the
 * CLI: its flags) names them so in the messages of {@link SettingError}s.
 */
public interface Setting {
    /** The constant's name (an enum's). */
    String name();

    /** The setting in the package's own words, as a message says it. */
    default String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
