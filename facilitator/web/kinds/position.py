"""Position steps on the phone: the picture to tap, and the phone's own dot."""

from __future__ import annotations

from . import media_url

KIND = "position"


def phone_step(step, state) -> dict:
    return {"image": media_url(step, "image")}


def phone_state(ctx, step, participant_id: int) -> dict:
    mine = [
        p
        for p in ctx.model.responses.placements(ctx.run_id, step.id)
        if p.participant_id == participant_id
    ]
    return {"placement": {"x": mine[0].x, "y": mine[0].y} if mine else None}
