package io.firsthop.core.glbp;

/**
 * A timer key of one {@link GlbpRouter}. The VG timers have forwarder 0; the VF timers name
 * their forwarder (1..4). Instances are cached, so a runtime can use them as map keys and the
 * core arms them without allocating.
 */
public record GlbpTimer(Kind kind, int forwarder) {
    public enum Kind {
        /** Time to send the next periodic hello. */
        HELLO,
        /** No hello from the AVG for the hold time (HSRP's active timer). */
        ACTIVE,
        /** No hello from the standby VG for the hold time (HSRP's standby timer). */
        STANDBY,
        /** No Active Request/Response TLV from a forwarder's AVF for the hold time. */
        VF_ACTIVE,
        /** The forwarder preemption delay before this router takes a forwarder back. */
        VF_PREEMPT,
        /** A taken-over forwarder's redirect time is over: the AVG stops handing out its MAC. */
        REDIRECT,
        /** A taken-over forwarder's timeout is over: it is deleted from every gateway. */
        TIMEOUT
    }

    public static final GlbpTimer HELLO = new GlbpTimer(Kind.HELLO, 0);
    public static final GlbpTimer ACTIVE = new GlbpTimer(Kind.ACTIVE, 0);
    public static final GlbpTimer STANDBY = new GlbpTimer(Kind.STANDBY, 0);

    private static final GlbpTimer[][] PER_FORWARDER = new GlbpTimer[Kind.values().length][GlbpRouter.MAX_FORWARDERS + 1];

    static {
        for (Kind k : new Kind[] {Kind.VF_ACTIVE, Kind.VF_PREEMPT, Kind.REDIRECT, Kind.TIMEOUT}) {
            for (int f = 1; f <= GlbpRouter.MAX_FORWARDERS; f++) {
                PER_FORWARDER[k.ordinal()][f] = new GlbpTimer(k, f);
            }
        }
    }

    public GlbpTimer {
        java.util.Objects.requireNonNull(kind, "kind");
        boolean perForwarder = kind != Kind.HELLO && kind != Kind.ACTIVE && kind != Kind.STANDBY;
        if (perForwarder ? forwarder < 1 || forwarder > GlbpRouter.MAX_FORWARDERS : forwarder != 0) {
            throw new IllegalArgumentException(kind + " timer with forwarder " + forwarder);
        }
    }

    /** The cached key of a per-forwarder timer. */
    public static GlbpTimer of(Kind kind, int forwarder) {
        return switch (kind) {
            case HELLO -> HELLO;
            case ACTIVE -> ACTIVE;
            case STANDBY -> STANDBY;
            default -> {
                if (forwarder < 1 || forwarder > GlbpRouter.MAX_FORWARDERS) {
                    throw new IllegalArgumentException(kind + " timer with forwarder " + forwarder);
                }
                yield PER_FORWARDER[kind.ordinal()][forwarder];
            }
        };
    }
}
