"""The summary's board drawing at room scale, read back from the PDF: where each number is
drawn (pypdf's text visitor), the zone columns (their labels) and the group outlines (the
dashed paths), compared with the list printed below the drawing and with the model."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pypdf import PdfReader

from facilitator.export import kinds, write_summary
from facilitator.export.board import NUMBER_MIN, Cluster, Column, zone_board
from facilitator.export.data import load_run
from facilitator.export.document import Header, build_pdf, content_width, styles
from facilitator.export.sample import fill_room_board
from facilitator.export.sample_sorted import PLATFORMS, fill_sorted_board
from facilitator.export.text import clean
from facilitator.model.records import NoteInfo

UNSORTED, UNGROUPED = "Not sorted yet", "Not grouped"
BOLD = "DejaVuSans-Bold"
PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"}


@dataclass
class Text:
    x: float
    y: float
    size: float
    font: str
    text: str


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    dashed: bool
    op: bytes

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass
class Page:
    texts: list[Text] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)


def read_page(page) -> Page:
    """Every text shown on ``page`` with its place, size and font, and the bounding box of
    every painted path with whether it was dashed, in page coordinates."""
    out, dash, stack, points = Page(), [False], [], []

    def place(cm, x, y):
        return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]

    def before(op, args, cm, tm):
        if op == b"q":
            stack.append(dash[0])
        elif op == b"Q":
            dash[0] = stack.pop()
        elif op == b"d":
            dash[0] = bool(args[0])
        elif op == b"re":
            x, y, w, h = map(float, args)
            points.extend(place(cm, px, py) for px, py in ((x, y), (x + w, y + h)))
        elif op in (b"m", b"l", b"c"):
            nums = list(map(float, args))
            points.extend(place(cm, *nums[i : i + 2]) for i in range(0, len(nums), 2))
        elif op in PAINT and points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            out.boxes.append(Box(min(xs), min(ys), max(xs), max(ys), dash[0], op))
            points.clear()

    def text(value, cm, tm, font, size):
        if value.strip():
            x, y = place(cm, tm[4], tm[5])
            name = str(font.get("/BaseFont", "")) if font else ""
            out.texts.append(Text(x, y, size, name.split("+")[-1], value.strip()))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return out


def step_pages(path, title: str) -> list[Page]:
    """The pages of the summary's section on step ``title``, its texts cut to that section."""
    pages, inside = [], False
    for page in PdfReader(path).pages:
        read = read_page(page)
        kept = []
        for t in read.texts:
            if t.size == 15 and t.font == "DejaVuSans-Bold":  # a step's heading
                inside = t.text.endswith(title)
            elif inside:
                kept.append(t)
        if kept:
            pages.append(Page(kept, read.boxes))
    return pages


def boards(page: Page) -> list[Box]:
    """The drawings on a page: the large filled and stroked rectangles."""
    return [b for b in page.boxes if b.op in (b"B", b"B*") and b.x1 - b.x0 > 150 and not b.dashed]


def lines(texts: list[Text]) -> list[list[Text]]:
    """Texts cut into lines: a line is the run of texts shown at one height, in stream order."""
    out: list[list[Text]] = []
    for t in texts:
        if out and abs(out[-1][0].y - t.y) < 0.5:
            out[-1].append(t)
        else:
            out.append([t])
    return out


def listed(pages: list[Page]) -> dict[int, tuple[str | None, str | None, str]]:
    """The list below the drawing: number -> (zone heading, group heading, note text), all
    without their spaces."""
    out, zone, group, number = {}, None, None, None
    for page in pages:
        inside = boards(page)
        texts = [t for t in page.texts if not any(b.holds(t.x, t.y) for b in inside)]
        for line in lines(texts):
            first = line[0]
            if first.font == BOLD and first.size in (11.5, 10):  # a zone's or group's heading
                heading = squeeze("".join(t.text for t in line if t.size == first.size))
                zone, group = (heading, None) if first.size == 11.5 else (zone, heading)
                continue
            if first.font == BOLD and first.size == 8.5 and first.text.isdigit():
                number, line = int(first.text), line[1:]
                out[number] = (zone, group, "")
            body = squeeze("".join(t.text for t in line if t.size == 10))
            if number is not None and body:  # the note's text, line by line
                out[number] = (zone, group, out[number][2] + body)
    return out


