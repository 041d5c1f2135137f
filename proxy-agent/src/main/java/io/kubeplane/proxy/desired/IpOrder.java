package io.kubeplane.proxy.desired;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Orders IP address literals numerically, IPv4 before IPv6; text that is no address sorts last, as text. */
final class IpOrder {

    private IpOrder() {
    }

    static int compare(String a, String b) {
        BigInteger x = value(a);
        BigInteger y = value(b);
        if (x == null || y == null) {
            return x != null ? -1 : y != null ? 1 : a.compareTo(b);
        }
        boolean v6a = a.contains(":");
        boolean v6b = b.contains(":");
        return v6a != v6b ? (v6a ? 1 : -1) : x.compareTo(y);
    }

    private static BigInteger value(String ip) {
        if (ip == null || ip.isEmpty() || !(ip.contains(":") || Character.isDigit(ip.charAt(0)))) {
            return null; // never a host name lookup
        }
        try {
            return new BigInteger(1, InetAddress.getByName(ip).getAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
