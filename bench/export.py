"""Time and peak memory of a download of every organisation (``/export/organizations.*``).

    python -m bench.export --scale 10k [--port 17761]

Builds the demo region at the scale in a fresh Neo4j (as ``python -m bench`` does), then writes
the whole ``organizations`` list as XLSX and as CSV through :func:`graph.exports.write_sheet`, the
function the API's route calls, each in a fresh child process (:mod:`bench.memory`).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.data import SCALES, write_csv
from bench.instance import Connection, connection, fresh_instance
from bench.memory import in_child
from graph.exports import Format, count_rows, organization_sheet, write_sheet
from graph.importer import import_directory
from graph.schema import apply_schema


def _export(target: Connection, path: str, format: str) -> tuple[int, int]:
    """Rows written and bytes of the file (runs in the child)."""
    db = target.open()
    try:
        sheet = organization_sheet(db)
        count_rows(db, sheet)  # the route counts before it writes
        rows = write_sheet(db, sheet, Path(path), Format(format))
    finally:
        db.close()
    return rows, Path(path).stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=list(SCALES), default="10k")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--home", type=Path, default=Path(".seriktes"))
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        fresh_instance(args.home, args.scale, port=args.port) as server,
    ):
        data = Path(folder) / "data"
        data.mkdir()
        write_csv(data, orgs=SCALES[args.scale])
        target = connection(server)
        db = target.open()
        try:
            apply_schema(db)  # the constraints the importer's MERGEs seek by
            result = import_directory(db, data)
            assert result.ok, result.summary()
        finally:
            db.close()
        figures = {}
        for format in Format:
            path = str(Path(folder) / f"organizations.{format.value}")
            measured = in_child(_export, target, path, format.value)
            rows, size = measured.value
            figures[format.value] = {"rows": rows, "bytes": size, **measured.figures()}
        print(json.dumps({"scale": args.scale, "export": figures}, indent=2))


if __name__ == "__main__":
    main()
