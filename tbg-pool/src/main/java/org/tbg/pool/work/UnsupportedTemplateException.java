package org.tbg.pool.work;

/** A template this pool must not mine (for example one requiring an unknown consensus rule). */
public final class UnsupportedTemplateException extends Exception {
    public UnsupportedTemplateException(String message) {
        super(message);
    }
}
