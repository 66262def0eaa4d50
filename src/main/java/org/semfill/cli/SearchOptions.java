package org.semfill.cli;

import org.semfill.completion.SearchSettings;
import org.semfill.gan.Dcgan;
import org.semfill.gan.Encoder;
import org.semfill.internal.UserError;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The completion search's options, shared by {@code complete} and {@code evaluate-completion}. Their defaults are
 * {@link SearchSettings#defaults()} (Amos's): picocli takes a field's first value as its default.
 */
public final class SearchOptions {
    /** Iterations from the encoder's start when --iters is not given: its curve has flattened (or peaked) by then. */
    static final int LEARNED_ITERATIONS = 100;

    @Option(names = "--iters", description = "search iterations: Adam steps on z (default " + 1000 + "; " + LEARNED_ITERATIONS
            + " when the search starts from the model's encoder)")
    Integer iters;

    @Mixin
    AdamOptions adam = new AdamOptions(SearchSettings.defaults().lr(), SearchSettings.defaults().beta1()); // on z

    @Option(names = "--lambda", description = "weight of the perceptual (realism) loss (default ${DEFAULT-VALUE})")
    float lambda = SearchSettings.defaults().lambda();

    @Option(names = "--restarts", description = "random starting points per image; the lowest loss wins (default ${DEFAULT-VALUE})")
    int restarts = SearchSettings.defaults().restarts();

    @Option(names = "--weighted", defaultValue = "true", arity = "1",
            description = "Yeh's importance weights (true) or the plain mask (false) (default ${DEFAULT-VALUE})")
    boolean weighted;

    @Option(names = "--init", description = "the search's start: learned (the run's encoder, from 'semfill train-encoder') or random "
            + "(default: learned when the model has an encoder, else random; --restarts adds random starts either way)")
    String init;

    /**
     * Whether the search starts from {@code gan}'s encoder: {@code --init} as given, else whenever it has one.
     *
     * @throws UserError for an unknown value, {@code learned} for a model without an encoder, or an encoder that is damaged or
     *                   belongs to another G
     */
    boolean learnedStart(Dcgan gan) {
        boolean learned = switch (init == null ? "default" : init) {
            case "default" -> gan.hasEncoder();
            case "random" -> false;
            case "learned" -> {
                if (!gan.hasEncoder())
                    throw new UserError("--init learned needs an encoder beside the model (" + Encoder.FILE + "), and it has none: "
                            + "train one with 'semfill train-encoder --model RUN', or use --init random");
                yield true;
            }
            default -> throw new UserError("--init must be learned or random, got '" + init + "'");
        };
        if (learned) gan.encoder(); // read now: an encoder of another G is refused before any work starts
        return learned;
    }

    /** The settings these options give, with {@code rows} starting points per image, from a learned start or not. */
    SearchSettings settings(int rows, boolean learned) {
        SearchSettings d = SearchSettings.defaults();
        return new SearchSettings(iterations(learned), adam.lr, adam.beta1, d.beta2(), lambda, rows);
    }

    /** The settings these options give, from a learned start or not. */
    SearchSettings settings(boolean learned) {
        return settings(restarts, learned);
    }

    /** --iters, else Amos's 1,000 from random starts and {@link #LEARNED_ITERATIONS} from the encoder's. */
    int iterations(boolean learned) {
        if (iters != null) return iters;
        return learned ? LEARNED_ITERATIONS : SearchSettings.defaults().iterations();
    }
}
