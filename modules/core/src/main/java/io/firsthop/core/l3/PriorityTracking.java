package io.firsthop.core.l3;

/**
 * A {@link FirstHopGroup} whose priority (or GLBP weight) tracked objects can lower, or whose
 * service they can suspend. The router hosts the tracked objects
 * ({@link Router#addTrackedObject}); {@link Router#track} binds a group to one of them; when the
 * combined verdict of the group's objects changes, the router calls
 * {@link #trackingChanged} with the group's {@link GroupIo} and traces the value's change.
 *
 * <p>Every group starts each PowerOn with nothing down: decrement 0, no fault.
 */
public interface PriorityTracking {
    /** What tracking lowers, for trace notes: "priority" (VRRP, HSRP) or "weight" (GLBP). */
    default String trackedValueName() {
        return "priority";
    }

    /**
     * Whether tracked objects may act on this group. A VRRP address owner's priority is 255 by
     * definition (RFC 5798 §5.2.4), so it cannot be tracked.
     */
    boolean trackable();

    /** The priority (or weight) in force now, tracking applied. */
    int trackedValue();

    /**
     * The group's tracked objects changed: from now on its value is its configured (or
     * commanded) one lowered by {@code decrement} ({@link #lowered}), and while {@code fault}
     * holds the group is out of service (a VRRP Master resigns with priority 0 and the group
     * waits in Initialize).
     */
    void trackingChanged(int decrement, boolean fault, long now, GroupIo io);

    /**
     * {@code configured - decrement}, clamped to 1..254: tracking neither makes an owner (255)
     * nor the resignation value (0).
     */
    static int lowered(int configured, int decrement) {
        return Math.max(1, Math.min(254, configured - decrement));
    }
}
