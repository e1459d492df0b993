package io.firsthop.scenario;

import java.util.Objects;

/** A protocol and a group identifier, written "vrrp:1", "hsrp:10", "glbp:1" or "anycast:10.0.0.1". */
public record GroupKey(GatewayProtocol.Protocol protocol, String id) {
    public GroupKey {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return protocol.yamlName() + ":" + id;
    }
}
