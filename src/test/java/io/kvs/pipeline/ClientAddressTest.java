package io.kvs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kvs.config.AddressRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12 #11: behind a TLS proxy every client had the proxy's address, and so one shared rate-limit bucket. */
class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(
            List.of(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("fd00::/8")));

    @Test
    void withNoTrustedProxyTheSocketPeerIsTheClientWhateverTheHeaderSays() {
        ClientAddress direct = new ClientAddress(List.of());
        assertEquals("10.1.1.1", direct.of("10.1.1.1", List.of("203.0.113.9")));
    }

    @Test
    void aTrustedProxysForwardedAddressIsTheClient() {
        assertEquals("203.0.113.9", behindProxies.of("10.1.1.1", List.of("203.0.113.9")));
        assertEquals("2001:db8:0:0:0:0:0:5", behindProxies.of("fd00::1", List.of("[2001:db8::5]")));
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddressByHeader() {
        assertEquals("198.51.100.4", behindProxies.of("198.51.100.4", List.of("203.0.113.9")));
    }

    @Test
    void hopsAreReadFromTheRightSoAForgedLeftmostEntryIsIgnored() {
        assertEquals("203.0.113.9",
                behindProxies.of("10.1.1.1", List.of("1.2.3.4, 203.0.113.9", "10.2.2.2")));
    }

    @Test
    void aHopThatIsNotAnAddressEndsTheWalkAtTheLastTrustedProxy() {
        assertEquals("10.1.1.1", behindProxies.of("10.1.1.1", List.of("evil.example.com")));
        assertEquals("10.1.1.1", behindProxies.of("10.1.1.1", List.of()));
        assertEquals("10.2.2.2", behindProxies.of("10.1.1.1", List.of("unknown, 10.2.2.2")));
    }
}
