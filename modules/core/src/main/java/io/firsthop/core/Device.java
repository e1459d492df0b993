package io.firsthop.core;

import java.util.List;

/**
 * A network device's logic: a pure state machine with no threads, no I/O and no clock.
 *
 * <p>How to drive one: call {@link #handle} with an input and the current time; the device
 * answers through the {@link Outputs} it is given (frames to send on a port, timers to arm or
 * cancel, trace events). A runtime (the virtual engine, or a Pekko actor) owns the clock and
 * the wires, delivers frames and fires timers back in as {@link DeviceInput}s. The first input
 * of a device's life is {@link DeviceInput.PowerOn}.
 */
public interface Device {
    /** The device's unique name in a topology. */
    String name();

    /** Port names, indexed by the port numbers used in inputs and outputs. */
    List<String> portNames();

    /** Handles one input at time {@code now} (nanoseconds of the runtime's clock). */
    void handle(DeviceInput input, long now, Outputs out);

    /** Whether the device is powered and running (false after a crash or shutdown). */
    boolean running();

    default String portName(int port) {
        List<String> names = portNames();
        return port >= 0 && port < names.size() ? names.get(port) : "port" + port;
    }

    default int portIndex(String portName) {
        int i = portNames().indexOf(portName);
        if (i < 0) {
            throw new IllegalArgumentException(name() + " has no port '" + portName + "' (ports: " + portNames() + ")");
        }
        return i;
    }
}
