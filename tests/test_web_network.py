"""The address phones use: the ranking of a laptop's interfaces, fed recorded interface tables of
Windows, macOS and Linux laptops as data (only the psutil call is replaced), and the advice on
what keeps phones out on each system."""

from __future__ import annotations

import json
import socket
from collections import namedtuple
from pathlib import Path

import psutil
import pytest

from facilitator.web import network, room_advice

TABLES = Path(__file__).parent / "data" / "interfaces"
FAMILIES = {"AF_INET": socket.AF_INET, "AF_INET6": socket.AF_INET6, "AF_LINK": psutil.AF_LINK}
# the shapes of psutil's net_if_addrs() and net_if_stats() entries
Addr = namedtuple("Addr", "family address netmask broadcast ptp")
Stats = namedtuple("Stats", "isup duplex speed mtu flags")


def load(name: str) -> dict:
    return json.loads((TABLES / name).read_text(encoding="utf-8"))


def psutil_tables(table: dict) -> tuple[dict, dict]:
    """The recorded table as psutil returns it: (net_if_addrs(), net_if_stats())."""
    addrs = {
        name: [
            Addr(FAMILIES[family], address, mask, None, ptp) for family, address, mask, ptp in rows
        ]
        for name, rows in table["net_if_addrs"].items()
    }
    stats = {
        name: Stats(s["isup"], 0, s["speed"], s["mtu"], s["flags"])
        for name, s in table["net_if_stats"].items()
    }
    return addrs, stats


def ranked(table: dict, change=None) -> list[network.Candidate]:
    """Rank a recorded table as ``candidates`` ranks this machine's; ``change`` edits it first."""
    if change:
        change(table)
    interfaces = network.interfaces_from(*psutil_tables(table))
    return network.rank(interfaces, platform=table["platform"], default=table["default_route"])


@pytest.mark.parametrize("name", sorted(p.name for p in TABLES.glob("*.json")))
def test_every_recorded_table_advertises_what_it_says(name):
    table = load(name)
    assert [c.address for c in ranked(table)] == table["advertised"]


def test_a_windows_laptop_offers_its_mobile_hotspot_then_its_wifi():
    # GIVEN a Windows laptop with a VPN on the default route, Hyper-V, WSL, VirtualBox, Tailscale
    found = ranked(load("windows-laptop.json"))
    # THEN the hotspot comes first, the Wi-Fi second, and nothing virtual is offered
    assert [(c.interface, c.kind) for c in found] == [
        ("Local Area Connection* 10", "hotspot"),
        ("Wi-Fi", "wifi"),
    ]


def test_a_windows_laptop_without_its_hotspot_uses_wifi_before_the_dock_cable():
    def hotspot_off_cable_in(table):
        table["net_if_stats"]["Local Area Connection* 10"]["isup"] = False
        table["net_if_stats"]["Ethernet"]["isup"] = True
        table["net_if_addrs"]["Ethernet"][1] = ["AF_INET", "10.0.5.20", "255.255.255.0", None]

    found = ranked(load("windows-laptop.json"), hotspot_off_cable_in)
    assert [(c.address, c.kind) for c in found] == [
        ("192.168.1.23", "wifi"),
        ("10.0.5.20", "ethernet"),
    ]


def test_the_hotspot_is_known_by_its_address_in_every_language_of_windows():
    def german(table):
        addrs, stats = table["net_if_addrs"], table["net_if_stats"]
        addrs["LAN-Verbindung* 10"] = addrs.pop("Local Area Connection* 10")
        stats["LAN-Verbindung* 10"] = stats.pop("Local Area Connection* 10")
        addrs["WLAN"] = addrs.pop("Wi-Fi")
        stats["WLAN"] = stats.pop("Wi-Fi")

    found = ranked(load("windows-laptop.json"), german)
    assert [(c.interface, c.kind) for c in found] == [
        ("LAN-Verbindung* 10", "hotspot"),
        ("WLAN", "wifi"),
    ]


def test_a_mac_offers_internet_sharing_then_wifi_never_a_tunnel_or_a_vm():
    found = ranked(load("macos-laptop.json"))
    assert [(c.interface, c.kind) for c in found] == [("bridge100", "hotspot"), ("en0", "wifi")]
    # the VPN holds the default route, yet a tunnel is never offered to phones
    assert all(not c.interface.startswith("utun") for c in found)


def test_a_mac_whose_wifi_is_switched_off_offers_no_wifi():
    def wifi_off(table):  # macOS keeps the interface "up"; only "running" goes
        table["net_if_stats"]["en0"]["flags"] = "up,broadcast,simplex,multicast"
        table["net_if_stats"]["bridge100"]["isup"] = False

    assert ranked(load("macos-laptop.json"), wifi_off) == []


def test_a_linux_laptop_skips_docker_vpn_and_a_cable_with_no_carrier():
    found = ranked(load("linux-laptop.json"))
    assert [(c.interface, c.kind) for c in found] == [("wlp2s0", "wifi")]


