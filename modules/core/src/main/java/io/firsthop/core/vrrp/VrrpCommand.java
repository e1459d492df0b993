package io.firsthop.core.vrrp;

import io.firsthop.core.DeviceCommand;

/** Commands a router hands to its {@link VrrpGroup}s. */
public sealed interface VrrpCommand extends DeviceCommand {
    /**
     * Sets the base priority of virtual router {@code vrid}, as an operator's {@code vrrp
     * priority} would: the running priority is this one lowered by any tracked objects that are
     * down ({@link io.firsthop.core.l3.Router#track}). An owner stays at 255.
     *
     * @param port the router port name, or null for every port running this VRID
     */
    record SetPriority(String port, int vrid, int priority) implements VrrpCommand {
        public SetPriority {
            if (vrid < 1 || vrid > 255) throw new IllegalArgumentException("VRID must be 1..255, was " + vrid);
            if (priority < 1 || priority > 254) {
                throw new IllegalArgumentException("a non-owner priority must be 1..254, was " + priority);
            }
        }
    }
}
