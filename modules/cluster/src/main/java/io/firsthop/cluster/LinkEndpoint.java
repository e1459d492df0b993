package io.firsthop.cluster;

/** One end of a link: a port of a device on a site. */
public record LinkEndpoint(String site, String device, int port) {
    @Override
    public String toString() {
        return site + "/" + device + ":" + port;
    }
}
