"""Which of this laptop's addresses phones can reach, best first, read from the system's network
interfaces (names, up/down state, addresses) through psutil on Windows, macOS and Linux. The
ranking works on plain data (``rank``), so a recorded table from any system can be fed to it."""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .room_advice import (
    ADVICE_GUEST,
    ADVICE_OFFLINE,
    ADVICE_REACHED,
    ADVICE_ROOM,
    ADVICE_WAITING,
    BLOCKER_SECONDS,
    address_changed,
    advice,
)

__all__ = [
    "ADVICE_GUEST",
    "ADVICE_OFFLINE",
    "ADVICE_REACHED",
    "ADVICE_ROOM",
    "ADVICE_WAITING",
    "BLOCKER_SECONDS",
    "Candidate",
    "Interface",
    "NetworkStatus",
    "address_changed",
    "advice",
    "best_address",
    "candidates",
    "rank",
    "read_interfaces",
    "usable",
]

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
WINDOWS_HOTSPOT = "192.168.137.1"  # Mobile hotspot (and Internet Connection Sharing)
LINUX_HOTSPOT = "10.42.0.1"  # NetworkManager's hotspot / shared connection
MAC_VM_NETWORK = ipaddress.IPv4Network("192.168.64.0/24")  # Apple's vmnet, on a bridge1xx too
NO_NEIGHBOURS = "255.255.255.255"  # a /32: a tunnel, nobody else can be on that network

# Order of the kinds of interface phones are most likely on.
KIND_ORDER = {"hotspot": 0, "wifi": 1, "ethernet": 2, "": 3}

# Unix-style names (no spaces) of tunnels, VPNs, VMs, containers and Apple's peer-to-peer links.
VIRTUAL_NAME = re.compile(
    r"(lo\d*$|tun|tap|utun|ppp|wg|ipsec|gif|stf|awdl|llw|anpi|vboxnet|vmnet|vnic|zt|veth|virbr"
    r"|lxcbr|lxdbr|lxc|lxd|incusbr|docker|br-|podman|cni|flannel|cali|kube|tailscale|nordlynx)"
)
# Words in the friendly names Windows (and VPN clients) give their virtual adapters.
VIRTUAL_WORDS = (
    "vpn",
    "anyconnect",
    "globalprotect",
    "pangp",
    "forti",
    "pulse secure",
    "juniper",
    "tailscale",
    "zerotier",
    "wireguard",
    "nordlynx",
    "tap-windows",
    "vethernet",
    "hyper-v",
    "wsl",
    "virtualbox",
    "vmware",
    "docker",
    "loopback",
    "bluetooth",
    "teredo",
    "isatap",
    "npcap",
)
# Hardware addresses of virtual adapters whose Windows names say nothing ("Ethernet 2").
VIRTUAL_MACS = (
    "00:05:9a:3c",  # Cisco AnyConnect / Secure Client
    "02:50:41:00:00:01",  # Palo Alto GlobalProtect (PANGP)
    "00:ff:",  # TAP-Windows (OpenVPN and others)
    "0a:00:27",  # VirtualBox host-only
    "00:50:56:c0:00",  # VMware's adapters on the host
)
WIFI_NAME = re.compile(r"wi-?fi|wlan|wireless|^wl")  # Windows' names, Linux's wlp2s0, wlan0
ETHERNET_NAME = re.compile(r"ethernet|local area connection|^en|^eth")  # en: enp3s0, macOS en1
MAC = re.compile(r"[0-9a-f]{2}([-:][0-9a-f]{2}){5}")


@dataclass(frozen=True)
class Interface:
    """One network interface as the system reports it: ``addresses`` are its IPv4 addresses
    with their netmasks; ``point_to_point`` marks a tunnel's link; ``mac`` is lower case with
    colons ("" when none)."""

    name: str
    up: bool
    addresses: tuple[tuple[str, str | None], ...] = ()
    point_to_point: bool = False
    mac: str = ""


@dataclass(frozen=True)
class Candidate:
    """One IPv4 address of this machine phones might reach; ``kind`` is "hotspot", "wifi",
    "ethernet" or "" (not known)."""

    address: str
    interface: str = ""
    default_route: bool = False
    kind: str = ""

    @property
    def rank(self) -> tuple:
        """Sort key: the kind, then the system's default route, private ranges, name order."""
        ip = ipaddress.IPv4Address(self.address)
        private = ip.is_private and not ip.is_link_local
        return (
            KIND_ORDER.get(self.kind, 3),
            not self.default_route,
            not private,
            _natural(self.interface),
            self.address,
        )


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