def test_a_linux_hotspot_comes_before_the_wired_network():
    def hotspot(table):  # NetworkManager's "Hotspot": the Wi-Fi card becomes 10.42.0.1
        table["net_if_addrs"]["wlp2s0"][0] = ["AF_INET", "10.42.0.1", "255.255.255.0", None]
        table["net_if_addrs"]["enp0s31f6"].append(
            ["AF_INET", "192.168.0.20", "255.255.255.0", None]
        )
        table["net_if_stats"]["enp0s31f6"]["flags"] = "up,broadcast,running,multicast"

    found = ranked(load("linux-laptop.json"), hotspot)
    assert [(c.address, c.kind) for c in found] == [
        ("10.42.0.1", "hotspot"),
        ("192.168.0.20", "ethernet"),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "NHS Always On VPN",
        "Cisco AnyConnect Secure Mobility Client Connection",
        "GlobalProtect",
        "Tailscale",
        "ZeroTier One [8056c2e21c000001]",
        "vEthernet (WSL)",
        "vEthernet (Default Switch)",
        "VirtualBox Host-Only Network",
        "VMware Network Adapter VMnet8",
        "vboxnet0",
        "vmnet1",
        "docker0",
        "br-3f2a1b9c0d4e",
        "tun0",
        "utun3",
        "ppp0",
        "wg0",
        "awdl0",
        "llw0",
        "lo0",
    ],
)
def test_virtual_adapters_are_never_offered(name):
    assert network.virtual(name)
    assert not network.usable("192.168.5.9", name)


@pytest.mark.parametrize(
    "name", ["Wi-Fi", "Wi-Fi 2", "Ethernet", "Local Area Connection* 10", "en0", "wlp2s0", "eth0"]
)
def test_real_adapters_are_offered(name):
    assert not network.virtual(name) and network.usable("192.168.5.9", name)


def test_a_vpn_with_a_plain_name_is_known_by_its_adapter_address():
    assert network.virtual("Ethernet 3", "00:05:9a:3c:7a:00")  # Cisco AnyConnect
    assert network.virtual("Ethernet 7", "02:50:41:00:00:01")  # GlobalProtect
    assert not network.virtual("Ethernet 3", "8c:8c:aa:1e:42:d0")


def test_addresses_no_phone_can_reach_are_left_out():
    for address in ("127.0.0.1", "169.254.3.4", "0.0.0.0", "224.0.0.1", "not an address"):
        assert not network.usable(address, "Wi-Fi"), address
    tunnel = network.Interface("Wi-Fi", True, (("10.1.2.3", "255.255.255.255"),))
    assert network.rank([tunnel], platform="win32") == []


def test_this_machine_is_read_through_psutil():
    interfaces = network.read_interfaces()
    assert any(address == "127.0.0.1" for i in interfaces for address, _ in i.addresses)
    found = network.candidates()
    assert all(network.usable(c.address, c.interface) for c in found)
    assert [c.rank for c in found] == sorted(c.rank for c in found)
    assert network.best_address() == (found[0].address if found else None)


def test_interfaces_that_cannot_be_read_leave_the_default_route(caplog):
    def broken():
        raise OSError("no interfaces here")

    found = network.candidates(read=broken, platform="linux")
    default = network.default_route_address()
    assert [c.address for c in found] == ([default] if default else [])
    assert "could not read the network interfaces" in caplog.text


# -- what keeps phones out, said plainly ------------------------------------------------------


def test_advice_speaks_plainly():
    offline = " ".join(network.advice(offline=True, phones_seen=0))
    assert "not on any network" in offline and "type notes in yourself" in offline
    waiting = " ".join(network.advice(offline=False, phones_seen=0, waited=59))
    assert "about 8 phones" in waiting and "about 50" in waiting and "Guest Wi-Fi" in waiting
    assert "Firewall" not in waiting
    reached = network.advice(offline=False, phones_seen=3, waited=600)
    assert reached[0] == network.ADVICE_REACHED


def test_after_a_minute_without_phones_windows_names_its_firewall_and_profile():
    text = " ".join(
        network.advice(
            offline=False, phones_seen=0, waited=61, platform="win32", program="Facilitator"
        )
    )
    assert text.startswith(room_advice.ADVICE_NOBODY)
    for setting in (
        "Windows Defender Firewall",
        '"Allow access"',
        '"Private networks"',
        "Windows Security > Firewall & network protection > Allow an app through firewall",
        'tick "Private" for Facilitator',
        "Settings > Network & internet > Wi-Fi",
        '"Network profile type" to "Private network"',
        "client isolation",
        "Mobile hotspot",
    ):
        assert setting in text, setting


def test_after_a_minute_without_phones_a_mac_names_local_network_and_its_firewall():
    text = " ".join(network.advice(offline=False, phones_seen=0, waited=90, platform="darwin"))
    for setting in (
        "System Settings > Privacy & Security > Local Network",
        "System Settings > Network > Firewall > Options",
        '"Block all incoming connections" off',
        '"Allow incoming connections"',
        "client isolation",
        "Internet Sharing",
    ):
        assert setting in text, setting
    assert "Python" in text  # a checkout: the settings list the Python that runs it


def test_after_a_minute_without_phones_linux_names_ufw_and_firewalld_with_the_port():
    text = " ".join(
        network.advice(offline=False, phones_seen=0, waited=60, platform="linux", port=8767)
    )
    assert "sudo ufw allow 8767/tcp" in text and "sudo firewall-cmd --add-port=8767/tcp" in text
    assert "Windows" not in text and "System Settings" not in text


def test_the_address_change_is_said_in_one_sentence():
    assert network.address_changed("192.168.137.1").startswith(
        "The laptop's address changed to 192.168.137.1: the join slide and QR code now show it"
    )
