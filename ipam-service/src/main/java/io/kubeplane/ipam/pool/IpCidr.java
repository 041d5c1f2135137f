package io.kubeplane.ipam.pool;

import io.kubeplane.model.validation.IpValidation;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * An IPv4 or IPv6 range written as {@code address/prefix}, with the arithmetic allocation needs:
 * the address at an offset from the start of the range, and the offset of an address in it.
 * Addresses are written as Kubernetes writes them (dotted quad; RFC 5952 for IPv6). Immutable.
 *
 * @param network the first address, host bits cleared
 * @param prefixLength the number of network bits
 */
public record IpCidr(byte[] network, int prefixLength) {

    public IpCidr {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " does not fit the address family");
        }
    }

    /** Parses {@code 10.96.0.0/12} or {@code fd00:10:96::/108}; host bits are cleared. */
    public static IpCidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR (address/prefix): " + text);
        }
        InetAddress address = IpValidation.parseIp(text.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text.substring(0, slash)));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: " + text, e);
        }
        byte[] bytes = address.getAddress();
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefix + " does not fit " + text);
        }
        return new IpCidr(mask(bytes, prefix), prefix);
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    /** {@code IPv4} or {@code IPv6}, as Kubernetes names families. */
    public String family() {
        return isIpv6() ? "IPv6" : "IPv4";
    }

    /** How many addresses the range holds, network and broadcast addresses included. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.length * 8 - prefixLength);
    }

    /** The address {@code offset} places after the network address. */
    public String addressAt(long offset) {
        if (offset < 0 || BigInteger.valueOf(offset).compareTo(size()) >= 0) {
            throw new IndexOutOfBoundsException("offset " + offset + " is outside " + this);
        }
        BigInteger value = new BigInteger(1, network).add(BigInteger.valueOf(offset));
        return format(toBytes(value, network.length));
    }

    /** The offset of {@code ip} from the network address, or empty if it is not in this range. */
    public OptionalLong offsetOf(String ip) {
        return IpValidation.parseIp(ip).map(InetAddress::getAddress).map(this::offsetOf).orElse(OptionalLong.empty());
    }

    private OptionalLong offsetOf(byte[] address) {
        if (address.length != network.length || !Arrays.equals(mask(address, prefixLength), network)) {
            return OptionalLong.empty();
        }
        BigInteger offset = new BigInteger(1, address).subtract(new BigInteger(1, network));
        return offset.bitLength() < 63 ? OptionalLong.of(offset.longValue()) : OptionalLong.empty();
    }

    /** The index of {@code subnet} among the sub-ranges of its size in this range, or empty if it is not in it. */
    public OptionalLong subnetIndexOf(IpCidr subnet) {
        if (subnet.network.length != network.length || subnet.prefixLength < prefixLength
            || !Arrays.equals(mask(subnet.network, prefixLength), network)) {
            return OptionalLong.empty();
        }
        int hostBits = network.length * 8 - subnet.prefixLength;
        BigInteger index = new BigInteger(1, subnet.network).subtract(new BigInteger(1, network)).shiftRight(hostBits);
        return index.bitLength() < 63 ? OptionalLong.of(index.longValue()) : OptionalLong.empty();
    }

    /** The {@code index}-th sub-range of {@code subPrefix} bits (e.g. the 3rd /24 of a /16). */
    public IpCidr subnet(long index, int subPrefix) {
        int bits = network.length * 8;
        BigInteger start = new BigInteger(1, network).add(BigInteger.valueOf(index).shiftLeft(bits - subPrefix));
        return new IpCidr(toBytes(start, network.length), subPrefix);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpCidr that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        return bytes;
    }

    /** Dotted quad, or RFC 5952 text: lower case, the longest run of two or more zero groups as {@code ::}. */
    static String format(byte[] address) {
        if (address.length == 4) {
            try {
                return InetAddress.getByAddress(address).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
