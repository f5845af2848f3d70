"""Markdown from the JSON results: one section per scale, and bench/RESULTS.md with the targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.data import SCALES

HOW = """\
How to read the tables:

* **Import**: the same CSV files (written by the demo generator) go through the importer
  (`seriktes import`: validation, then `MERGE` with change detection in one transaction) and
  through the plainest batched `UNWIND $rows AS row CREATE` (no validation, no change detection,
  auto-committed batches), each into an empty database holding only the schema. The importer's
  time includes its validation pass, also shown alone. Peak RSS is that of the (fresh) Python
  process doing the import.
* **GraphQL against raw Cypher**: the API (`seriktes serve --workers N`, one worker per core,
  `SERIKTES_DB_STATS=1`) over HTTP, against the same data read through the driver in as few
  queries as possible, both against the same database in the same run, interleaved, on the graph
  the importer wrote. Round-trips are `extensions.db.queries`; the token look-up of an
  authenticated request (request 4) is one more.
* **Against @neo4j/graphql**: the API (`seriktes serve --workers N`, one worker per core as the
  README recommends) and @neo4j/graphql 7 on Apollo Server 5 (one Node process, `bench/peer/`)
  over the same database, asked the same three questions; their answers are normalised and must
  be equal (same organisations, names, order, counts) or the benchmark stops. Timed interleaved,
  the side going first alternating between runs. CPU ms per request: the server processes' and
  Neo4j's CPU time during the measurement, divided by the requests made.
