package io.kubeplane.model.validation;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * IP address and CIDR checks as Kubernetes makes them (apimachinery's {@code validation/ip.go},
 * {@code ValidateNonSpecialIP}), parsing like Go's {@code net.ParseIP} in its "sloppy" form: IPv4
 * octets may carry leading zeros, and IPv4-mapped IPv6 text counts as IPv4.
 *
 * <p>Parsing never resolves names: text that is not an address literal is simply invalid. Stateless
 * and thread-safe.
 */
public final class IpValidation {

    static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    static final String INVALID_CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    private IpValidation() {
    }

    /** The address written in {@code text}, or empty if it is not an IPv4 or IPv6 literal. */
    public static Optional<InetAddress> parseIp(String text) {
        byte[] bytes = text.contains(":") ? parseIPv6(text) : parseIPv4(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            // getByAddress never does a lookup; 16 bytes of an IPv4-mapped address come back as Inet4Address.
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public static boolean isValidIp(String text) {
        return parseIp(text).isPresent();
    }

    public static boolean isIPv4(String text) {
        return parseIp(text).filter(Inet4Address.class::isInstance).isPresent();
    }

    public static boolean isIPv6(String text) {
        return parseIp(text).filter(ip -> !(ip instanceof Inet4Address)).isPresent();
    }

    /** Whether {@code text} is {@code address/prefix-length} with a length that fits the family. */
    public static boolean isValidCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String address = text.substring(0, slash);
        String length = text.substring(slash + 1);
        if (!isValidIp(address) || length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int bits = address.contains(":") ? 128 : 32;
        return Integer.parseInt(length) <= bits;
    }

    /** Whether a CIDR is IPv6 (judged by its address part); false for invalid CIDRs. */
    public static boolean isIPv6Cidr(String text) {
        int slash = text.indexOf('/');
        return isValidCidr(text) && isIPv6(text.substring(0, slash));
    }

    /** Whether the addresses hold at least one IPv4 and one IPv6 address (all must be valid). */
    public static boolean isDualStack(List<String> addresses) {
        boolean v4 = false;
        boolean v6 = false;
        for (String address : addresses) {
            Optional<InetAddress> ip = parseIp(address);
            if (ip.isEmpty()) {
                return false;
            }
            if (ip.get() instanceof Inet4Address) {
                v4 = true;
            } else {
                v6 = true;
            }
        }
        return v4 && v6;
    }

    /** Whether the CIDRs hold at least one IPv4 and one IPv6 range (all must be valid). */
    public static boolean isDualStackCidrs(List<String> cidrs) {
        if (!cidrs.stream().allMatch(IpValidation::isValidCidr)) {
            return false;
        }
        return cidrs.stream().anyMatch(IpValidation::isIPv6Cidr) && !cidrs.stream().allMatch(IpValidation::isIPv6Cidr);
    }

    /** An error unless {@code value} is an IP address. */
    public static List<FieldError> validateIp(String value, FieldPath path) {
        return isValidIp(value) ? List.of() : List.of(FieldError.invalid(path, value, INVALID_IP));
    }

    public static List<FieldError> validateIPv4(String value, FieldPath path) {
        return isIPv4(value) ? List.of() : List.of(FieldError.invalid(path, value, "must be a valid IPv4 address"));
    }

    public static List<FieldError> validateIPv6(String value, FieldPath path) {
        return isIPv6(value) ? List.of() : List.of(FieldError.invalid(path, value, "must be a valid IPv6 address"));
    }

    public static List<FieldError> validateCidr(String value, FieldPath path) {
        return isValidCidr(value) ? List.of() : List.of(FieldError.invalid(path, value, INVALID_CIDR));
    }

    /**
     * Rejects addresses that make no sense as a destination for other hosts (endpoints, external
     * IPs): unspecified, loopback, link-local and link-local multicast, as Kubernetes'
     * {@code ValidateNonSpecialIP}.
     */
    public static List<FieldError> validateNonSpecialIp(String value, FieldPath path) {
        Optional<InetAddress> parsed = parseIp(value);
        if (parsed.isEmpty()) {
            return List.of(FieldError.invalid(path, value, "must be a valid IP address"));
        }
        InetAddress ip = parsed.get();
        List<FieldError> errors = new ArrayList<>();
        if (ip.isAnyLocalAddress()) {
            errors.add(FieldError.invalid(path, value, "may not be unspecified (" + value + ")"));
        }
        if (ip.isLoopbackAddress()) {
            errors.add(FieldError.invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }
        if (ip.isLinkLocalAddress()) {
            errors.add(FieldError.invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }
        if (ip.isMCLinkLocal()) {
            errors.add(FieldError.invalid(path, value,
                    "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
        return errors;
    }

    // Dotted quad; each octet decimal 0-255, leading zeros allowed as Go's ParseIPSloppy allows them.
    private static byte @Nullable [] parseIPv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 10 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            long octet = Long.parseLong(part);
            if (octet > 255) {
                return null;
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }

    /*
     * Colon-hex groups of 1-4 digits, at most one "::" standing for one or more zero groups, and an
     * optional dotted quad in the last 32 bits:
     *   2001:db8::1   ::1   ::   fe80::1:2   ::ffff:10.0.0.1   1:2:3:4:5:6:7:8
     * Zones ("%eth0") are rejected, as Go's ParseIP rejects them.
     */
    private static byte @Nullable [] parseIPv6(String s) {
        byte[] ip = new byte[16];
        int ellipsis = -1;
        int i = 0;
        int j = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            i = 2;
            if (i == s.length()) {
                return ip;
            }
        }
        while (j < 16) {
            int k = i;
            int group = 0;
            while (k < s.length() && k - i < 4 && Character.digit(s.charAt(k), 16) >= 0) {
                group = group * 16 + Character.digit(s.charAt(k), 16);
                k++;
            }
            if (k == i) {
                return null;
            }
            if (k < s.length() && s.charAt(k) == '.') {
                // Embedded IPv4: only as the last 32 bits.
                if ((ellipsis < 0 && j != 12) || j + 4 > 16) {
                    return null;
                }
                byte[] v4 = parseIPv4(s.substring(i));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, ip, j, 4);
                j += 4;
                i = s.length();
                break;
            }
            if (k < s.length() && Character.digit(s.charAt(k), 16) >= 0) {
                return null;
            }
            ip[j] = (byte) (group >> 8);
            ip[j + 1] = (byte) group;
            j += 2;
            i = k;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != ':' || i + 1 == s.length()) {
                return null;
            }
            i++;
            if (s.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = j;
                i++;
                if (i == s.length()) {
                    break;
                }
            }
        }
        if (i != s.length()) {
            return null;
        }
        if (j < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int shift = 16 - j;
            for (int k = j - 1; k >= ellipsis; k--) {
                ip[k + shift] = ip[k];
            }
            for (int k = ellipsis; k < ellipsis + shift; k++) {
                ip[k] = 0;
            }
        } else if (ellipsis >= 0) {
            // "::" must stand for at least one zero group.
            return null;
        }
        return ip;
    }
}
