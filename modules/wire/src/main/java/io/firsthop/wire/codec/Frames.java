package io.firsthop.wire.codec;

import io.firsthop.wire.DecodeException;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.WireOptions;

/**
 * Encodes and decodes whole Ethernet frames, every checksum computed or verified on the way.
 * The one entry point links and devices need; the per-format codecs ({@link EthernetCodec},
 * {@link ArpCodec}, {@link Ipv4Codec}, {@link IcmpCodec}, {@link UdpCodec}, {@link VrrpCodec},
 * {@link HsrpCodec}, {@link GlbpCodec}) do the work on one shared array, without intermediate
 * buffers.
 *
 * <p>Decoding throws {@link DecodeException} and nothing else, whatever the bytes.
 */
public final class Frames {
    private Frames() {
    }

    /** The frame's octets, without preamble or FCS, padded to 60 octets if {@code options.padToMinimum()}. */
    public static byte[] encode(EthernetFrame frame, WireOptions options) {
        int len = EthernetCodec.length(frame);
        byte[] b = new byte[options.padToMinimum() ? Math.max(len, EthernetCodec.MIN_FRAME_LENGTH) : len];
        EthernetCodec.encode(frame, b, 0, options);
        return b;
    }

    /** Decodes a whole frame; see {@link EthernetCodec} for how trailing padding is treated. */
    public static EthernetFrame decode(byte[] frame, WireOptions options) throws DecodeException {
        return EthernetCodec.decode(frame, 0, frame.length, options);
    }

    /**
     * Decodes the frame held in {@code len} octets of {@code b} from {@code off}.
     *
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} lie outside {@code b}: a caller
     *                                   error, unlike a malformed frame
     */
    public static EthernetFrame decode(byte[] b, int off, int len, WireOptions options) throws DecodeException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        return EthernetCodec.decode(b, off, len, options);
    }

    /**
     * The encoded length without padding, computed from the records alone (no encoding, no
     * allocation): what a link uses for serialization delay.
     */
    public static int encodedLength(EthernetFrame frame) {
        return EthernetCodec.length(frame);
    }

    /** The encoded length as {@link #encode} would produce it under {@code options} (padding included). */
    public static int encodedLength(EthernetFrame frame, WireOptions options) {
        int len = EthernetCodec.length(frame);
        return options.padToMinimum() ? Math.max(len, EthernetCodec.MIN_FRAME_LENGTH) : len;
    }
}