* **Analytics**: each step in a fresh process, so its peak RSS growth is its own.
"""

NOISE = (
    "Absolute times are noisy: the machine is shared (other test suites and Neo4j instances run "
    "beside the benchmark on its 2 cores), so every latency is the median over runs of each "
    "run's p50/p95. Ratios measured in the same run against the same database are the stable "
    "figures."
)


def _f(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _import(section: dict[str, Any]) -> list[str]:
    lines = [
        "| writer | seconds | rows/s | peak RSS MB | RSS growth MB |",
        "|---|---:|---:|---:|---:|",
    ]
    rows = section["rows"]
    named = (
        ("importer `import_directory` (validation included)", section["importer"]),
        ("  its validation pass alone (`validate`, nothing written)", section["validation_only"]),
        ("raw `UNWIND $rows AS row CREATE`, 10k-row batches", section["raw"]),
    )
    for name, figures in named:
        if not figures:
            continue
        if "error" in figures:
            lines.append(f"| {name} | {figures['error']} | – | – | – |")
            continue
        per_s = figures.get("rows_per_s") or round(rows / figures["seconds"])
        lines.append(
            f"| {name} | {_f(figures['seconds'])} | {_f(per_s)} | "
            f"{_f(figures['peak_rss_mb'], 0)} | {_f(figures['delta_rss_mb'], 0)} |"
        )
    lines.append("")
    if section.get("ratio_importer_over_raw"):
        lines.append(f"Time ratio importer ÷ raw: **{section['ratio_importer_over_raw']}×**.")
    progress = section["importer"].get("progress")
    if progress:
        spans = ", ".join(
            f"{table} {span['first_s']}–{span['last_s']} s" for table, span in progress.items()
        )
        lines += ["", f"Importer statements seen running (sampled every 10 s): {spans}."]
    return lines


def _api(api: dict[str, Any]) -> list[str]:
    lines = [
        "| request | round-trips | GraphQL p50 / p95 ms (in Cypher), 1 thread | raw p50 / p95 "
        "| ratio p50 | GraphQL p50 / p95 (in Cypher), 8 threads | raw p50 / p95 | ratio p50 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in api["requests"].values():
        cells = [entry["title"], _f(entry["round_trips"], 0)]
        for threads in (1, 8):
            t = entry[f"threads_{threads}"]
            g, r = t["graphql"], t["raw"]
            cypher = t.get("graphql_cypher_p50_ms")
            cells += [
                f"{_f(g['p50_ms'])} / {_f(g['p95_ms'])}"
                + (f" ({_f(cypher)})" if cypher is not None else ""),
                f"{_f(r['p50_ms'])} / {_f(r['p95_ms'])}",
                f"**{_f(t['ratio_p50'], 2)}**",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "In Cypher: the API's own `extensions.db.ms`, the time its Cypher calls took, summed "
        "(calls of one level run side by side, so this can exceed the wall time); the rest of "
        "GraphQL's time is HTTP, parsing, resolvers and serialisation in Python.",
        "",
        "Raw side per request: "
        + "; ".join(f"({i}) {e['raw_is']}" for i, e in enumerate(api["requests"].values(), start=1))
        + ".",
    ]
    lines += [
        "",
        "Cypher round-trips of request 1 (`extensions.db.queries`) as the page sizes grow:",
        "",
        "| organizations(first) | projects/partners(first) | organisations | nested items "
        "| round-trips |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in api["page_size"]:
        if "error" in row:
            lines.append(f"| {row['first']} | {row['nested']} | – | – | {row['error']} |")
        else:
            lines.append(
                f"| {row['first']} | {row['nested']} | {row['organizations']} | "
                f"{row['nested_items']} | {row['queries']} |"
            )
    return lines


def peer_verdicts(entry: dict[str, Any]) -> tuple[str, str]:
    """The two targets of one question: Seriktes ÷ peer ≤ 1.0 at p50 with one client and
    ≥ 1.0 in requests/s with eight."""
    p50 = entry["threads_1"]["ratio_p50"]
    per_s = entry["threads_8"]["ratio_per_second"]
    return (
        "–" if p50 is None else "met" if p50 <= 1.0 else f"missed ({p50:.2f}× the peer's time)",
        "–" if per_s is None else "met" if per_s >= 1.0 else f"missed ({per_s:.2f}× its rate)",
    )


def _peer(peer: dict[str, Any]) -> list[str]:
    versions = peer.get("peer_versions", {})
    lines = [
        f"Seriktes: `seriktes serve --workers {peer.get('seriktes_workers')}`; the peer: "
        f"@neo4j/graphql {versions.get('@neo4j/graphql', '?')}, @apollo/server "
        f"{versions.get('@apollo/server', '?')}, Node {versions.get('node', '?')}, one process. "
        f"Load average at the end: {peer.get('load_average_at_end')}.",
        "",
        "| question (answers checked equal) | Seriktes p50 / p95 ms, 1 client | peer p50 / p95 "
        "| Seriktes ÷ peer p50 | Seriktes req/s, 8 clients | peer req/s | Seriktes ÷ peer req/s "
        "| verdict p50 ≤ 1.0 | verdict req/s ≥ 1.0 |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for entry in peer["queries"].values():
        one, eight = entry["threads_1"], entry["threads_8"]
        p50, per_s = peer_verdicts(entry)
        lines.append(
            f"| {entry['title']} ({entry['check']['answer']}) "
            f"| {_f(one['seriktes']['p50_ms'])} / {_f(one['seriktes']['p95_ms'])} "
            f"| {_f(one['peer']['p50_ms'])} / {_f(one['peer']['p95_ms'])} "
            f"| **{_f(one['ratio_p50'], 2)}** "
            f"| {_f(eight['seriktes']['per_second'])} | {_f(eight['peer']['per_second'])} "
            f"| **{_f(eight['ratio_per_second'], 2)}** | {p50} | {per_s} |"
        )
    lines += [
        "",
        "Where the time goes: CPU ms per request of the server processes and of Neo4j "
        "(1 client; 8 clients):",
        "",
        "| question | Seriktes server | Seriktes' Neo4j | peer server | peer's Neo4j |",
        "|---|---:|---:|---:|---:|",
    ]
    for entry in peer["queries"].values():
        cells = [entry["title"][:60]]
        for side in ("seriktes", "peer"):
            for part in ("server_cpu_ms", "neo4j_cpu_ms"):
                cells.append(
                    "; ".join(
                        _f(entry[f"threads_{t}"]["cpu_per_request"][side][part]) for t in (1, 8)
                    )
                )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _analytics(analytics: dict[str, Any]) -> list[str]:
    lines = [
        "| step (fresh process each) | seconds | peak RSS growth MB | size |",
        "|---|---:|---:|---|",
    ]
    for name, figures in analytics.items():
        if name == "region_analysis_stages":
            continue
        if "error" in figures:
            lines.append(f"| `{name}` | {figures['error']} | – | – |")
            continue
        size = ", ".join(f"{k} {_f(v)}" for k, v in figures["result"].items())
        lines.append(
            f"| `{name}` | {_f(figures['seconds'])} | {_f(figures['delta_rss_mb'], 0)} | {size} |"
        )
    stages = analytics.get("region_analysis_stages")
    seconds = (stages or {}).get("result") or (stages or {}).get("partial")
    if seconds:
        running = [k for k, v in seconds.items() if v is None]
        done = [(k, v) for k, v in seconds.items() if v is not None]
        parts = sorted(done, key=lambda kv: -kv[1])
        still = f"; still running at the time limit: `{running[0]}`" if running else ""
        lines += [
            "",
            "Where `region_analysis` spends its time (same functions, one by one): "
            + ", ".join(f"`{k}` {v:.1f} s" for k, v in parts)
            + still
            + ".",
        ]
    return lines


def render_scale(result: dict[str, Any]) -> str:
    data = result["data"]
    lines = [
        f"## {result['scale']}: {result['orgs']:,} synthetic organisations, "
        f"{data['total_rows']:,} rows ({data['csv_mb']} MB of CSV)",
        "",
        f"Neo4j heap {result['neo4j_heap']}, page cache {result['neo4j_pagecache']}; "
        f"{result['runs']} latency runs; whole scale took {result.get('total_s', 0):.0f} s.",
        "",
        "### Import",
        "",
        *_import(result["import"]),
    ]
    if "api" in result:
        lines += ["", "### GraphQL over HTTP against raw Cypher", "", *_api(result["api"])]
    if "peer" in result:
        lines += ["", "### Against @neo4j/graphql", "", *_peer(result["peer"])]
    if "analytics" in result:
        lines += ["", "### Analytics", "", *_analytics(result["analytics"])]
    return "\n".join(lines) + "\n"


# -- the targets ---------------------------------------------------------------------------------


def _at_most(value: float | None, limit: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= limit else f"missed ({value / limit:.2f}× the limit)"


def _at_least(value: float | None, floor: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value >= floor else f"missed ({value / floor:.2f}× the floor)"


def _targets(results: dict[str, dict[str, Any]]) -> list[str]:
    """Issue 14's "Done when", item by item, from what this run measured."""
    lines = ["| target | scale | measured | verdict |", "|---|---|---|---|"]
    ten = results.get("10k")
    if ten:
        ratio = ten["import"].get("ratio_importer_over_raw")
        lines.append(f"| importer ÷ raw writer ≤ 1.3 | 10k | {ratio}× | {_at_most(ratio, 1.3)} |")
    if ten and "api" in ten:
        for entry in ten["api"]["requests"].values():
            one, eight = entry["threads_1"]["ratio_p50"], entry["threads_8"]["ratio_p50"]
            title = entry["title"][:40]
            lines += [
                f"| GraphQL ÷ raw p50 ≤ 1.5 (1 client): {title}… | 10k | {one} | "
                f"{_at_most(one, 1.5)} |",
                f"| GraphQL ÷ raw p50 ≤ 2.0 (8 clients): {title}… | 10k | {eight} | "
                f"{_at_most(eight, 2.0)} |",
            ]
        sizes = [r["queries"] for r in ten["api"]["page_size"] if "queries" in r]
        constant = len(set(sizes)) == 1
        lines.append(
            f"| round-trips constant in the page size | 10k | {sizes} | "
            f"{'met' if constant else 'missed'} |"
        )
        s = ten["api"]["requests"]["suggestions"]["threads_1"]
        p95 = s["graphql"]["p95_ms"]
        lines.append(
            f"| partner suggestions p95 ≤ 50 ms (GraphQL, 1 client) | 10k | {p95} ms "
            f"(raw {s['raw']['p95_ms']} ms) | {_at_most(p95, 50)} |"
        )
    if ten and "peer" in ten:
        for entry in ten["peer"]["queries"].values():
            p50, per_s = peer_verdicts(entry)
            title = entry["title"][:40]
            lines += [
                f"| Seriktes ÷ @neo4j/graphql p50 ≤ 1.0 (1 client): {title}… | 10k | "
                f"{entry['threads_1']['ratio_p50']} | {p50} |",
                f"| Seriktes ÷ @neo4j/graphql req/s ≥ 1.0 (8 clients): {title}… | 10k | "
                f"{entry['threads_8']['ratio_per_second']} | {per_s} |",
            ]
    big = results.get("100k")
    if big:
        importer = big["import"].get("importer") or {}
        rate: float | None = None
        if importer.get("seconds"):
            rate = importer.get("rows_per_s") or round(big["import"]["rows"] / importer["seconds"])
        lines.append(
            f"| importer ≥ 15,000 rows/s | 100k | {_f(rate)} | {_at_least(rate, 15_000)} |"
        )
        if "api" in big:
            s = big["api"]["requests"]["suggestions"]["threads_1"]
            p95 = s["graphql"]["p95_ms"]
            lines.append(
                f"| partner suggestions p95 ≤ 300 ms (GraphQL, 1 client) | 100k | {p95} ms "
                f"(raw {s['raw']['p95_ms']} ms) | {_at_most(p95, 300)} |"
            )
        for name, figures in big.get("analytics", {}).items():
            if name == "region_analysis_stages":
                continue
            seconds = figures.get("seconds")
            limit = 60 if name == "region_analysis" else 15
            measured = f"{seconds} s" if seconds is not None else figures.get("error")
            verdict = _at_most(seconds, limit) if seconds is not None else "missed"
            lines.append(f"| `{name}` < {limit} s | 100k | {measured} | {verdict} |")
            growth = figures.get("delta_rss_mb")
            lines.append(
                f"| `{name}` peak RSS growth < 2 GB | 100k | {_f(growth, 0)} MB | "
                f"{_at_most(growth, 2048)} |"
            )
    return lines


