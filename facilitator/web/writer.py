"""The writers of what phones send (notes, answers): requests arriving while a commit is under
way wait together and are committed in one transaction (group commit), so a room posting at once
costs a few disk syncs, not one per request. Each request still gets its own answer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from facilitator.model.board import Board

MAX_BATCH = 500


class GroupWriter:
    """Lives on the server's loop; ``work`` (a list of requests -> a result or a ModelError
    each, in one transaction) runs on the writer's own named thread."""

    def __init__(self, work: Callable[[Sequence], list], name: str):
        self.work = work
        self._pending: list[tuple[object, asyncio.Future]] = []
        self._running = False
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=f"facilitator-{name}")
        self.batches = 0
        self.largest_batch = 0

    async def add(self, request):
        """The request's result, or the ModelError that refused it."""
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
                    answers = await loop.run_in_executor(self._executor, self.work, requests)
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


class NoteWriter(GroupWriter):
    """The one writer of notes."""

    def __init__(self, board: Board):
        super().__init__(board.add_notes, "note-writer")
