package io.firsthop.core.devtest;

import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;

/** Short builders for test fixtures. */
public final class Frames {
    private Frames() {
    }

    public static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    public static MacAddress mac(String text) {
        return MacAddress.parse(text);
    }

    public static InterfaceAddress ifaddr(String text) {
        return InterfaceAddress.parse(text);
    }

    public static EthernetFrame arpRequest(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address target) {
        return EthernetFrame.untagged(MacAddress.BROADCAST, senderMac, ArpPacket.request(senderMac, senderIp, target));
    }

    public static EthernetFrame arpReply(MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp) {
        return EthernetFrame.untagged(targetMac, senderMac, ArpPacket.reply(senderMac, senderIp, targetMac, targetIp));
    }

    public static EthernetFrame gratuitous(MacAddress mac, Ipv4Address ip) {
        return EthernetFrame.untagged(MacAddress.BROADCAST, mac, ArpPacket.gratuitous(mac, ip));
    }

    public static Ipv4Packet echoRequest(Ipv4Address src, Ipv4Address dst, int ttl, int id, int seq) {
        return Ipv4Packet.of(ttl, src, dst, IcmpEcho.request(id, seq, Bytes.zeros(8)));
    }

    public static EthernetFrame ipFrame(MacAddress dst, MacAddress src, Ipv4Packet packet) {
        return EthernetFrame.untagged(dst, src, packet);
    }
}
