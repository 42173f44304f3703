package org.roofline.inference.model;

/** A model that cannot be loaded, does not match its metadata, or fails on a batch: the message says which. */
public class ModelException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
