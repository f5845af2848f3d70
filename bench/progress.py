"""Which importer statement a long transaction is running, sampled with ``SHOW TRANSACTIONS``.

An import that outlives its time limit is reported by how far it got: the table whose statement
was running at each sample, and when each table was first and last seen.
"""

from __future__ import annotations

import threading
import time
from typing import Any, LiteralString

from bench.instance import Connection

_SHOW: LiteralString = (
    "SHOW TRANSACTIONS YIELD currentQuery, elapsedTime, estimatedUsedHeapMemory "
    "WHERE currentQuery CONTAINS 'UNWIND $rows' AND NOT currentQuery STARTS WITH 'SHOW' "
    "RETURN currentQuery, elapsedTime.seconds AS seconds, estimatedUsedHeapMemory AS heap"
)


def _statements() -> dict[str, str]:
    from graph.importer.writer import _WRITERS

    found = {}
    for table, (statements, _) in _WRITERS.items():
        for statement in statements:
            found[" ".join(statement.split())] = table
    return found


class TransactionWatch:
    """Samples the running import every ``every`` seconds in a daemon thread."""

    def __init__(self, conn: Connection, every: float = 10.0) -> None:
        self._conn = conn
        self._every = every
        self._stop = threading.Event()
        self._tables = _statements()
        self.samples: list[dict[str, Any]] = []
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TransactionWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        db = self._conn.open()
        began = time.perf_counter()
        try:
            while not self._stop.wait(self._every):
                try:
                    records = db.read(_SHOW)
                except Exception:  # the server may be busy or the transaction just ended
                    continue
                for r in records:
                    text = " ".join(str(r["currentQuery"]).split())
                    table = self._tables.get(text, "other")
                    self.samples.append(
                        {
                            "at_s": round(time.perf_counter() - began),
                            "table": table,
                            "heap_mb": round((r["heap"] or 0) / 2**20),
                        }
                    )
        finally:
            db.close()

    def tables(self) -> dict[str, dict[str, int]]:
        """Per table seen: first and last sample time (seconds since the watch started)."""
        spans: dict[str, dict[str, int]] = {}
        for s in self.samples:
            span = spans.setdefault(s["table"], {"first_s": s["at_s"], "last_s": s["at_s"]})
            span["last_s"] = s["at_s"]
            span["heap_mb"] = s["heap_mb"]
        return spans
