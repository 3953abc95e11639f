"""Record this machine's network interfaces as psutil reports them, in the JSON form the tests
feed to the address ranking (tests/data/interfaces/*.json), and print what Facilitator would
advertise. Run it on a Windows or macOS laptop to add a table from a real machine:

    python scripts/record_interfaces.py "Windows 11 laptop, Wi-Fi and Mobile hotspot" > table.json

Addresses are the machine's own; edit out anything you would rather not commit.
"""

from __future__ import annotations

import json
import socket
import sys

import psutil

from facilitator.web import network

FAMILIES = {socket.AF_INET: "AF_INET", socket.AF_INET6: "AF_INET6", psutil.AF_LINK: "AF_LINK"}


def record(about: str) -> dict:
    """This machine's ``net_if_addrs()`` and ``net_if_stats()``, with what ranks first."""
    addrs = psutil.net_if_addrs()
    stats = psutil.net_if_stats()
    return {
        "about": about,
        "platform": sys.platform,
        "default_route": network.default_route_address(),
        "net_if_addrs": {
            name: [
                [FAMILIES.get(e.family, str(int(e.family))), e.address, e.netmask, e.ptp]
                for e in entries
            ]
            for name, entries in addrs.items()
        },
        "net_if_stats": {
            name: {"isup": s.isup, "speed": s.speed, "mtu": s.mtu, "flags": s.flags}
            for name, s in stats.items()
        },
        "advertised": [c.address for c in network.candidates()],
    }


def dumps(table: dict) -> str:
    """JSON with one line per address and per interface's state, for a readable diff."""
    lines = ["{"]
    for key in ("about", "platform", "default_route"):
        lines.append(f'  "{key}": {json.dumps(table[key])},')
    for key in ("net_if_addrs", "net_if_stats"):
        lines.append(f'  "{key}": {{')
        items = list(table[key].items())
        for i, (name, value) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            if key == "net_if_addrs":
                rows = ",\n".join(f"      {json.dumps(entry)}" for entry in value)
                lines.append(f"    {json.dumps(name)}: [\n{rows}\n    ]{comma}")
            else:
                lines.append(f"    {json.dumps(name)}: {json.dumps(value)}{comma}")
        lines.append("  },")
    lines.append(f'  "advertised": {json.dumps(table["advertised"])}')
    lines.append("}")
    return "\n".join(lines)


def main() -> int:
    about = sys.argv[1] if len(sys.argv) > 1 else f"recorded on {socket.gethostname()}"
    print(dumps(record(about)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