def write_results(out: Path, path: Path) -> Path:
    """``bench/RESULTS.md`` from the latest ``out/<scale>.json`` of every scale run."""
    results = {
        scale: json.loads((out / f"{scale}.json").read_text())
        for scale in SCALES
        if (out / f"{scale}.json").exists()
    }
    if not results:
        raise FileNotFoundError(f"no results in {out}; run `python -m bench --scale demo` first")
    machine = next(iter(results.values())).get("machine", {})
    missing = [scale for scale in SCALES if scale not in results]
    lines = [
        "# Seriktes benchmark results",
        "",
        "Produced by `seriktes bench --scale demo --scale 10k --scale 100k --results` "
        "(see `bench/__init__.py`); raw JSON in `bench/out/` (git-ignored).",
        "",
        *(
            [f"Not in this run: {', '.join(missing)} (see docs/scaling.md for why).", ""]
            if missing
            else []
        ),
        f"Machine: {machine.get('nproc')} cores ({machine.get('cpu')}), "
        f"{machine.get('ram_gib')} GiB RAM, Python {machine.get('python')}, "
        f"Neo4j {machine.get('neo4j')} Community, {machine.get('platform')}; "
        f"load average at start {machine.get('load_average_at_start')}; "
        f"run {', '.join(r.get('machine', {}).get('date', '?')[:10] for r in results.values())}.",
        "",
        NOISE,
        "",
        HOW,
        "## Targets",
        "",
        *_targets(results),
        "",
    ]
    findings = out / "findings.md"
    if findings.exists():  # the run's commentary, written by whoever ran it
        lines += [findings.read_text(), ""]
    for result in results.values():
        lines.append(render_scale(result))
    path.write_text("\n".join(lines))
    return path
