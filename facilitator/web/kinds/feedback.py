"""Feedback steps on the phone: the form's questions (the phone's own answers come as its
``answer``, as for every kind that takes answers). Phones never see other people's comments."""

from __future__ import annotations

KIND = "feedback"


def phone_step(step, state) -> dict:
    questions = step.settings.get("questions") or []
    return {"questions": [{"id": q["id"], "text": q["text"], "type": q["type"]} for q in questions]}


def phone_results(step, state, results: dict) -> dict:
    questions = [
        {k: v for k, v in q.items() if k != "comments"} for q in results.get("questions", [])
    ]
    return {**results, "questions": questions}
