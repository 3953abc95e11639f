"""Note colours: light tints that stay apart for colour-blind eyes and in greyscale print.

Based on the Okabe-Ito palette, lightened so black text stays readable on every one.
"""

from __future__ import annotations

# name -> (fill, edge) as #rrggbb
NOTE_COLORS: dict[str, tuple[str, str]] = {
    "yellow": ("#FFF3A3", "#C9A800"),
    "blue": ("#BFDDF5", "#0072B2"),
    "orange": ("#FCD9A8", "#E69F00"),
    "green": ("#BDE8D8", "#009E73"),
    "pink": ("#F3C9DD", "#CC79A7"),
    "grey": ("#E2E2E2", "#7A7A7A"),
}
DEFAULT_COLOR = "yellow"


def normalise_color(name: str | None) -> str:
    """A known colour name; unknown or missing names fall back to the default."""
    if name and name.lower() in NOTE_COLORS:
        return name.lower()
    return DEFAULT_COLOR
