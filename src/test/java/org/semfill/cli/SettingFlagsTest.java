package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.semfill.completion.SearchSettings;
import org.semfill.internal.SettingError;

/** The completion package names its settings; the CLI names the flags that set them. */
class SettingFlagsTest {
    @Test
    void aSettingsErrorNamesItsFlagOnTheCommandLineAndTheSettingElsewhere() {
        SettingError e = assertThrows(SettingError.class, () -> SearchSettings.defaults().withIterations(0));
        assertEquals("iterations must be between 1 and 1000000, got 0", e.getMessage());
        assertEquals("--iters must be between 1 and 1000000, got 0", SettingFlags.message(e));
        e = assertThrows(SettingError.class, () -> SearchSettings.defaults().withLambda(-1f));
        assertEquals("--lambda must be at least 0 and below 1000000 (typical: 0.01 to 1), got -1.0", SettingFlags.message(e));
    }

    @Test
    void aSettingNoFlagSetsKeepsItsOwnName() {
        SettingError e = assertThrows(SettingError.class, () -> new SearchSettings(10, 0.01f, 0.9f, 1f, 0.1f, 1));
        assertEquals("Adam's beta2 must be in [0, 1), got 1.0", SettingFlags.message(e));
    }
}
