package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.semfill.bench.BenchSetting;
import org.semfill.completion.CompletionSetting;
import org.semfill.completion.SearchSettings;
import org.semfill.data.DataSetting;
import org.semfill.data.PrepareOptions;
import org.semfill.encoder.EncoderSetting;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.TrainOptions;
import org.semfill.gan.TrainingSetting;
import org.semfill.internal.Setting;
import org.semfill.internal.SettingError;
import org.semfill.quality.InspectionSetting;
import org.semfill.studio.StudioSetting;

/** The domain packages name their settings; the CLI names the flags that set them. */
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

    @Test
    void aMessageNamingSeveralSettingsNamesEachFlag() {
        DcganConfig model = new DcganConfig(28, 1, 100, 32, 32);
        SettingError e = assertThrows(SettingError.class, () -> new TrainOptions("bundled", model, 1, 64, 2e-4f, 0.5f, Integer.MAX_VALUE, 1, 1, 0));
        assertEquals("image limit plus hold out is too large: 2147483648", e.getMessage());
        assertEquals("--limit plus --hold-out is too large: 2147483648", SettingFlags.message(e));
        e = assertThrows(SettingError.class, () -> new PrepareOptions(64, 3, 32, 0, false));
        assertEquals("--crop 32 is smaller than the image size 64; crop at least 64 pixels (or 0 for the whole centred square)", SettingFlags.message(e));
    }

    @Test
    void everySettingHasAFlagButAdamsBeta2() {
        List<Setting> all = Stream.of(DataSetting.values(), TrainingSetting.values(), EncoderSetting.values(), InspectionSetting.values(),
                StudioSetting.values(), BenchSetting.values(), CompletionSetting.values()).flatMap(Stream::of).map(s -> (Setting) s).toList();
        for (Setting s : all)
            assertEquals(s == CompletionSetting.BETA2, SettingFlags.flag(s) == null, s + " of " + s.getClass().getSimpleName());
    }
}
