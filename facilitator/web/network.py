"""Which local-network addresses phones can reach this laptop on, and plain advice about the room's
network. Pure standard library; works without any network at all (then only loopback is left)."""

from __future__ import annotations

import ipaddress
import socket
import sys
from dataclasses import dataclass, field

LOOPBACK = "127.0.0.1"

# Interface names of virtual adapters phones can never reach (containers, VMs, VPN tunnels).
VIRTUAL_PREFIXES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "vethernet",
    "tun",
    "tap",
    "tailscale",
    "zt",
    "wg",
    "utun",
    "lxc",
    "lxd",
    "podman",
    "cni",
    "flannel",
    "kube",
)

ADVICE_ROOM = (
    "Phones must be on the same network as this laptop. A laptop or phone hotspot takes about "
    "8 phones; a small travel router takes about 50; for more, use the venue's Wi-Fi if it lets "
    "devices see each other."
)
ADVICE_GUEST = (
    "Guest Wi-Fi often isolates devices from each other: if nobody can open the address, "
    "switch to a hotspot or a travel router."
)
ADVICE_OFFLINE = (
    "This laptop is not on any network, so phones cannot join. Connect to Wi-Fi or start a "
    "hotspot; meanwhile you can still type notes in yourself."
)
ADVICE_WAITING = "Nobody has reached this laptop yet: ask one person to try the address first."
ADVICE_REACHED = "Phones are reaching this laptop."


@dataclass(frozen=True)
class Candidate:
    """One IPv4 address of this machine, with the interface it belongs to when known."""

    address: str
    interface: str = ""
    default_route: bool = False

    @property
    def rank(self) -> tuple:
        ip = ipaddress.IPv4Address(self.address)
        private = ip.is_private and not ip.is_link_local
        home = self.address.startswith(("192.168.", "10.", "172."))
        return (not self.default_route, not private, not home, self.address)


@dataclass(frozen=True)
class NetworkStatus:
    """What the facilitator needs to know about the room's network (see ``WebServer.status``)."""

    address: str
    port: int
    candidates: tuple[str, ...] = ()
    offline: bool = False
    phones_seen: int = 0
    connected: int = 0
    advice: tuple[str, ...] = field(default_factory=tuple)


def usable(address: str, interface: str = "") -> bool:
    """True for an IPv4 address a phone on the local network could reach."""
    try:
        ip = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    if ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast:
        return False
    name = interface.lower()
    return not any(name.startswith(prefix) for prefix in VIRTUAL_PREFIXES)


def default_route_address() -> str | None:
    """The address the system would use to reach other networks (no packet is sent)."""
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
        except OSError:
            continue
        if usable(address):
            return address
    return None


def _interface_addresses() -> list[Candidate]:
    """Per-interface addresses on Linux (ioctl), where interface names are known."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl
    import struct

    found = []
    siocgifaddr = 0x8915
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _index, name in socket.if_nameindex():
            try:
                packed = struct.pack("256s", name.encode()[:15])
                answer = fcntl.ioctl(sock.fileno(), siocgifaddr, packed)
            except OSError:
                continue
            found.append(Candidate(socket.inet_ntoa(answer[20:24]), name))
    return found


def _hostname_addresses() -> list[Candidate]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [Candidate(info[4][0]) for info in infos]


def candidates() -> list[Candidate]:
    """This machine's reachable IPv4 addresses, best first (default route, private ranges)."""
    default = default_route_address()
    seen = _interface_addresses() + _hostname_addresses()
    excluded = {c.address for c in seen if not usable(c.address, c.interface)}
    by_address: dict[str, Candidate] = {}
    for cand in seen:
        if cand.address not in excluded:
            by_address.setdefault(cand.address, cand)
    if default and default not in excluded:
        by_address.setdefault(default, Candidate(default))
    found = [Candidate(c.address, c.interface, c.address == default) for c in by_address.values()]
    return sorted(found, key=lambda c: c.rank)


def best_address() -> str | None:
    """The address to put in the QR code, or None when the laptop is on no network."""
    found = candidates()
    return found[0].address if found else None


def advice(*, offline: bool, phones_seen: int) -> tuple[str, ...]:
    """Plain sentences for the facilitator about the room's network."""
    if offline:
        return (ADVICE_OFFLINE, ADVICE_ROOM)
    if phones_seen:
        return (ADVICE_REACHED, ADVICE_ROOM)
    return (ADVICE_WAITING, ADVICE_ROOM, ADVICE_GUEST)
