package io.kvs.pipeline;

import io.kvs.config.AddressRange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address a request comes from. The socket's peer, unless that peer is listed in {@code trusted_proxies}: then
 * the {@code X-Forwarded-For} hops are read from the right (each proxy appends the peer it saw) and the first one
 * that is not itself a trusted proxy is the client. Hops to the left of it were written by the client and prove
 * nothing. A hop that is not an address literal ends the walk at the last trusted proxy.
 */
final class ClientAddress {

    private final List<AddressRange> trustedProxies;

    ClientAddress(List<AddressRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * @param peer      the socket peer's address
     * @param forwarded the request's {@code X-Forwarded-For} header values, in order
     */
    String of(String peer, List<String> forwarded) {
        if (trustedProxies.isEmpty() || !trusted(AddressRange.literal(peer))) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwarded) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressRange.literal(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(Optional<InetAddress> address) {
        return address.isPresent() && trustedProxies.stream().anyMatch(range -> range.contains(address.get()));
    }
}
