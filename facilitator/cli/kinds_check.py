"""The check, at start, that every step kind has all its parts: a kind registered in the model
(facilitator/model/kinds) without its web module, its part of the phone page, its export module
or (for the app) its projector view and settings editor is refused with a sentence, never shown
as an info slide."""

from __future__ import annotations

from .common import UserError


def kind_problems(*, with_ui: bool) -> list[str]:
    """A sentence for each missing part; ``with_ui``: the desktop's parts too."""
    from facilitator.export import kinds as export_kinds
    from facilitator.web import kinds as web_kinds

    problems = web_kinds.missing() + export_kinds.missing()
    if with_ui:
        from facilitator.ui import editor_kinds
        from facilitator.ui import kinds as ui_kinds

        problems += ui_kinds.missing() + editor_kinds.missing()
    return problems


def check_kinds(*, with_ui: bool) -> None:
    """UserError naming every missing part, if any."""
    problems = kind_problems(with_ui=with_ui)
    if problems:
        listed = "; ".join(problems)
        raise UserError(f"this copy of Facilitator is incomplete: {listed}. Reinstall it.")
