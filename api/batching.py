"""Breadth-first batching: one query per loader per level of the selection, whatever the page.

A DataLoader normally dispatches on the next event-loop tick. Our graph layer is synchronous and
runs in worker threads, so sibling resolvers resume on different ticks and the number of batches
would depend on thread timing. Here a loader dispatches only when the request has no database call
in flight and no new keys arrived for a few ticks: every resolver of a level has then asked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

from starlette.concurrency import run_in_threadpool

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")

_SETTLE_TICKS = 3


class Batcher:
    """One per request: runs graph calls in threads and knows when none is in flight."""

    def __init__(self) -> None:
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def run(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        self._in_flight += 1
        self._idle.clear()
        try:
            return await run_in_threadpool(fn, *args, **kwargs)
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.set()

    async def settled(self, pending: Callable[[], int]) -> None:
        """Return once nothing is in flight and ``pending()`` stayed put for a few ticks."""
        stable, seen = 0, -1
        while stable < _SETTLE_TICKS:
            await self._idle.wait()
            await asyncio.sleep(0)
            count = pending()
            stable = stable + 1 if count == seen and self._in_flight == 0 else 0
            seen = count


class Loader(Generic[K, V]):
    """Loads values by key with ``fetch(keys) -> {key: value}``, batched and cached per request."""

    def __init__(self, batcher: Batcher, fetch: Callable[[list[K]], dict[K, V]]) -> None:
        self._batcher = batcher
        self._fetch = fetch
        self._futures: dict[K, asyncio.Future[V | None]] = {}
        self._pending: list[K] = []
        self._flushing: asyncio.Task[None] | None = None

    async def load(self, key: K) -> V | None:
        future = self._futures.get(key)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._futures[key] = future
            self._pending.append(key)
            if self._flushing is None:
                self._flushing = asyncio.ensure_future(self._flush())
        return await future

    async def one(self, key: K) -> V:
        """For fetches that answer every key (pages, counts): the value, never ``None``."""
        value = await self.load(key)
        if value is None:
            raise LookupError(f"no value for {key!r}")
        return value

    async def load_many(self, keys: Sequence[K]) -> list[V | None]:
        return list(await asyncio.gather(*(self.load(k) for k in keys)))

    async def _flush(self) -> None:
        await self._batcher.settled(lambda: len(self._pending))
        keys, self._pending, self._flushing = self._pending, [], None
        try:
            found = await self._batcher.run(self._fetch, keys)
        except Exception as exc:  # every waiting resolver gets the same error
            for key in keys:
                self._futures.pop(key).set_exception(exc)
            return
        for key in keys:
            self._futures[key].set_result(found.get(key))
