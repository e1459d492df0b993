package io.firsthop.core.vrrp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one virtual router's counters, named as the ietf-vrrp YANG model names them
 * (RFC 8347 {@code statistics}; the four global error counters are kept per virtual router
 * here). {@code authTypeMismatch} is RFC 2787's {@code vrrpStatsAuthTypeMismatch} (VRRPv2).
 */
public record VrrpStatistics(long masterTransitions, long advertisementRcvd, long advertisementSent,
                             long intervalErrors, long priorityZeroPktsRcvd, long priorityZeroPktsSent,
                             long invalidTypePktsRcvd, long addressListErrors, long packetLengthErrors,
                             long checksumErrors, long versionErrors, long ipTtlErrors, long authTypeMismatch) {

    /** The counters by their YANG leaf names ("master-transitions", "advertisement-rcvd", ...), in a fixed order. */
    public Map<String, Long> byYangName() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("master-transitions", masterTransitions);
        m.put("advertisement-rcvd", advertisementRcvd);
        m.put("advertisement-sent", advertisementSent);
        m.put("interval-errors", intervalErrors);
        m.put("priority-zero-pkts-rcvd", priorityZeroPktsRcvd);
        m.put("priority-zero-pkts-sent", priorityZeroPktsSent);
        m.put("invalid-type-pkts-rcvd", invalidTypePktsRcvd);
        m.put("address-list-errors", addressListErrors);
        m.put("packet-length-errors", packetLengthErrors);
        m.put("checksum-errors", checksumErrors);
        m.put("version-errors", versionErrors);
        m.put("ip-ttl-errors", ipTtlErrors);
        m.put("auth-type-mismatch", authTypeMismatch);
        return m;
    }
}
