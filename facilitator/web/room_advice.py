"""Plain sentences for the facilitator about the room's network: whether phones reach the
laptop, and when none has for a minute, what usually blocks them on this system (Windows
Defender Firewall, a Public network profile, macOS Local Network permission, guest Wi-Fi),
with the exact names of the settings to check."""

from __future__ import annotations

import sys

BLOCKER_SECONDS = 60  # no phone for this long after the join slide: say what usually blocks them

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
ADVICE_NOBODY = (
    "No phone has reached this laptop for a minute. Try the address on your own phone; "
    "if it does not open, it is usually one of these:"
)

WINDOWS = (
    'Windows Defender Firewall: when Windows asked about {program}, "Allow access" had to be '
    'chosen with "Private networks" ticked. Check in Windows Security > Firewall & network '
    'protection > Allow an app through firewall: tick "Private" for {program} (on a managed '
    "laptop, ask IT to allow it).",
    "A network whose profile is Public: Windows keeps phones out. In Settings > Network & "
    'internet > Wi-Fi > (this network) set "Network profile type" to "Private network".',
    'Guest Wi-Fi that isolates devices ("client isolation"): nothing on the laptop changes it. '
    "Use the laptop's own hotspot (Settings > Network & internet > Mobile hotspot) or a travel "
    "router.",
)
MACOS = (
    "Local Network permission: in System Settings > Privacy & Security > Local Network, turn "
    "{program} on (if it was refused when macOS asked, phones cannot connect).",
    'The macOS firewall: in System Settings > Network > Firewall > Options, turn "Block all '
    'incoming connections" off and set {program} to "Allow incoming connections".',
    'Guest Wi-Fi that isolates devices ("client isolation"): nothing on the laptop changes it. '
    "Share the Mac's connection (System Settings > General > Sharing > Internet Sharing) or use "
    "a travel router.",
)
LINUX = (
    "A firewall on this computer: with ufw, `sudo ufw allow {port}/tcp`; with firewalld, "
    "`sudo firewall-cmd --add-port={port}/tcp` (the port Facilitator uses now).",
    'Guest Wi-Fi that isolates devices ("client isolation"): switch to a hotspot or a travel '
    "router.",
)
OTHER = (
    "A firewall on this computer that keeps out connections to port {port}.",
    'Guest Wi-Fi that isolates devices ("client isolation"): switch to a hotspot or a travel '
    "router.",
)


def program_name() -> str:
    """What the firewall and privacy settings call this program: the installed app, or the
    Python that runs a checkout."""
    return "Facilitator" if getattr(sys, "frozen", False) else "Python"


def blockers(platform: str, *, port: int = 8765, program: str | None = None) -> tuple[str, ...]:
    """What usually keeps phones from reaching the laptop on ``platform`` (``sys.platform``)."""
    if platform == "win32":
        texts = WINDOWS
    elif platform == "darwin":
        texts = MACOS
    elif platform.startswith("linux"):
        texts = LINUX
    else:
        texts = OTHER
    name = program or program_name()
    return tuple(text.format(program=name, port=port) for text in texts)


def advice(
    *,
    offline: bool,
    phones_seen: int,
    waited: float = 0.0,
    platform: str = sys.platform,
    port: int = 8765,
    program: str | None = None,
) -> tuple[str, ...]:
    """Plain sentences for the facilitator about the room's network; ``waited`` is how many
    seconds the join address has been up with no phone reaching it."""
    if offline:
        return (ADVICE_OFFLINE, ADVICE_ROOM)
    if phones_seen:
        return (ADVICE_REACHED, ADVICE_ROOM)
    if waited >= BLOCKER_SECONDS:
        return (ADVICE_NOBODY, *blockers(platform, port=port, program=program))
    return (ADVICE_WAITING, ADVICE_ROOM, ADVICE_GUEST)


def address_changed(address: str) -> str:
    """The console's sentence when the laptop's address moved (sleep, another Wi-Fi)."""
    return (
        f"The laptop's address changed to {address}: the join slide and QR code now show it. "
        "Phones that had joined must scan it again."
    )
