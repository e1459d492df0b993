package io.firsthop.wire;

import java.util.List;
import java.util.Objects;

/**
 * A VRRP advertisement, version 2 (RFC 3768 §5.1) or version 3 (RFC 5798 §5.2, RFC 9568 §5.2).
 * The checksum is computed when encoding; for version 3 over IPv4 whether it covers the IPv4
 * pseudo-header is a {@link WireOptions} switch (RFC 9568 excludes it, keepalived and FRR
 * include it by default).
 *
 * <pre>
 * v3:  |Ver=3|Type=1| Virtual Rtr ID | Priority | Count IPvX Addr |
 *      |(rsvd)|     Max Adver Int (12 bits, centiseconds)  |   Checksum   |
 *      |  IPvX Address(es) ... |
 * v2:  |Ver=2|Type=1| Virtual Rtr ID | Priority | Count IP Addrs |
 *      | Auth Type | Adver Int (seconds) |   Checksum   |
 *      |  IP Address(es) ... | Authentication Data (8 octets) |
 * </pre>
 *
 * @param maxAdverInterval v3: Max Advertise Interval in centiseconds (1..4095);
 *                         v2: Advertisement Interval in seconds (1..255)
 * @param authType         v2 only (0 none, 1 simple text; RFC 3768 §5.3.6); 0 for v3
 * @param authData         v2 only, 8 bytes; {@link Bytes#EMPTY} for v3
 */
public record VrrpAdvertisement(int version, int vrid, int priority, int maxAdverInterval,
                                List<Ipv4Address> addresses, int authType, Bytes authData) implements Ipv4Payload {
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int PRIORITY_OWNER = 255;
    public static final int PRIORITY_STOP = 0;

    public VrrpAdvertisement {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(authData, "authData");
        addresses = List.copyOf(addresses);
        if (version != 2 && version != 3) throw new IllegalArgumentException("VRRP version must be 2 or 3, was " + version);
        if (vrid < 1 || vrid > 255) throw new IllegalArgumentException("VRID must be 1..255, was " + vrid);
        if (priority < 0 || priority > 255) throw new IllegalArgumentException("priority must be 0..255, was " + priority);
        int maxInterval = version == 3 ? 4095 : 255;
        if (maxAdverInterval < 0 || maxAdverInterval > maxInterval) {
            throw new IllegalArgumentException("advertisement interval out of range for v" + version + ": " + maxAdverInterval);
        }
        if (addresses.isEmpty() || addresses.size() > 255) {
            throw new IllegalArgumentException("VRRP carries 1..255 addresses, was " + addresses.size());
        }
        if (version == 2) {
            // RFC 3768 §5.1: Auth Type is one octet and Authentication Data always 8 octets
            if (authType < 0 || authType > 255) throw new IllegalArgumentException("VRRPv2 auth type must be 0..255, was " + authType);
            if (authData.length() != 8) throw new IllegalArgumentException("VRRPv2 authentication data is 8 octets, was " + authData.length());
        } else if (authType != 0 || authData.length() != 0) {
            // RFC 5798 removed authentication: version 3 has no field to carry it
            throw new IllegalArgumentException("VRRPv3 carries no authentication (auth type 0, empty data)");
        }
    }

    public static VrrpAdvertisement v3(int vrid, int priority, int maxAdverIntervalCentis, List<Ipv4Address> addresses) {
        return new VrrpAdvertisement(3, vrid, priority, maxAdverIntervalCentis, addresses, 0, Bytes.EMPTY);
    }

    public static VrrpAdvertisement v2(int vrid, int priority, int adverIntervalSeconds, List<Ipv4Address> addresses) {
        return new VrrpAdvertisement(2, vrid, priority, adverIntervalSeconds, addresses, 0, Bytes.zeros(8));
    }

    /** The virtual router MAC 00-00-5E-00-01-{VRID} (RFC 5798 §7.3). */
    public static MacAddress virtualMac(int vrid) {
        return new MacAddress(0x0000_5E00_0100L | (vrid & 0xFF));
    }

    @Override
    public int protocol() {
        return Ipv4Packet.PROTOCOL_VRRP;
    }
}
