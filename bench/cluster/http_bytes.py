#!/usr/bin/env python3
"""HTTP/1.1 bytes by request path on the loopback interface, for bench/cluster.sh (needs root: a packet socket).

    http_bytes.py --ports 19211,19212 --out FILE

Captures the TCP segments to and from the given ports on "lo" (a kernel BPF filter keeps everything else out) and
writes one line per segment that carries data: "<CLOCK_MONOTONIC ns>\t<connection>\t<req|resp>\t<METHOD path>\t<bytes>".
A segment towards one of the ports that starts with a request line opens a request; the following segments of that
connection, both ways, belong to it (HTTP/1.1 without pipelining, as the JDK client sends it). Bytes are TCP payload:
HTTP headers and bodies, no TCP/IP headers. Prints "ready" once capturing; stops and flushes on SIGTERM or SIGINT.
Only the standard library: Java cannot open a packet socket, and no capture tool is installed.
"""
import argparse
import ctypes
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4  # on lo every segment shows up twice: leaving and arriving; count it once
SO_ATTACH_FILTER = 26
METHODS = (b"GET ", b"POST ", b"PUT ", b"DELETE ", b"HEAD ", b"PATCH ", b"OPTIONS ")


def port_filter(first, second):
    """Classic BPF for "IPv4 TCP, not a fragment, source or destination port first or second"."""
    drop, accept = 13, 14
    program = [
        (0x28, 0, 0, 12),                    # 0  ldh [12]            ethertype
        (0x15, 0, drop - 2, 0x0800),         # 1  jeq IPv4
        (0x30, 0, 0, 23),                    # 2  ldb [23]            IP protocol
        (0x15, 0, drop - 4, 6),              # 3  jeq TCP
        (0x28, 0, 0, 20),                    # 4  ldh [20]            fragment offset
        (0x45, drop - 6, 0, 0x1FFF),         # 5  jset -> drop
        (0xB1, 0, 0, 14),                    # 6  ldxb 4*([14]&0xf)   IP header length
        (0x48, 0, 0, 14),                    # 7  ldh [x+14]          source port
        (0x15, accept - 9, 0, first),        # 8
        (0x15, accept - 10, 0, second),      # 9
        (0x48, 0, 0, 16),                    # 10 ldh [x+16]          destination port
        (0x15, accept - 12, 0, first),       # 11
        (0x15, accept - 13, 0, second),      # 12
        (0x06, 0, 0, 0),                     # 13 drop
        (0x06, 0, 0, 0x40000),               # 14 accept
    ]
    return b"".join(struct.pack("HBBI", *instruction) for instruction in program)


def capture(ports, out):
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    code = port_filter(*ports)
    buffer = ctypes.create_string_buffer(code)
    sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER,
                    struct.pack("HL", len(code) // 8, ctypes.addressof(buffer)))
    sock.bind(("lo", 0))
    current = {}  # connection -> the request it is carrying
    print("ready", flush=True)
    while True:
        frame, address = sock.recvfrom(262144)
        if address[2] == PACKET_OUTGOING:
            continue
        ip = frame[14:]
        ip_length = (ip[0] & 0x0F) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        tcp = ip[ip_length:total]
        source, destination = struct.unpack("!HH", tcp[:4])
        payload = tcp[(tcp[12] >> 4) * 4:]
        if not payload:
            continue
        towards_node = destination in ports
        client_port = source if towards_node else destination
        connection = f"{client_port}>{destination if towards_node else source}"
        if towards_node and payload.startswith(METHODS):
            method, target = payload.split(b"\r\n", 1)[0].split(b" ")[:2]
            current[connection] = (method + b" " + target.split(b"?")[0]).decode("ascii", "replace")
        request = current.get(connection, "?")
        out.write(f"{time.monotonic_ns()}\t{connection}\t{'req' if towards_node else 'resp'}\t{request}\t"
                  f"{len(payload)}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ports", required=True)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    ports = tuple(int(port) for port in arguments.ports.split(","))
    if len(ports) != 2:
        sys.exit("--ports takes exactly two ports")
    with open(arguments.out, "w", encoding="ascii") as out:
        def stop(signum, frame):
            out.flush()
            sys.exit(0)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        capture(ports, out)


if __name__ == "__main__":
    main()
