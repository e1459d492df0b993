package io.firsthop.wire;

/** An ICMP message (RFC 792). The checksum is computed when encoding. */
public sealed interface IcmpMessage extends Ipv4Payload permits IcmpEcho, IcmpError {
    int TYPE_ECHO_REPLY = 0;
    int TYPE_DESTINATION_UNREACHABLE = 3;
    int TYPE_ECHO_REQUEST = 8;
    int TYPE_TIME_EXCEEDED = 11;

    int type();

    int code();

    @Override
    default int protocol() {
        return Ipv4Packet.PROTOCOL_ICMP;
    }
}
