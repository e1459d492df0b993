package io.firsthop.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AddressTest {
    @Test
    void macParsesAllThreeNotations() {
        MacAddress expected = new MacAddress(0x00005E000133L);
        assertEquals(expected, MacAddress.parse("00:00:5e:00:01:33"));
        assertEquals(expected, MacAddress.parse("00-00-5E-00-01-33"));
        assertEquals(expected, MacAddress.parse("0000.5e00.0133"));
        assertEquals("00:00:5e:00:01:33", expected.toString());
    }

    @Test
    void vrrpVirtualMacFollowsRfc5798Section7_3() {
        assertEquals(MacAddress.parse("00:00:5e:00:01:33"), VrrpAdvertisement.virtualMac(51));
    }

    @Test
    void multicastMacOfVrrpGroupIsRfc1112Mapping() {
        assertEquals(MacAddress.parse("01:00:5e:00:00:12"), MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST));
        assertTrue(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST).isMulticast());
        assertFalse(VrrpAdvertisement.virtualMac(1).isMulticast());
    }

    @Test
    void ipv4RejectsMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("10.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("10.0.-1.1"));
    }

    @Test
    void prefixRejectsHostBitsAndContainsItsAddresses() {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Prefix.parse("10.0.0.1/24"));
        Ipv4Prefix p = Ipv4Prefix.parse("10.0.0.0/24");
        assertTrue(p.contains(Ipv4Address.parse("10.0.0.200")));
        assertFalse(p.contains(Ipv4Address.parse("10.0.1.1")));
        assertEquals(Ipv4Address.parse("10.0.0.255"), p.broadcast());
        assertTrue(Ipv4Prefix.parse("0.0.0.0/0").contains(Ipv4Address.parse("198.51.100.10")));
    }

    @Property
    void ipv4TextRoundTrips(@ForAll int value) {
        Ipv4Address a = new Ipv4Address(value);
        assertEquals(a, Ipv4Address.parse(a.toString()));
    }

    @Property
    void macTextRoundTrips(@ForAll long value) {
        MacAddress m = new MacAddress(value & 0xFFFF_FFFF_FFFFL);
        assertEquals(m, MacAddress.parse(m.toString()));
    }
}
