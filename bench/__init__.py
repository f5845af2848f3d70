"""The Seriktes benchmark: import, GraphQL against raw Cypher and against @neo4j/graphql,
analytics — at three scales.

``python -m bench --scale demo`` (about 300 organisations, a few minutes), ``--scale 10k`` and
``--scale 100k`` (1.7 million rows). Each scale runs on its own fresh managed Neo4j; results go
to ``bench/out/<scale>.json`` and ``.md``, and ``--results`` assembles ``bench/RESULTS.md``.
The comparison with @neo4j/graphql (``bench/peer_bench.py``, the Node server in ``bench/peer/``)
needs Node.js 20+ and npm; ``--no-peer`` skips it. A measurement, not a test: nothing is asserted
but that Seriktes and the peer answer alike. ``bench/suggestions.py`` is the separate,
finer benchmark of partner suggestions alone.
"""

from __future__ import annotations

from bench.suite import main, run

__all__ = ["main", "run"]
