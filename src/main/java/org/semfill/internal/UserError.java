package org.semfill.internal;

/**
 * A mistake the user can fix: a missing file, a bad option value, mismatched sizes.
 * The CLI prints only its message (one line, naming the file or value and what to do) and exits with 2.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
