package io.firsthop.wire;

/** A frame or packet could not be decoded; {@link #error()} says why, one value per cause. */
public final class DecodeException extends Exception {
    private final DecodeError error;

    public DecodeException(DecodeError error, String detail) {
        super(error + ": " + detail);
        this.error = error;
    }

    public DecodeError error() {
        return error;
    }
}
