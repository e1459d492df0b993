package io.firsthop.sim;

import java.util.Objects;

/** One end of a link: a device's port, written {@code "device:port"} as in containerlab. */
public record Endpoint(String device, String port) {
    public Endpoint {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(port, "port");
        if (device.isEmpty() || port.isEmpty()) {
            throw new IllegalArgumentException("endpoint needs a device and a port, was '" + device + ":" + port + "'");
        }
    }

    /** Parses {@code "r1:ge0"}; the device name ends at the first colon, so port names may contain colons. */
    public static Endpoint parse(String text) {
        Objects.requireNonNull(text, "endpoint");
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("endpoint '" + text + "' is not of the form \"device:port\"");
        }
        return new Endpoint(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return device + ":" + port;
    }
}
