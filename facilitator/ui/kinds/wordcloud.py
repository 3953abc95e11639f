"""Word cloud: on the projector, the cloud of the words the room gave (laid out by
facilitator/model/cloud.py, the same layout the PDF prints), or only how many have answered
while the results are kept back; on the console, every word with its count and Hide word (X)
/ Show word, for a word that should not go up (offensive, or a name)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.assets import asset_path
from facilitator.model import cloud
from facilitator.model.kinds import wordcloud

from .answers import AnswersControls, AnswersStage, people_have
from .base import MUTED, StageLabel, title_and_prompt

KIND = "wordcloud"
KEY_ROLE = Qt.ItemDataRole.UserRole
FONT_FILES = ("DejaVuSans-Bold.ttf", "NotoEmoji-Medium.ttf")


@lru_cache(maxsize=1)
def families() -> list[str]:
    """The bundled faces the cloud is drawn in (the PDF's, so that both measure words alike),
    loaded into Qt once: DejaVu Sans (bold) and the emoji face; empty if they cannot be."""
    found = []
    for name in FONT_FILES:
        loaded = QFontDatabase.addApplicationFont(str(asset_path("fonts", name)))
        found += QFontDatabase.applicationFontFamilies(loaded)[:1] if loaded >= 0 else []
    return list(dict.fromkeys(found))


@lru_cache(maxsize=64)
def word_font(px: int) -> QFont:
    """The cloud's face at ``px`` pixels, bold, with emoji from the bundled emoji face."""
    font = QFont()
    if families():
        font.setFamilies(families())
    font.setPixelSize(px)
    font.setBold(True)
    return font


def measure(text: str, px: int) -> tuple[float, float]:
    """The width and height of ``text``'s box in the cloud's font at ``px`` pixels."""
    return QFontMetricsF(word_font(px)).horizontalAdvance(text), px * cloud.LINE_HEIGHT


class CloudCanvas(QWidget):
    """The cloud, laid out at 1080-line sizes for this area's shape and painted scaled to the
    stage: laid out again only when the words or the shape change."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.unit = 0.5
        self.words: tuple = ()
        self._cloud: cloud.Cloud | None = None
        self._made_for: tuple | None = None

    def resized(self) -> None:
        """Called when the canvas changes size (the stage follows to update its footer)."""

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized()

    def set_words(self, words: list[dict]) -> None:
        words = tuple((w["key"], w["text"], w["count"]) for w in words)
        if words != self.words:
            self.words = words
            self.update()

    def cloud(self) -> cloud.Cloud:
        """The layout for the current words and shape (kept until either changes)."""
        unit = max(self.unit, 0.01)
        shape = (round(self.width() / unit), round(self.height() / unit))
        if self._cloud is None or self._made_for != (self.words, shape):
            words = [{"key": k, "text": t, "count": c} for k, t, c in self.words]
            self._cloud = cloud.layout(
                words, *shape, measure, min_size=cloud.MIN_SIZE, max_size=cloud.MAX_SIZE
            )
            self._made_for = (self.words, shape)
        return self._cloud

    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.words:
            return
        laid = self.cloud()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.scale(self.unit, self.unit)
        for word in laid.words:
            p.setFont(word_font(word.size))
            p.setPen(QColor(word.colour))
            box = QRectF(word.x, word.y, word.w, word.h)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, word.text)
        p.end()


class WordCloudStage(AnswersStage):
    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 64, 40)
        self.people = ""
        self.canvas = CloudCanvas(self)
        self.canvas.resized = self.show_footer
        self.count = StageLabel("", 96, bold=True)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.footer = StageLabel("", 30, color=MUTED)
        self.footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 30)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.count, 1)
        layout.addWidget(self.footer)
        self.refresh()

    def show_results(self, results: dict, shown: bool) -> None:
        n = results.get("answered", 0)
        self.people = people_have(n)
        self.canvas.set_words(results.get("words", []) if shown else [])
        self.canvas.setVisible(shown)
        self.count.setVisible(not shown)
        self.count.setText(self.people)
        self.show_footer()

    def show_footer(self) -> None:
        """Under the cloud: how many answered, and how many words found no room in it (that
        depends on the cloud's size, so it follows the canvas)."""
        if self.canvas.isHidden():
            self.footer.setText("")
        elif not self.canvas.words:
            self.footer.setText(f"{self.people}. No words yet.")
        else:
            left_out = self.canvas.cloud().left_out
            more = f" · {left_out} more word{'s' if left_out != 1 else ''} in the summary"
            self.footer.setText(self.people + (more if left_out else ""))

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.canvas.unit = unit
        self.canvas.update()


class WordCloudControls(AnswersControls):
    """Every word given (hidden ones too) with its count; hide the selected one from the room."""

    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.bar.setFormat("%v of %m have given their words")
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName("Words given, most given first")
        self.list.currentItemChanged.connect(lambda *_: self._update_button())
        self.hide_button = QPushButton("Hide word (X)", self)
        self.hide_button.setToolTip("Take the selected word off the projector, phones and summary")
        self.hide_button.clicked.connect(self.toggle_word)
        row = QHBoxLayout()
        row.addWidget(self.hide_button)
        row.addStretch(1)
        self.extra.addWidget(self.list, 1)
        self.extra.addLayout(row)
        self.hidden: set[str] = set()
        self.refresh()

    def refresh_more(self, results: dict, state) -> None:
        self.hidden = wordcloud.hidden_keys(state.data)
        every = self.live.model.responses.tally(self.step, self.run.id, {})["words"]
        current = self.selected_key()
        self.list.clear()
        for word in every:
            hidden = word["key"] in self.hidden
            text = f"{word['count']}  ×  {word['text']}" + ("   (hidden)" if hidden else "")
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, word["key"])
            if hidden:
                item.setForeground(QColor(MUTED))
            self.list.addItem(item)
            if word["key"] == current:
                self.list.setCurrentItem(item)
        self._update_button()

    def selected_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def _update_button(self) -> None:
        key = self.selected_key()
        self.hide_button.setEnabled(key is not None)
        self.hide_button.setText("Show word (X)" if key in self.hidden else "Hide word (X)")

    def toggle_word(self) -> None:
        """Hide the selected word, or show it again (in one transaction: the remote or a
        second press may change the hidden words at the same moment)."""
        key = self.selected_key()
        if key is not None:
            change = wordcloud.toggle_hidden(key)
            self.live.model.runs.update_step_data(self.run.id, self.step.id, change)

    def key_action(self, key: int) -> bool:
        if key == Qt.Key.Key_X:
            self.toggle_word()
            return True
        return super().key_action(key)


STAGE = WordCloudStage
CONTROLS = WordCloudControls
