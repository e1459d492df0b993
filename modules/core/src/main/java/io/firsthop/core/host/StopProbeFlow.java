package io.firsthop.core.host;

import io.firsthop.core.DeviceCommand;
import java.util.Objects;

/**
 * Stops one probe flow of a host for good: no request leaves after it, and the ones already
 * sent still end as answered or lost. The flow stays stopped across restarts of the host,
 * so a scenario's {@code stop:} holds whatever happens to the host afterwards.
 *
 * @param flow the flow's name ({@link ProbeFlow#name()})
 */
public record StopProbeFlow(String flow) implements DeviceCommand {
    public StopProbeFlow {
        Objects.requireNonNull(flow, "flow");
    }
}
