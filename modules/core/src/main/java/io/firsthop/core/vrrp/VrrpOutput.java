package io.firsthop.core.vrrp;

import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.List;
import java.util.Objects;

/** What a {@link VrrpRouter} asks its runtime to do, in order. */
public sealed interface VrrpOutput {
    /** Multicast this advertisement from the virtual MAC and the primary address (RFC 5798 §7.2). */
    record SendAdvert(VrrpAdvertisement advert) implements VrrpOutput {
        public SendAdvert {
            Objects.requireNonNull(advert, "advert");
        }
    }

    /** Broadcast one gratuitous ARP per address, carrying the virtual MAC (RFC 5798 §6.4.1, §6.4.2). */
    record SendGratuitousArp(List<Ipv4Address> addresses) implements VrrpOutput {
        public SendGratuitousArp {
            addresses = List.copyOf(addresses);
        }
    }

    /** Arm (or move) {@code timer} to fire at {@code at} nanoseconds. */
    record ArmTimer(VrrpTimer timer, long at) implements VrrpOutput {
        public ArmTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Cancel {@code timer} if armed. */
    record CancelTimer(VrrpTimer timer) implements VrrpOutput {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** The state changed. */
    record StateChanged(VrrpState from, VrrpState to, VrrpCause cause) implements VrrpOutput {
        public StateChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** A received packet failed a receive check of RFC 5798 §7.1 and was discarded. */
    record AdvertDiscarded(VrrpError error, String detail) implements VrrpOutput {
        public AdvertDiscarded {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
