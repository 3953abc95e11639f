"""The one writer of notes: requests arriving while a commit is under way wait together and are
committed in one transaction (group commit), so a room posting at once costs a few disk syncs,
not one per note. Each request still gets its own answer."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from facilitator.model.board import Board, NoteRequest
from facilitator.model.errors import ModelError
from facilitator.model.records import AddNoteResult

MAX_BATCH = 500


class NoteWriter:
    """Lives on the server's loop; the database work runs on its own named thread."""

    def __init__(self, board: Board):
        self.board = board
        self._pending: list[tuple[NoteRequest, asyncio.Future]] = []
        self._running = False
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="facilitator-note-writer")
        self.batches = 0
        self.largest_batch = 0

    async def add(self, request: NoteRequest) -> AddNoteResult | ModelError:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._pending.append((request, future))
        if not self._running:
            self._running = True
            loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                batch = self._pending[:MAX_BATCH]
                del self._pending[:MAX_BATCH]
                requests = [request for request, _ in batch]
                try:
                    answers = await loop.run_in_executor(
                        self._executor, self.board.add_notes, requests
                    )
                except Exception as error:  # the database itself failed: every request hears
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)
                    continue
                self.batches += 1
                self.largest_batch = max(self.largest_batch, len(batch))
                for (_, future), answer in zip(batch, answers, strict=True):
                    if not future.done():
                        future.set_result(answer)
        finally:
            self._running = False

    def close(self) -> None:
        self._executor.shutdown(wait=True)
