package io.firsthop.cluster.serial;

/**
 * A payload was refused by the Kryo codec: an object of a class not on the registration
 * list (outbound) or bytes that do not decode to one (inbound). Every instance is also
 * counted by the codec that threw it ({@link KryoCodec#rejections()}).
 */
public final class KryoRejectedException extends RuntimeException {
    /** Why a payload was refused. */
    public enum Reason {
        /** Outbound: the object, or something inside it, is of a class not registered. */
        UNREGISTERED_CLASS,
        /** Inbound: the bytes name a class id that is not registered (or a class by name). */
        UNKNOWN_CLASS_ID,
        /** Inbound: the bytes end early, carry an impossible length or value, or leave bytes over. */
        MALFORMED
    }

    private final Reason reason;

    KryoRejectedException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