def squeeze(text: str) -> str:
    return "".join(text.split())


def drawn(pages: list[Page], labels: set[str]) -> dict[int, list[tuple[str | None, str | None]]]:
    """Each number drawn in a board: number -> [(the column it is in, the group outline it is
    in)], the column named by the label at its top, the outline by the name in its band."""
    out: dict[int, list] = {}
    for page in pages:
        for region in boards(page):
            inside = [t for t in page.texts if region.holds(t.x, t.y)]
            heads = sorted(
                (t for t in inside if squeeze(t.text) in labels and t.y > region.y1 - 17),
                key=lambda t: t.x,
            )
            outlines = [b for b in page.boxes if b.dashed and region.holds(b.x0, b.y0)]
            for t in inside:
                if not t.text.isdigit() or t.y > region.y1 - 17:
                    continue
                assert t.size >= NUMBER_MIN, (t.text, t.size)
                x, y = t.x + 0.5, t.y + 0.5
                column = [squeeze(h.text) for h in heads if h.x - 5.5 <= x]
                boxes = [b for b in outlines if b.holds(x, y)]
                assert len(boxes) <= 1, f"number {t.text} inside {len(boxes)} outlines"
                group = _outline_name(boxes[0], inside) if boxes else None
                out.setdefault(int(t.text), []).append((column[-1] if column else None, group))
    return out


def same_name(drawn: str | None, listed: str | None) -> bool:
    """A name drawn in a narrow outline may be cut with an ellipsis: its start must match."""
    if drawn is None or listed is None or not drawn.endswith("…"):
        return drawn == listed
    return len(drawn) > 4 and listed.startswith(drawn[:-1])


def _outline_name(box: Box, texts: list[Text]) -> str:
    return squeeze("".join(t.text for t in texts if box.holds(t.x, t.y) and t.y > box.y1 - 11))


def check_drawing_matches_list(model, run_id, step, path) -> dict:
    zones = {z.id: squeeze(z.label) for z in step.zones}
    groups = {g.id: squeeze(g.name) for g in model.board.groups(run_id, step.id)}
    labels = set(zones.values()) | ({squeeze(UNSORTED)} if zones else set())
    pages = step_pages(path, step.title)
    in_list, on_board = listed(pages), drawn(pages, labels)
    visible = [n for n in model.board.notes(run_id, step.id) if not n.hidden]
    # THEN every note is in the list once, and drawn exactly once
    assert sorted(in_list) == list(range(1, len(visible) + 1))
    assert sorted(on_board) == sorted(in_list)
    by_text: dict[str, list[NoteInfo]] = {}
    for note in visible:
        by_text.setdefault(squeeze(clean(note.text)), []).append(note)
    for number, (zone, group, text) in in_list.items():
        [(drawn_zone, drawn_group)] = on_board[number]
        # the drawing's column and outline are the list's zone and group heading
        assert drawn_zone == (zone if zones else None), number
        expected = None if group in (None, squeeze(UNGROUPED)) else group
        assert same_name(drawn_group, expected), (number, drawn_group, expected)
        # and the list's zone and group are the note's own, as the model holds them
        truth = {
            (zones.get(n.zone_id, squeeze(UNSORTED)) if zones else None, groups.get(n.group_id))
            for n in by_text[text]
        }
        assert (drawn_zone, expected) in truth, (number, text, truth)
    return in_list


@pytest.fixture
def room(model, demo_run):
    steps = {s.title: s for s in model.runs.steps(demo_run.id)}
    return demo_run, steps


def test_a_sorted_150_note_board_is_drawn_as_its_list_says(model, room, tmp_path):
    # GIVEN a zoned board of 150 notes sorted live: groups in each zone, notes taken out of
    # their zone, notes dragged into the other zone, notes dropped by hand anywhere
    run, steps = room
    step = steps["Platforms and ambitions"]
    notes = fill_sorted_board(model, run.id, step, notes=150)
    assert sum(n.zone_id is None for n in notes) >= 10
    assert sum(n.x is not None for n in notes) >= 40
    ambitions = next(z.id for z in step.zones if z.label == "Burning ambitions")
    assert sum(n.text in PLATFORMS and n.zone_id == ambitions for n in notes) >= 2  # dragged
    assert len({n.group_id for n in notes if n.group_id}) >= 6
    # WHEN the summary is written
    path = write_summary(model, run.id, tmp_path / "s.pdf")
    # THEN each number is drawn in its zone's column and its group's outline, as listed
    in_list = check_drawing_matches_list(model, run.id, step, path)
    assert {zone for zone, _, _ in in_list.values()} == {
        "Burningplatforms",
        "Burningambitions",
        squeeze(UNSORTED),
    }
    assert len(boards(step_pages(path, step.title)[0])) == 1  # one drawing of the board


