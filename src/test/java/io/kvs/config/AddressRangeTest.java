package io.kvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8,      10.255.1.2,     true",
        "10.0.0.0/8,      11.0.0.1,       false",
        "192.0.2.7,       192.0.2.7,      true",
        "192.0.2.7,       192.0.2.8,      false",
        "0.0.0.0/0,       203.0.113.1,    true",
        "fd00::/8,        fdab::1,        true",
        "fd00::/8,        fe80::1,        false",
        "fd00::/8,        10.0.0.1,       false",
        "10.0.0.0/8,      ::1,            false",
    })
    void containsTheAddressesOfItsPrefix(String range, String address, boolean inside) throws Exception {
        assertEquals(inside, AddressRange.parse(range).contains(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.example.com", "10.0.0.0/33", "fd00::/129", "10.0.0/8", "10.0.0.0/x",
        "", "cafe.be", "10.0.0.0/-1"})
    void refusesNamesAndBadPrefixes(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "cafe.be", "deadbeef", "1.2.3", "a:b:c:d:e:f:g:h"})
    void aLiteralIsNeverLookedUp(String text) {
        assertFalse(AddressRange.literal(text).isPresent());
    }

    @org.junit.jupiter.api.Test
    void bracketsAroundIpv6AreAccepted() {
        assertTrue(AddressRange.literal("[2001:db8::1]").isPresent());
    }
}
