package io.firsthop.core.host;

import io.firsthop.core.DeviceCommand;
import io.firsthop.wire.Ipv4Address;

/**
 * The operator reconfigures a host's default gateway: the "naive redundancy" fix, where a
 * second gateway with its own address exists and hosts are repointed by hand (point 4 of the
 * notes). {@code gateway} null removes the default route.
 */
public record SetGateway(Ipv4Address gateway) implements DeviceCommand {
}