def test_300_sorted_notes_on_letter_paper_are_drawn_as_listed(model, room, tmp_path):
    # GIVEN 300 sorted notes on the shorter Letter page
    run, steps = room
    step = steps["Platforms and ambitions"]
    fill_sorted_board(model, run.id, step, notes=300)
    path = write_summary(model, run.id, tmp_path / "s.pdf", paper="Letter")
    # THEN the drawing still matches the list note for note, every number at least 6.5 pt
    check_drawing_matches_list(model, run.id, step, path)


def test_a_board_too_big_for_one_drawing_is_drawn_zone_by_zone_as_listed(model, room, tmp_path):
    # GIVEN a sorted 150-note board and room for a drawing only 170 points tall
    run, steps = room
    step = steps["Platforms and ambitions"]
    fill_sorted_board(model, run.id, step, notes=150)
    ctx = kinds.SummaryContext(styles(), content_width("A4"), 9, load_run(model, run.id), 300)
    # WHEN its part of the summary is laid out
    path = tmp_path / "s.pdf"
    build_pdf(path, kinds.summary(step, ctx), paper="A4", title="t", header=Header("", ""))
    # THEN there is one drawing per zone (the rest on further pages), each as the list says
    pages = step_pages(path, step.title)
    assert sum(len(boards(p)) for p in pages) >= 3
    check_drawing_matches_list(model, run.id, step, path)


def test_a_board_without_zones_at_300_notes_with_groups(model, room, tmp_path):
    # GIVEN "What did Rita O'Grady do?" filled by the room, with four groups made live
    run, steps = room
    step = steps["What did Rita O'Grady do?"]
    notes = fill_room_board(model, run.id, step, notes=300)
    for g, name in enumerate(["Authenticity", "A clear ask", "Shared purpose 🤝", "Timing"]):
        ids = [n.id for n in notes[g * 40 : g * 40 + 25 + g * 5]]
        model.board.create_group(run.id, step.id, name, ids)
    for note in notes[::7]:
        model.board.move_note(note.id, 0.9, 0.1)  # all dropped in one corner by hand
    path = write_summary(model, run.id, tmp_path / "s.pdf")
    check_drawing_matches_list(model, run.id, step, path)


def _synthetic_column(count: int) -> Column:
    fixed = dict(run_id=1, step_id=1, participant_id=None, author="", text="x", color="yellow")
    places = dict(x=None, y=None, group_id=None, zone_id=None, hidden=False, votes=0)
    notes = tuple(
        (i, NoteInfo(id=i, client_id=f"c{i}", created_at=0.0, updated_at=0.0, **fixed, **places))
        for i in range(1, count + 1)
    )
    return Column("Only zone", (Cluster("One big group", notes[:400]), Cluster(None, notes[400:])))


def test_a_drawing_taller_than_the_space_left_continues_between_rows_of_blocks():
    # GIVEN a zone of 700 notes drawn on its own: taller than any page
    picture = zone_board(_synthetic_column(700), 480)
    assert picture.wrap(480, 10_000)[1] > 680
    # WHEN it must go into 500 points, THEN it splits between rows of blocks, each part within
    # its space, no note lost or doubled, the rest marked as continued
    first, rest = picture.split(480, 500)
    assert first.wrap(480, 500)[1] <= 500 and rest.continued and not first.continued
    numbers = [n for part in (first, rest) for s in part.shelves[0] for b in s.blocks
               for n, _ in b.cluster.notes]  # fmt: skip
    assert numbers == list(range(1, 701))
    # and every row of blocks fits on a Letter page, so the rest always finds room
    assert max(s.height for s in picture.shelves[0]) < 666
    assert picture.split(480, 60) == []  # not even one row fits: it moves on whole
