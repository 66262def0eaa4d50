package org.semfill.gan;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import org.semfill.internal.UserError;

/** JSON forms of configs and options (run directories, model metadata). */
final class Json {
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Gson COMPACT = new Gson();

    private Json() {}

    static String config(DcganConfig c) {
        return COMPACT.toJson(c);
    }

    static DcganConfig parseConfig(String json, Path file) {
        DcganConfig c;
        try {
            c = COMPACT.fromJson(json, DcganConfig.class);
        } catch (RuntimeException e) {
            UserError invalid = userError(e);
            if (invalid != null) throw new UserError(file + ": the model config in its metadata cannot be used: " + invalid.getMessage());
            throw new UserError(file + ": the model config in its metadata " + problem(e) + "; the file is damaged or was not written by semfill");
        }
        if (c == null) throw new UserError(file + ": the model config in its metadata is empty; the file is damaged or was not written by semfill");
        try { // rebuild to validate, whether or not this Gson ran the record's constructor
            return new DcganConfig(c.size(), c.channels(), c.nz(), c.ngf(), c.ndf());
        } catch (UserError e) {
            throw new UserError(file + ": the model config in its metadata cannot be used: " + e.getMessage());
        }
    }

    /**
     * What is wrong with JSON text that Gson could not read, in words for a user: "is not valid JSON (at line 3)" or
     * "has a value of the wrong type (at line 2)"; no exception class names, no Gson advice about lenient parsing.
     */
    static String problem(Throwable e) {
        String at = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                at = " (at line " + m.group(1) + ")";
                break;
            }
        }
        Throwable c = e.getCause();
        boolean wrongType = e instanceof IllegalStateException || e instanceof NumberFormatException || e instanceof ClassCastException
                || c instanceof IllegalStateException || c instanceof NumberFormatException || c instanceof ClassCastException;
        return (wrongType ? "has a value of the wrong type" : "is not valid JSON") + at;
    }

    /** The {@link UserError} (a failed validation) somewhere in the causes of {@code e}, or null. */
    static UserError userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof UserError u) return u;
        return null;
    }
}
