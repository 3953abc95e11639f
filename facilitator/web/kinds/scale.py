"""Scale steps on the phone: the statements, the scale's two ends and their labels (the phone's
own ratings come as its ``answer``, as for every kind that takes answers). The results phones
see are the tally as it is: counts and means, never who gave what."""

from __future__ import annotations

from facilitator.model import kinds

KIND = "scale"


def phone_step(step, state) -> dict:
    settings = kinds.get(KIND).settings_of(step.settings)
    return {
        "statements": list(settings.statements),
        "scale": list(settings.scale),
        "labels": list(settings.labels),
    }
