package io.firsthop.core.vrrp;

/** The three states of RFC 5798 §6.4 (RFC 3768 §6.4), named as the ietf-vrrp YANG identities. */
public enum VrrpState {
    /** Waiting for a Startup event (RFC 5798 §6.4.1). */
    INITIALIZE("initialize"),
    /** Monitoring the Master (RFC 5798 §6.4.2). */
    BACKUP("backup"),
    /** Forwarding for the virtual addresses and advertising (RFC 5798 §6.4.3). */
    MASTER("master");

    private final String yangName;

    VrrpState(String yangName) {
        this.yangName = yangName;
    }

    /** The ietf-vrrp identity name: "initialize", "backup", "master". */
    public String yangName() {
        return yangName;
    }
}
