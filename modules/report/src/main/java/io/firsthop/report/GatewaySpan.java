package io.firsthop.report;

/**
 * A stretch of consecutive answered probes of one flow that went through the same gateway.
 *
 * @param startNs when the span's first answered probe was sent
 * @param endNs   when its last answered probe was sent
 * @param mac     the MAC the host sent to ({@code via} of ProbeAnswered), possibly a virtual MAC
 * @param owner   who the MAC belongs to: the caller's label for it, else the group of a virtual MAC
 *                ("vrrp:1"), else the MAC itself
 * @param device  the device that forwarded: for a virtual MAC, the group member that was Master (Active,
 *                AVF) when the reply came back; for a physical MAC, its owner when that is a known device;
 *                null when unknown
 * @param site    the site of {@code device}, or null
 * @param probes  how many answered probes the span holds
 */
public record GatewaySpan(long startNs, long endNs, String mac, String owner, String device, String site, long probes) {
}
