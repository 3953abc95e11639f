"""Video: the local film plays on the projector between its marks, then its question shows.
The player is shared (one per run) so the console's small stage mirrors the projector. Without
QtMultimedia, or when the film cannot be decoded, a clear message replaces it."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedLayout, QVBoxLayout, QWidget

from facilitator.ui.video import VideoControls, VideoSurface

from .base import MUTED, StageLabel, StageView, title_and_prompt

KIND = "video"
USES_PLAYER = True  # the console's shared player plays this step's film


class VideoStage(StageView):
    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        self.surface = VideoSurface(step, live.player if self.is_live else None)
        prompt_page = QWidget()
        title, prompt = title_and_prompt(step, 64, 52)
        caption = StageLabel(step.settings.get("caption") or "", 30, color=MUTED)
        column = QVBoxLayout(prompt_page)
        column.setContentsMargins(90, 60, 90, 60)
        column.addWidget(title)
        column.addStretch(1)
        column.addWidget(prompt)
        column.addStretch(1)
        column.addWidget(caption)
        self.pages = QStackedLayout(self)
        self.pages.addWidget(self.surface)
        self.pages.addWidget(prompt_page)
        self.surface.finished.connect(self.options_changed)
        self.options_changed()

    def options_changed(self) -> None:
        if not self.is_live:
            show_prompt = self.surface.still.isNull()  # a preview: the film's first frame
        else:
            show_prompt = self.live.options.show_prompt or self.surface.done
        self.pages.setCurrentIndex(1 if show_prompt else 0)

    def set_still(self, image) -> None:
        """A preview shows the film's first frame (the question stays while there is none)."""
        if not self.is_live and image is not None and not image.isNull():
            self.surface.still = image
            self.options_changed()
            self.surface.update()

    def detach(self) -> None:
        super().detach()
        self.surface.detach()


STAGE = VideoStage
CONTROLS = VideoControls
