package io.firsthop.core.hsrp;

import io.firsthop.core.DeviceCommand;

/**
 * Sets the priority of an HSRP group, as tracking does when a tracked object goes down or
 * comes back ({@code standby <group> track ... decrement}). Takes effect in the next message
 * the router sends; with preemption, a router that now outranks the Active takes over on the
 * Active's next hello (RFC 2281 §5.7 note *).
 *
 * @param port     the router port (interface) name, or {@code null} for every port running the group
 * @param group    the HSRP group number
 * @param priority the new priority, 0..255
 */
public record SetHsrpPriority(String port, int group, int priority) implements DeviceCommand {
    public SetHsrpPriority {
        if (group < 0 || group > 4095) throw new IllegalArgumentException("HSRP group must be 0..4095, was " + group);
        if (priority < 0 || priority > 255) throw new IllegalArgumentException("HSRP priority must be 0..255, was " + priority);
    }
}