def _natural(name: str) -> tuple:
    """Names in natural order: Wi-Fi, Wi-Fi 2, Wi-Fi 10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower()))


def virtual(name: str, mac: str = "") -> bool:
    """True for an interface phones can never reach: VPN, VM, container, tunnel, loopback."""
    lowered = name.lower()
    if " " not in lowered and VIRTUAL_NAME.match(lowered):
        return True
    if mac and mac.startswith(VIRTUAL_MACS):
        return True
    return any(word in lowered for word in VIRTUAL_WORDS)


def usable(address: str, interface: str = "") -> bool:
    """True for an IPv4 address a phone on the local network could reach."""
    try:
        ip = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    if ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast:
        return False
    return not virtual(interface)


def kind_of(name: str, address: str, platform: str) -> str | None:
    """The kind of network ``address`` on ``name`` is (see ``Candidate.kind``); None when it
    is one phones cannot be on (a virtual machine's network behind a macOS bridge)."""
    lowered = name.lower()
    if platform == "darwin" and re.fullmatch(r"bridge1\d\d", lowered):
        return None if ipaddress.IPv4Address(address) in MAC_VM_NETWORK else "hotspot"
    if address == WINDOWS_HOTSPOT or re.search(r"\* \d+$", lowered):  # Wi-Fi Direct adapter
        return "hotspot"
    if address == LINUX_HOTSPOT and platform.startswith("linux"):
        return "hotspot"
    if platform == "darwin" and lowered == "en0":  # a MacBook's Wi-Fi (cannot be told by name)
        return "wifi"
    if WIFI_NAME.search(lowered):
        return "wifi"
    if ETHERNET_NAME.search(lowered):
        return "ethernet"
    return ""


def rank(
    interfaces: Iterable[Interface], *, platform: str = sys.platform, default: str | None = None
) -> list[Candidate]:
    """The addresses phones might reach, best first: the laptop's own hotspot, Wi-Fi, wired
    Ethernet, then the rest; interfaces that are down, virtual or tunnels are left out, and so
    are loopback, link-local and /32 addresses. ``default`` is the default route's address."""
    found: dict[str, Candidate] = {}
    for interface in interfaces:
        if not interface.up or interface.point_to_point or virtual(interface.name, interface.mac):
            continue
        for address, netmask in interface.addresses:
            if netmask == NO_NEIGHBOURS or not usable(address):
                continue
            kind = kind_of(interface.name, address, platform)
            if kind is not None:
                cand = Candidate(address, interface.name, address == default, kind)
                found.setdefault(address, cand)
    return sorted(found.values(), key=lambda c: c.rank)


def interfaces_from(addrs: Mapping, stats: Mapping) -> list[Interface]:
    """Interfaces from psutil's ``net_if_addrs()`` and ``net_if_stats()`` tables. Up means up
    and, where the system reports it, running (macOS keeps a Wi-Fi that is off "up")."""
    found = []
    for name, entries in addrs.items():
        stat = stats.get(name)
        flags = set(filter(None, (getattr(stat, "flags", "") or "").split(",")))
        up = bool(stat and stat.isup) and (not flags or "running" in flags)
        ipv4 = tuple((e.address, e.netmask) for e in entries if e.family == socket.AF_INET)
        ptp = "pointopoint" in flags or any(getattr(e, "ptp", None) for e in entries)
        macs = [e.address.lower().replace("-", ":") for e in entries if _is_mac(e)]
        found.append(Interface(name, up, ipv4, ptp, macs[0] if macs else ""))
    return found


def _is_mac(entry) -> bool:
    if entry.family in (socket.AF_INET, socket.AF_INET6):
        return False
    return bool(MAC.fullmatch(str(entry.address or "").lower()))


def read_interfaces() -> list[Interface]:
    """This machine's interfaces, as the system reports them now."""
    import psutil

    return interfaces_from(psutil.net_if_addrs(), psutil.net_if_stats())


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


def candidates(
    read: Callable[[], Iterable[Interface]] = read_interfaces, platform: str = sys.platform
) -> list[Candidate]:
    """This machine's addresses phones might reach, best first (see ``rank``). When the
    interfaces cannot be read, the default route's address stands alone."""
    default = default_route_address()
    try:
        interfaces = list(read())
    except Exception:  # an unusual system: say so in the log, go on with what is known
        log.warning("could not read the network interfaces", exc_info=True)
        return [Candidate(default, default_route=True)] if default else []
    return rank(interfaces, platform=platform, default=default)


def best_address() -> str | None:
    """The address to put in the QR code, or None when the laptop is on no network."""
    found = candidates()
    return found[0].address if found else None
