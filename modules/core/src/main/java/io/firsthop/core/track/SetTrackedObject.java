package io.firsthop.core.track;

import io.firsthop.core.DeviceCommand;
import java.util.Objects;

/**
 * An operator's override of one tracked object of a router (a scenario's {@code track-down} /
 * {@code track-up}): down forces the object down and holds it there, whatever its interface or
 * probes say, until an up override releases it; up releases the hold, and the object is up
 * again (an interface object: as its interface's line state says). See
 * {@link ObjectTracker#override}.
 *
 * @param object the tracked object's name on the router
 * @param up     false to force it down, true to release it
 */
public record SetTrackedObject(String object, boolean up) implements DeviceCommand {
    public SetTrackedObject {
        Objects.requireNonNull(object, "object");
    }
}
