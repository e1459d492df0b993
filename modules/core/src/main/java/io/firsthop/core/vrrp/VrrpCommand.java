package io.firsthop.core.vrrp;

import io.firsthop.core.DeviceCommand;

/** Commands a router hands to its {@link VrrpGroup}s. */
public sealed interface VrrpCommand extends DeviceCommand {
    /**
     * Sets the running priority of virtual router {@code vrid} (tracking lowers it, restoring
     * raises it back). The configured priority is unchanged; an owner stays at 255.
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
