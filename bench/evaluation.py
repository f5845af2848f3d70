"""The full evaluation of partner suggestions by time, on generated worlds: the figures, printed.

Usage::

    .venv/bin/python bench/evaluation.py   # 2 worlds × 3 demo seeds × 10 hide seeds
    .venv/bin/python bench/evaluation.py --demo-seeds 2018 7 11 13 --hide-seeds 20 --orgs 600

No database (the regions are built in memory, :func:`graph.discovery.evaluate_worlds`); a minute
or two at the defaults. Prints each world's time split, each method's precision@10, recall@10 and
MRR as mean, std, min and max, the learned weights and the computed verdicts. No assertions: a
measurement, not a test (the test is ``tests/graph/discovery/test_evaluation.py``).
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from graph.discovery import evaluate_worlds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worlds", nargs="+", default=["demo", "focus"])
    parser.add_argument("--demo-seeds", nargs="+", type=int, default=[2018, 7, 11])
    parser.add_argument("--hide-seeds", type=int, default=10, help="hide seeds 0..N-1")
    parser.add_argument("--orgs", type=int, default=300)
    parser.add_argument("--share", type=float, default=0.2)
    args = parser.parse_args()
    started = time.perf_counter()
    report = evaluate_worlds(
        worlds=args.worlds,
        demo_seeds=args.demo_seeds,
        orgs=args.orgs,
        share=args.share,
        seeds=tuple(range(args.hide_seeds)),
    )
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.float_format", "{:.3f}".format)
    print(report.splits().to_string(index=False), end="\n\n")
    print(report.summary().to_string(), end="\n\n")
    print(report.learned_weights().to_string(index=False), end="\n\n")
    for world in [None, *args.worlds]:
        print(report.comparison(world).verdict)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
