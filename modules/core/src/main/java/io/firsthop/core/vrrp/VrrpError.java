package io.firsthop.core.vrrp;

/**
 * Why a received VRRP packet failed a receive check of RFC 5798 §7.1 (RFC 3768 §7.1), named
 * after the ietf-vrrp error identities (RFC 8347) where one exists.
 */
public enum VrrpError {
    /** IPv4 TTL other than 255 (RFC 5798 §5.1.1.3, §7.1): ietf-vrrp ip-ttl-error. */
    IP_TTL_ERROR("ip-ttl-error"),
    /** A VRRP version other than the configured one (RFC 5798 §7.1): ietf-vrrp version-error. */
    VERSION_ERROR("version-error"),
    /** A checksum that does not verify (RFC 5798 §7.1): ietf-vrrp checksum-error. */
    CHECKSUM_ERROR("checksum-error"),
    /** Shorter than the VRRP header or its address list (RFC 5798 §7.1): ietf-vrrp packet-length-error. */
    PACKET_LENGTH_ERROR("packet-length-error"),
    /** A type other than 1, ADVERTISEMENT (RFC 5798 §5.2.2): the ietf-vrrp invalid-type-pkts-rcvd counter. */
    INVALID_TYPE("invalid-type"),
    /** Address list differs from the configured one (RFC 5798 §7.1, optional check): ietf-vrrp address-list-error. */
    ADDRESS_LIST_ERROR("address-list-error"),
    /** Advertisement interval differs from the configured one, or is zero: ietf-vrrp interval-error. */
    INTERVAL_ERROR("interval-error"),
    /** VRRPv2 Auth Type other than the local one, 0 (RFC 3768 §7.1); RFC 2787's vrrpStatsAuthTypeMismatch. */
    AUTH_TYPE_MISMATCH("auth-type-mismatch"),
    /** The local router is the address owner and so takes no advertisement (RFC 5798 §7.1). */
    LOCAL_ADDRESS_OWNER("local-address-owner");

    private final String yangName;

    VrrpError(String yangName) {
        this.yangName = yangName;
    }

    public String yangName() {
        return yangName;
    }
}
