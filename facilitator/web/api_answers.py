"""Answers to the steps that take one answer per person, every kind through the same two routes:
``PUT /api/steps/{id}/response`` (the step's kind checks the answer) and ``GET
/api/steps/{id}/results`` (its tally, while the facilitator shows it). The older routes for a dot
(``/placement``) and a feedback form (``/feedback``) are aliases of the first."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import Field, StrictInt, StrictStr

from facilitator.model import kinds as model_kinds
from facilitator.model.errors import ModelError
from facilitator.model.responses import AnswerRequest, results_shown

from . import kinds
from .api_phone import WRITE, Body, Id, context, limit, me
from .app import ApiError, Context, errors

router = APIRouter(prefix="/api", tags=["answers"])

HIDDEN = "The results are not shown yet: they appear when the facilitator shows them."


class ResponseBody(Body):
    answer: dict[str, Any] = Field(
        ...,
        description="checked by the step's kind: poll {choices: [int]}, wordcloud {words: [str]},"
        " scale {ratings: {index: int}}, ranking {order: [int]}, position {x, y},"
        " feedback {answers: {question id: int | str}}",
    )


class PlacementBody(Body):
    x: float = Field(..., ge=0, le=1)
    y: float = Field(..., ge=0, le=1)


class FeedbackBody(Body):
    answers: dict[str, StrictInt | StrictStr | None] = Field(..., max_length=50)


async def store(ctx: Context, step_id: int, pid: int, answer: object):
    """One answer through the group-committing writer; the model's sentence on refusal."""
    limit(ctx.action_limiter, pid, "answer", code="slow_down_answer")
    result = await ctx.answer_writer.add(AnswerRequest(ctx.run_id, step_id, pid, answer))
    if isinstance(result, ModelError):
        raise result
    return result


@router.put("/steps/{step_id}/response", responses=errors(*WRITE, 404, 413))
async def respond(step_id: Id, body: ResponseBody, request: Request, pid: int = Depends(me)):
    """Send (or change) my answer to the current step. 409 when the step is closed or is not
    the one on the screen; 422 when the answer does not fit the step."""
    stored = await store(context(request), step_id, pid, body.answer)
    return {"answer": stored.answer}


@router.put("/steps/{step_id}/placement", responses=errors(*WRITE, 404, 413))
async def place(step_id: Id, body: PlacementBody, request: Request, pid: int = Depends(me)):
    """My dot on a position step's picture (the same as a ``response`` of ``{x, y}``)."""
    stored = await store(context(request), step_id, pid, {"x": body.x, "y": body.y})
    return {"placement": stored.answer}


@router.put("/steps/{step_id}/feedback", responses=errors(*WRITE, 404, 413))
async def feedback(step_id: Id, body: FeedbackBody, request: Request, pid: int = Depends(me)):
    """My feedback form (the same as a ``response`` of ``{answers}``)."""
    stored = await store(context(request), step_id, pid, {"answers": body.answers})
    return {"answers": stored.answer["answers"]}


@router.get("/steps/{step_id}/results", responses=errors(403, 404, 422))
async def results(step_id: Id, request: Request, pid: int = Depends(me)):
    """The step's live results while the facilitator shows them to the room; 403 while they are
    kept to the console."""
    ctx = context(request)
    step = ctx.live.steps.get(step_id)
    if step is None:
        raise ApiError(404, "That step is not part of this run.", code="step_not_in_run")
    if step.kind not in model_kinds.names() or model_kinds.get(step.kind).tally is None:
        raise ApiError(404, "This step has no results to show.", code="no_results")
    state = ctx.live.state_of(step_id)
    if not results_shown(step, state):
        raise ApiError(403, HIDDEN, code="results_hidden")
    tally = await run_in_threadpool(ctx.live.results_now, step)
    return {"step_id": step_id, "results": kinds.phone_results(step, state, tally)}
