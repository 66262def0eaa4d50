package org.semfill.cli;

import static org.semfill.completion.SettingError.Setting.BETA1;
import static org.semfill.completion.SettingError.Setting.HMC_ANNEAL;
import static org.semfill.completion.SettingError.Setting.HMC_BETA;
import static org.semfill.completion.SettingError.Setting.HMC_LEAPFROG;
import static org.semfill.completion.SettingError.Setting.HMC_STEP;
import static org.semfill.completion.SettingError.Setting.ITERATIONS;
import static org.semfill.completion.SettingError.Setting.LAMBDA;
import static org.semfill.completion.SettingError.Setting.LEARNING_RATE;
import static org.semfill.completion.SettingError.Setting.RESTARTS;
import static org.semfill.completion.SettingError.Setting.TRACE;

import java.util.EnumMap;
import java.util.Map;
import org.semfill.completion.SettingError;

/** The flag that sets each completion setting, so an error about a setting names what the user typed. */
final class SettingFlags {
    private static final Map<SettingError.Setting, String> FLAGS = new EnumMap<>(Map.of(ITERATIONS, "--iters", LEARNING_RATE, "--lr",
            BETA1, "--beta1", LAMBDA, "--lambda", RESTARTS, "--restarts", HMC_BETA, "--hmc-beta", HMC_STEP, "--hmc-step",
            HMC_LEAPFROG, "--hmc-leapfrog", HMC_ANNEAL, "--hmc-anneal", TRACE, "--csv"));

    private SettingFlags() {}

    /** The error's message naming the setting's flag (its own words for a setting no flag sets). */
    static String message(SettingError e) {
        String flag = FLAGS.get(e.setting());
        return flag == null ? e.getMessage() : e.messageCalling(flag);
    }
}
