"""Feedback steps on the phone: the form's questions and the phone's own answers so far."""

from __future__ import annotations

KIND = "feedback"


def phone_step(step, state) -> dict:
    questions = step.settings.get("questions") or []
    return {"questions": [{"id": q["id"], "text": q["text"], "type": q["type"]} for q in questions]}


def phone_state(ctx, step, participant_id: int) -> dict:
    for answer in ctx.model.responses.feedback(ctx.run_id, step.id):
        if answer.participant_id == participant_id:
            return {"answers": answer.answers}
    return {"answers": {}}
