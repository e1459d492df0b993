package io.firsthop.core;

import io.firsthop.wire.EthernetFrame;

/** Everything that can happen to a device. The runtime supplies the time alongside. */
public sealed interface DeviceInput {
    /** The device starts (first boot, or restart after a crash or shutdown) with fresh state. */
    record PowerOn() implements DeviceInput {}

    /** A frame arrived on {@code port}. */
    record FrameArrived(int port, EthernetFrame frame) implements DeviceInput {}

    /** A timer the device armed earlier is due. */
    record TimerFired(Object key) implements DeviceInput {}

    /** The carrier of {@code port} went up or down (cable cut or restored, peer port down). */
    record CarrierChanged(int port, boolean up) implements DeviceInput {}

    /** An administrator shuts {@code port} down or brings it up ("shutdown"/"no shutdown"). */
    record AdminPortState(int port, boolean up) implements DeviceInput {}

    /** The device dies silently: no goodbye, all state lost. */
    record Crash() implements DeviceInput {}

    /** The device stops gracefully: protocols say goodbye (VRRP priority 0, HSRP resign). */
    record Shutdown() implements DeviceInput {}

    /** A device-specific command (e.g. change a host's gateway, a router's priority). */
    record Command(DeviceCommand command) implements DeviceInput {}

    PowerOn POWER_ON = new PowerOn();
    Crash CRASH = new Crash();
    Shutdown SHUTDOWN = new Shutdown();
}
