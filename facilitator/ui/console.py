"""The run console: the facilitator's laptop view of a live run. The agenda (click to jump), the
current stage small beside the next step's preview, the current step's own controls, the clocks,
the attendee count, the join panel and the incoming notes; the presenter window on the
projector. Everything changes through the model's services and comes back through the bridge."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import events
from facilitator.model import kinds as model_kinds
from facilitator.model.errors import ModelError
from facilitator.model.records import RunInfo, StepInfo
from facilitator.ui import kinds
from facilitator.ui.board import BoardStore
from facilitator.ui.console_day import ConsoleDay, confirm
from facilitator.ui.console_keys import KeyRouter, focus_by_tab_only, widen_redo
from facilitator.ui.console_notes import IncomingNotes
from facilitator.ui.console_side import SidePanel, plain
from facilitator.ui.kinds.base import StageLive
from facilitator.ui.presenter import PresenterWindow
from facilitator.ui.screens import ScreenModel
from facilitator.ui.stage import Stage
from facilitator.ui.stage_mirror import StageMirror
from facilitator.ui.video import VideoPlayer
from facilitator.ui.video_still import FirstFrames, still_key
from facilitator.web.room_advice import ADVICE_NOBODY, address_changed


def kind_label(kind: str) -> str:
    return model_kinds.get(kind).label if kind in model_kinds.names() else kind


class Aspect(QWidget):
    """Keeps one child at 16:9, centred."""

    def __init__(self, child: QWidget, parent=None):
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        self.setMinimumSize(160, 90)

    def resizeEvent(self, event) -> None:  # noqa: N802
        w, h = self.width(), self.height()
        cw = min(w, h * 16 // 9)
        ch = cw * 9 // 16
        self.child.setGeometry((w - cw) // 2, (h - ch) // 2, cw, ch)


class RunConsole(QWidget):
    """The console of run ``run_id``. ``server`` (facilitator.web.server.WebServer, optional)
    gives the join address; without it the run goes on with notes typed here."""

    left = Signal()  # back to the library; the run stays open for resuming
    ended = Signal(int)  # the run was ended
    export_requested = Signal(int)  # a finished run's handout and summary
    message = Signal(str)

    def __init__(
        self,
        model,
        settings,
        run_id: int,
        bridge,
        *,
        server=None,
        screens=None,
        wake=None,
        parent=None,
    ):
        super().__init__(parent)
        self.model, self.settings, self.bridge, self.server = model, settings, bridge, server
        self.run: RunInfo = model.runs.run(run_id)
        self.steps: list[StepInfo] = model.runs.steps(run_id)
        self.step: StepInfo = model.runs.current_step(run_id)
        self.live = StageLive(
            model, bridge, boards=BoardStore(model, bridge), player=VideoPlayer(self)
        )
        self.controls = None
        self._heard: set = set()  # board scenes whose failures show on the console
        self.screens = screens or ScreenModel(settings)
        self.presenter = PresenterWindow(self.live, self.run.title)
        self.mirror = self.presenter.stage  # what the room sees
        self.preview = StageMirror(self.mirror)  # the same, drawn small on the console
        self.next_stage = Stage()  # laid out at the projector's size, never on a screen
        self.next_preview = StageMirror(self.next_stage, size_of=self.presenter.stage)
        self.first_frames = FirstFrames(self)
        self.first_frames.ready.connect(self._still_ready)
        self.side = SidePanel(settings)
        self.notes = IncomingNotes(bridge)
        self._build()
        self.keys = KeyRouter(self, lambda: (self.window(), self.presenter))
        self.day = ConsoleDay(self, wake)  # awake while open; one screen; finished runs
        bridge.event_received.connect(self._event)
        self.screens.projector_changed.connect(self._projector_moved)
        self.side.join_slide_requested.connect(self.join_slide)
        self.side.address_chosen.connect(self.use_address)
        self.side.timer_requested.connect(self.timer)
        self.side.timer_reset_requested.connect(self.timer_reset)
        self._advertised = getattr(server, "address", None)  # the address in the join codes
        self.status_timer = QTimer(self, interval=2000, timeout=self._network)
        self._show_current()
        self.side.set_people(model.runs.participant_count(run_id))
        focus_by_tab_only(self)
        if self.run.ended:  # reopened to look back and export: nobody joins, nothing to end
            self.end_action.setVisible(False)
            self.join_action.setVisible(False)
            self.export_action.setVisible(True)
            self.side.set_finished()
        else:
            self.status_timer.start()
            self._network()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for text, slot in (
            ("◀ Previous (←)", self.previous),
            ("Next (→) ▶", self.next),
            ("Black screen (B)", self.black),
            ("Join slide (J)", self.join_slide),
            ("Full screen (F)", self.full_screen),
        ):
            bar.addAction(text, slot)
        bar.actions()[-1].setToolTip("The projector's window full screen, or back to a window")
        self.join_action = bar.actions()[-2]  # not for a finished run
        self.screen_choice = QComboBox()
        self.screen_choice.setToolTip("Which screen is the projector")
        # as wide as a short screen name: the whole toolbar fits a small laptop at 150 %
        self.screen_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.screen_choice.setMinimumContentsLength(14)
        self._fill_screens()
        self.screen_choice.activated.connect(self._screen_picked)
        bar.addWidget(self.screen_choice)
        bar.addSeparator()
        self.leave_action = bar.addAction("Back to the library", self.leave)
        self.end_action = bar.addAction("End the run", self.end_run)
        self.export_action = bar.addAction("Export…", self.export)
        self.export_action.setVisible(False)
        self._shortcuts()
        self.agenda = QListWidget()
        self.agenda.setMaximumWidth(280)
        self.agenda.setWordWrap(True)
        for step in self.steps:
            label = (
                model_kinds.get(step.kind).label if step.kind in model_kinds.names() else step.kind
            )
            item = QListWidgetItem(f"{step.position + 1}. {step.title}\n{label}")
            item.setData(Qt.ItemDataRole.UserRole, step.position)
            self.agenda.addItem(item)
        self.agenda.itemClicked.connect(
            lambda item: self.go_to(item.data(Qt.ItemDataRole.UserRole))
        )
        self.agenda.itemActivated.connect(
            lambda item: self.go_to(item.data(Qt.ItemDataRole.UserRole))
        )
        self.step_title = plain("", "font-size: 20px; font-weight: bold")
        self.step_notes = plain("", "color: #5A6472")
        self.next_label = plain("", "color: #5A6472")
        self.problem = plain("", "color: #B3261E; font-weight: bold")
        self.problem.hide()
        self.typed = plain("", "font-size: 18px; font-weight: bold; color: #8A5A00")
        self.typed.setWordWrap(False)
        self.typed.setMinimumWidth(1)  # clipped rather than widen a small laptop's console
        self.typed.hide()  # a step number being typed
        self.notice = plain("", "background: #FFF3A3; padding: 4px")
        self.notice.hide()  # one screen: the room may see this; or: this run has finished
        self.message.connect(self.show_problem)
        now = QVBoxLayout()
        now.addWidget(plain("Now on the projector", "color: #5A6472"))
        mirror = Aspect(self.preview)
        mirror.setMinimumHeight(110)
        now.addWidget(mirror, 1)
        upcoming = QVBoxLayout()
        upcoming.addWidget(self.next_label)
        upcoming.addWidget(Aspect(self.next_preview), 1)
        stages_pane = QWidget()
        stages = QHBoxLayout(stages_pane)
        stages.setContentsMargins(0, 0, 0, 0)
        stages.addLayout(now, 3)
        stages.addLayout(upcoming, 2)
        self.controls_box = QVBoxLayout()
        step_pane = QWidget()
        column = QVBoxLayout(step_pane)
        column.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()  # what is typed shows beside the title while it is typed
        title_row.addWidget(self.step_title, 1)
        title_row.addWidget(self.typed)
        column.addLayout(title_row)
        column.addWidget(self.step_notes)
        column.addWidget(self.problem)
        column.addLayout(self.controls_box, 1)
        self.centre = centre = QSplitter(Qt.Orientation.Vertical)  # drag to give the board room
        centre.addWidget(stages_pane)
        centre.addWidget(step_pane)
        centre.setChildrenCollapsible(False)
        side = QScrollArea()  # a short laptop screen scrolls the panel instead of squeezing it
        side.setWidget(self.side)
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(side)
        right.addWidget(self.notes)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setMinimumWidth(300)
        self.panes = split = QSplitter()
        split.addWidget(self.agenda)
        split.addWidget(centre)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self._panes_by_hand = False  # once the facilitator drags a divider, theirs it is
        for splitter in (split, centre):
            splitter.splitterMoved.connect(lambda *_: setattr(self, "_panes_by_hand", True))
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)

    def _shortcuts(self) -> None:
        """Ctrl keys for the actions without a key of their own, in both windows."""
        self.screen_choice.setToolTip("Which screen is the projector (S)")
        for action, key, tip in (
            (self.leave_action, "Ctrl+W", "Back to the library; the run stays open (Ctrl+W)"),
            (self.end_action, "Ctrl+E", "End the run, after a question (Ctrl+E)"),
            (self.export_action, "Ctrl+P", "Export or print the handout and summary (Ctrl+P)"),
        ):
            action.setShortcut(QKeySequence(key))
            action.setToolTip(tip)
            self.presenter.addAction(action)

    def _fit_panes(self) -> None:
        """Share the console out by its size: on a small laptop screen (or at 125-150 %
        scaling) a narrower agenda and smaller previews leave the board room."""
        width, height = self.panes.width(), self.centre.height()
        agenda = max(150, min(260, round(width * 0.17)))
        right = max(300, min(360, round(width * 0.26)))
        self.panes.setSizes([agenda, max(200, width - agenda - right), right])
        stages = max(130, min(340, round(height * 0.36)))
        self.centre.setSizes([stages, max(100, height - stages)])

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._panes_by_hand:
            self._fit_panes()

    # -- the current step ------------------------------------------------------------------------
    def _show_current(self) -> None:
        run, step = self.run, self.step
        # a finished run's code may be another run's by now: its slides show none
        join_url, room_code = self.join_url, "" if run.ended else run.room_code
        self.live.options.reset()
        self.presenter.stage.show_step(step, run=run, join_url=join_url, room_code=room_code)
        nxt = self.steps[step.position + 1] if step.position + 1 < len(self.steps) else None
        if nxt is not None:
            self.next_label.setText(f"Next: {nxt.position + 1}. {nxt.title}")
            self.next_stage.show_step(nxt, join_url=join_url, room_code=room_code)
            if kinds.get(nxt.kind).uses_player:
                self.next_stage.view.set_still(self.first_frames.still(nxt))
        else:
            self.next_label.setText("Next: the end of the agenda")
        self.next_preview.setVisible(nxt is not None)
        self.agenda.setCurrentRow(step.position)
        self.step_title.setText(f"{step.position + 1}/{len(self.steps)}  {step.title}")
        self.step_notes.setText(step.facilitator_notes)
        self.step_notes.setVisible(bool(step.facilitator_notes))
        self._controls()
        self.side.set_run(run, step.timer_seconds)
        takes_notes = step.kind in model_kinds.names() and model_kinds.get(step.kind).takes_notes
        scene = self.live.boards.get(run, step) if takes_notes else None
        self.notes.set_step(run, step, scene)
        if scene is not None and scene not in self._heard:
            self._heard.add(scene)
            scene.failed.connect(self.show_problem)

    def _controls(self) -> None:
        if self.controls is not None:
            self.controls.detach()
            self.controls.deleteLater()
            self.controls = None
        if self.live.player is not None and not kinds.get(self.step.kind).uses_player:
            self.live.player.stop()
        controls_class = kinds.get(self.step.kind).controls
        if controls_class is not None:
            self.controls = controls_class(self.step, self.run, self.live)
            self.controls_box.addWidget(self.controls)
            widen_redo(self.controls)  # Ctrl+Y and Ctrl+Shift+Z on every system
            focus_by_tab_only(self.controls)

    def _still_ready(self, key: str) -> None:
        """A film's first frame came in: show it if that film is the next step's."""
        nxt = self.next_stage.step
        if self.next_stage.view is not None and nxt is not None and kinds.get(nxt.kind).uses_player:
            if still_key(nxt) == key:
                self.next_stage.view.set_still(self.first_frames.still(nxt))

    @property
    def join_url(self) -> str:
        return getattr(self.server, "join_url", "") or "" if self.server else ""

    # -- events ----------------------------------------------------------------------------------
    def _event(self, event) -> None:
        if event.run_id != self.run.id:
            return
        if event.type == events.STEP:
            self.run, self.step = event.payload.run, event.payload.step
            self.problem.hide()
            self._show_current()
        elif event.type in (events.RUN_CHANGED, events.RUN_ENDED):
            self.run = event.payload
            self.side.set_run(self.run, self.step.timer_seconds)
        elif event.type == events.PARTICIPANT_JOINED:
            self.side.set_people(self.model.runs.participant_count(self.run.id))

    def _network(self) -> None:
        server = self.server
        remote = getattr(server, "remote_url", "") if server else ""
        self.side.set_join(self.join_url, self.run.room_code, remote or "")
        if server is None:
            self.side.set_network(
                "Phones are not connected (no server); add notes for the room below."
            )
            return
        try:
            status = server.status()
        except Exception as error:  # the run goes on; say what is wrong
            self.side.set_network(f"The phone server is not answering ({error}).")
            return
        if status.address != self._advertised:  # the laptop moved (sleep, another Wi-Fi)
            self._join_follows(status.address)
            self.show_problem(address_changed(status.address))
        # on every interface the server can advertise any address; bound to one, only that one
        choices = status.candidates if getattr(server, "host", "") is None else ()
        self.side.set_addresses(choices, status.address)
        advice = status.advice if isinstance(status.advice, tuple | list) else (status.advice,)
        phones = f"{status.connected} phone(s) connected now.\n" if status.connected else ""
        nobody = bool(advice) and advice[0] == ADVICE_NOBODY
        if nobody:  # what usually blocks phones on this system, one cause a line
            advice = (advice[0], *(f"• {cause}" for cause in advice[1:]))
        self.side.set_network(phones + "\n".join(advice), warning=nobody or status.offline)

    def use_address(self, address: str) -> None:
        """Phones are to use another of the laptop's addresses: every join code follows."""
        if self.server is None or address == self.server.status().address:
            return
        self.server.use_address(address)
        self._join_follows(address)
        self._network()

    def _join_follows(self, address: str) -> None:
        """Every join code (projector, next step's preview, this panel) shows ``address``."""
        self._advertised = address
        join_url, room_code = self.join_url, self.run.room_code
        for stage in (self.presenter.stage, self.next_stage):
            stage.set_join(join_url, room_code)
        self.side.set_join(join_url, room_code, getattr(self.server, "remote_url", ""))

    def show_problem(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.setVisible(bool(sentence))

    # -- actions (buttons, keys, clickers) --------------------------------------------------------
    def _agenda_picked(self, item) -> None:
        self.go_to(item.data(Qt.ItemDataRole.UserRole))

    def _do(self, work) -> None:
        try:
            work()
        except ModelError as error:
            self.show_problem(error.message)

    def next(self) -> None:
        """The next page of what the room sees (a board's notes), else the next step."""
        self._do(lambda: self.model.runs.next(self.run.id))

    def previous(self) -> None:
        self._do(lambda: self.model.runs.previous(self.run.id))

    def go_to(self, position: int) -> None:
        self._do(lambda: self.model.runs.go_to(self.run.id, position))

    def black(self) -> None:
        self._do(lambda: self.model.runs.set_black(self.run.id))

    def timer(self) -> None:
        if not self.run.ended:  # nothing to time in a finished run (T does nothing)
            self._do(lambda: self.model.runs.timer_toggle(self.run.id))

    def timer_reset(self) -> None:
        if not self.run.ended:
            self._do(lambda: self.model.runs.timer_reset(self.run.id))

    def join_slide(self) -> None:
        if self.run.ended:
            return  # nobody joins a finished run
        self.presenter.stage.set_join_visible(not self.presenter.stage.join_visible)
        if self.presenter.stage.join_visible and self.server is not None:
            self.server.join_shown()  # phones get a minute before the advice on blockers

    def leave_full_screen(self) -> None:
        self.presenter.leave_full_screen()

    def full_screen(self) -> None:
        self.presenter.toggle_full_screen()

    def first_step(self) -> None:
        self.go_to(0)

    def last_step(self) -> None:
        self.go_to(len(self.steps) - 1)

    def go_to_number(self, number: int) -> None:
        """Step ``number`` as the agenda numbers it (from 1), typed on the keyboard."""
        if 1 <= number <= len(self.steps):
            self.go_to(number - 1)
        else:
            self.show_problem(f"There is no step {number}: the agenda has {len(self.steps)}.")

    def show_typed(self, digits: str) -> None:
        self.typed.setText(f"Step {digits}…  Enter to go, Esc to cancel")
        self.typed.setVisible(bool(digits))

    def choose_screen(self) -> None:
        self.screen_choice.setFocus()
        self.screen_choice.showPopup()

    def key_action(self, key: int) -> bool:
        handler = getattr(self.controls, "key_action", None)
        return bool(handler and handler(key))

    # -- the projector -----------------------------------------------------------------------------
    def show_presenter(self) -> None:
        self.presenter.place(self.screens.projector)

    def _projector_moved(self, screen) -> None:
        self._fill_screens()
        self.presenter.place(screen)
        self.show_problem("" if screen is not None else self.screens.describe())

    def _fill_screens(self) -> None:
        self.screen_choice.clear()
        self.screen_choice.addItem("Projector: a window", None)
        laptop = self.screens.laptop()
        for screen in self.screens.screens():
            if screen is not laptop:
                self.screen_choice.addItem(f"Projector: {screen.name()}", screen)
        index = self.screen_choice.findData(self.screens.projector)
        self.screen_choice.setCurrentIndex(max(0, index))

    def _screen_picked(self, index: int) -> None:
        self.screens.use(self.screen_choice.itemData(index))

    # -- leaving -----------------------------------------------------------------------------------
    def leave(self) -> None:
        """Back to the library; mid-run only after a question, as the projector closes."""
        if self.run.ended:
            self.left.emit()
            return
        text = (
            "Go back to the library? The projector window closes, so the room sees the "
            "desktop. The run stays open: resume it from the library."
        )
        confirm(self, "Back to the library", text, "Back to the library", self.left.emit)

    def end_run(self) -> None:
        if self.run.ended:
            return
        text = (
            "End this run? Phones can no longer add notes and the projector window closes; "
            "you can still export the handout and the summary."
        )
        confirm(self, "End the run", text, "End the run", self._end_now)

    def _end_now(self) -> None:
        self._do(lambda: self.model.runs.end(self.run.id))
        self.ended.emit(self.run.id)

    def export(self) -> None:
        self.export_requested.emit(self.run.id)

    def shutdown(self) -> None:
        """Close the projector, stop the film, let go of the boards and the keys; the laptop
        may sleep again."""
        self.day.detach()
        self.status_timer.stop()
        self.first_frames.stop()
        self.keys.remove()
        if self.controls is not None:
            self.controls.detach()
        if self.live.player is not None:
            self.live.player.stop()
        self.preview.stop()
        self.next_preview.stop()
        self.next_stage.deleteLater()
        if self.presenter.stage.view is not None:
            self.presenter.stage.view.detach()
        try:
            self.bridge.event_received.disconnect(self._event)
        except (RuntimeError, TypeError):
            pass
        self.presenter.close()
        self.presenter.deleteLater()
        self.live.boards.close()
