"""Facilitator: run a workshop on the projector while the room adds post-its from their phones."""

__version__ = "0.1.0"
