package io.kubeplane.ipam.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PoolMathTest {

    @ParameterizedTest(name = "{0}: {1} usable, static band {2}, first {3}, last {4}")
    @CsvSource({
            "10.96.0.0/12,    1048574, 256, 10.96.0.1,  10.111.255.254",
            "10.96.0.0/24,    254,     16,  10.96.0.1,  10.96.0.254",
            "10.96.0.0/28,    14,      0,   10.96.0.1,  10.96.0.14",
            "10.0.0.0/16,     65534,   256, 10.0.0.1,   10.0.255.254",
            "fd00:10:96::/108, 1048575, 256, fd00:10:96::1, fd00:10:96::f:ffff",
            "fd00::/120,      255,     16,  fd00::1,    fd00::ff",
    })
    void serviceRanges(String cidr, int usable, int band, String first, String last) {
        AddressPool pool = AddressPool.serviceRange(IpCidr.parse(cidr));
        assertThat(pool.size()).isEqualTo(usable);
        assertThat(pool.staticBand()).isEqualTo(band);
        assertThat(pool.valueAt(0)).isEqualTo(first);
        assertThat(pool.valueAt(usable - 1)).isEqualTo(last);
        assertThat(pool.ordinalOf(first)).hasValue(0);
        assertThat(pool.ordinalOf(last)).hasValue(usable - 1);
    }

    @Test
    void networkAndBroadcastAddressesAreNotInTheServicePool() {
        AddressPool pool = AddressPool.serviceRange(IpCidr.parse("10.96.0.0/24"));
        assertThat(pool.ordinalOf("10.96.0.0")).isEmpty();
        assertThat(pool.ordinalOf("10.96.0.255")).isEmpty();
        assertThat(pool.ordinalOf("10.97.0.1")).isEmpty();
        assertThat(pool.ordinalOf("fd00::1")).isEmpty();
        assertThat(pool.ordinalOf("not-an-ip")).isEmpty();
        assertThat(pool.name()).isEqualTo("10.96.0.0/24");
    }

    @Test
    void podRangesKeepTheGatewayBack() {
        AddressPool pool = AddressPool.podRange(IpCidr.parse("10.244.3.0/24"));
        assertThat(pool.size()).isEqualTo(253);
        assertThat(pool.valueAt(0)).isEqualTo("10.244.3.2");
        assertThat(pool.ordinalOf("10.244.3.1")).isEmpty();
    }

    @Test
    void rangesLargerThanTheCapAreRefused() {
        assertThatThrownBy(() -> AddressPool.serviceRange(IpCidr.parse("10.0.0.0/8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> AddressPool.serviceRange(IpCidr.parse("fd00::/64")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
    }

    @ParameterizedTest(name = "{0}: static band {1}")
    @CsvSource({"30000-32767, 86", "30000-30009, 0", "30000-30015, 16", "1-65535, 128"})
    void nodePortBands(String range, int band) {
        PortPool pool = PortPool.parse(range);
        assertThat(pool.staticBand()).isEqualTo(band);
        assertThat(pool.valueAt(0)).isEqualTo(range.substring(0, range.indexOf('-')));
    }

    @Test
    void nodePortsOutsideTheRangeHaveNoOrdinal() {
        PortPool pool = PortPool.parse("30000-32767");
        assertThat(pool.ordinalOf("30080")).hasValue(80);
        assertThat(pool.ordinalOf("80")).isEmpty();
        assertThat(pool.ordinalOf("32768")).isEmpty();
        assertThat(pool.size()).isEqualTo(2768);
    }

    @Test
    void subnetsOfTheClusterCidr() {
        SubnetPool pool = new SubnetPool(IpCidr.parse("10.244.0.0/16"), 24);
        assertThat(pool.size()).isEqualTo(256);
        assertThat(pool.valueAt(0)).isEqualTo("10.244.0.0/24");
        assertThat(pool.valueAt(17)).isEqualTo("10.244.17.0/24");
        assertThat(pool.ordinalOf("10.244.17.0/24")).hasValue(17);
        assertThat(pool.ordinalOf("10.244.17.0/25")).isEmpty();
        assertThat(pool.ordinalOf("10.245.0.0/24")).isEmpty();
    }

    @ParameterizedTest(name = "{0} formats as {1}")
    @CsvSource({
            "2001:db8:0:0:0:0:2:1/128, 2001:db8::2:1/128",
            "2001:db8:0:1:1:1:1:1/128, 2001:db8:0:1:1:1:1:1/128",
            "2001:0:0:1:0:0:0:1/128,   2001:0:0:1::1/128",
            "0:0:0:0:0:0:0:0/0,        ::/0",
            "FD00:10:96::/108,         fd00:10:96::/108",
    })
    void ipv6IsWrittenAsRfc5952Says(String text, String canonical) {
        assertThat(IpCidr.parse(text).toString()).isEqualTo(canonical);
    }

    @Test
    void hostBitsAreCleared() {
        IpCidr cidr = IpCidr.parse("10.96.3.7/12");
        assertThat(cidr.toString()).isEqualTo("10.96.0.0/12");
        assertThat(cidr.size()).isEqualTo(BigInteger.ONE.shiftLeft(20));
        assertThat(cidr.family()).isEqualTo("IPv4");
    }

    @Test
    void staticBandFormula() {
        assertThat(StaticBand.forServiceIps(15)).isZero();
        assertThat(StaticBand.forServiceIps(16)).isEqualTo(16);
        assertThat(StaticBand.forServiceIps(1000)).isEqualTo(62);
        assertThat(StaticBand.forServiceIps(1 << 20)).isEqualTo(256);
    }
}
