"""``seriktes``: the one command line for the managed Neo4j, data, and the server."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.db import connected, local_server
from graph.errors import SeriktesError
from graph.server import ServerError
from graph.settings import Settings, load_settings

Handler = Callable[[argparse.Namespace, Settings], int]


def _neo4j(args: argparse.Namespace, settings: Settings) -> int:
    server = local_server(settings)
    if settings.neo4j_uri:
        print(f"note: NEO4J_URI is set ({settings.neo4j_uri}); the app uses that server")
    if args.action == "start":
        result = server.start()
        what = "already running" if result.already_running else "started"
        print(f"Neo4j {server.version} {what} at {result.uri} in {result.seconds:.1f}s")
        print(f"data: {server.instance_dir}  password file: {server.instance_dir / 'password'}")
    elif args.action == "stop":
        print("Neo4j stopped" if server.stop() else "Neo4j was not running")
    elif args.action in ("dump", "load"):
        if not args.path:
            print(f"error: `seriktes neo4j {args.action}` needs a folder", file=sys.stderr)
            return 2
        folder = Path(args.path)
        if args.action == "dump":
            print(f"wrote {server.dump(folder)}")
        else:
            server.load(folder)
            print(f"loaded {folder / 'neo4j.dump'}; start Neo4j again with `seriktes neo4j start`")
    else:
        status = server.status()
        state = f"running (pid {status.pid})" if status.running else "stopped"
        print(f"Neo4j {server.version} at {status.uri}: {state}")
        return 0 if status.running else 3
    return 0


def _load_demo(args: argparse.Namespace, settings: Settings) -> int:
    from graph.demo_load import load_demo

    with connected(settings) as db:
        began = time.monotonic()
        result = load_demo(db, orgs=args.orgs, seed=args.seed, replace=args.replace)
        if not result.ok:
            print("\n".join(result.errors), file=sys.stderr)
            return 1
        print(result.summary())
        print(f"demo region loaded in {time.monotonic() - began:.1f}s")
    return 0


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from graph.importer import import_directory
    from graph.importer.report import ERROR_SHEET, summarize, write_error_sheet
    from graph.schema import apply_schema

    directory = Path(args.directory)
    with connected(settings) as db:
        apply_schema(db)  # a fresh database needs the reference data the files refer to
        result = import_directory(db, directory, batch_size=args.batch_size)
    sheet = directory / ERROR_SHEET
    if not result.ok:
        print("\n".join(summarize(result.errors)), file=sys.stderr)
        print(result.summary(), file=sys.stderr)
        if directory.is_dir():
            try:
                write_error_sheet(sheet, result.errors)
                print(f"every error: {sheet}", file=sys.stderr)
            except OSError as exc:  # a read-only folder (a container's :ro mount)
                print(f"could not write {sheet}: {exc.strerror}", file=sys.stderr)
        return 1
    with contextlib.suppress(OSError):  # a list of errors since fixed would mislead
        sheet.unlink(missing_ok=True)
    print(result.summary())
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from graph.importer.export import export_directory

    with connected(settings) as db:
        counts = export_directory(db, Path(args.directory))
    for table, count in counts.items():
        print(f"{table:<15} {count:>8} rows")
    return 0


def _workers(args: argparse.Namespace, settings: Settings) -> int:
    workers: int = settings.workers if args.workers is None else args.workers
    if workers < 1:
        raise SeriktesError(f"--workers / SERIKTES_WORKERS must be 1 or more, not {workers}")
    return workers


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    host, port, workers = (
        args.host or settings.host,
        args.port or settings.port,
        _workers(args, settings),
    )
    if not settings.neo4j_uri:
        local_server(settings).start()
    print(f"Seriktes at http://{host}:{port}/  (GraphQL: /graphql, health: /health)", flush=True)
    uvicorn.run(
        "api.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
    return 0


def _up(args: argparse.Namespace, settings: Settings) -> int:
    """Everything a newcomer needs: Neo4j, the demo region (when the graph is empty), the API."""
    from graph.demo_load import load_demo, organization_count

    _workers(args, settings)  # a bad option is named before anything starts

    with connected(settings) as db:
        if organization_count(db) == 0:
            result = load_demo(db, orgs=300, seed=2018)
            if not result.ok:
                print("\n".join(result.errors), file=sys.stderr)
                return 1
            print(result.summary())
    return _serve(args, settings)


def _token(args: argparse.Namespace, settings: Settings) -> int:
    from graph import tokens
    from graph.schema import apply_schema

    with connected(settings) as db:
        apply_schema(db)
        if args.action == "create":
            info, secret = tokens.create_token(db, role=tokens.ApiRole(args.role), name=args.name)
            print(
                f"token {info.id} ({info.role.value}) for {info.name!r}; shown once, keep it safe:"
            )
            print(secret)
        elif args.action == "revoke":
            tokens.revoke_token(db, args.name)
            print(f"revoked {args.name}")
        else:
            for t in tokens.list_tokens(db):
                state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
                print(f"{t.id}  {t.role.value:<12} {state:<18} {t.name}")
    return 0


def _documents(args: argparse.Namespace, settings: Settings) -> int:
    from graph import documents

    with connected(settings) as db:
        for path in args.files:
            digest = documents.register(db, Path(path).read_text(), client=args.client)
            print(f"{digest}  {path}")
    return 0


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    from api.schema import create_schema

    sdl = create_schema().as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl)
        print(f"wrote {args.output}")
    return 0


NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def jupyterlab_command(options: Sequence[str], *, root: bool) -> list[str]:
    """JupyterLab on the project's notebooks with the user's ``options`` as typed.

    The first ``--`` (``seriktes notebooks -- --no-browser``) only separates them and is dropped.
    JupyterLab refuses to run as root (every container) without ``--allow-root``, so it is added
    for root unless the user already said it.
    """
    options = list(options)
    if "--" in options:
        options.remove("--")
    said = any(o == "--allow-root" or o.startswith("--ServerApp.allow_root") for o in options)
    if root and not said:
        options.append("--allow-root")
    return [sys.executable, "-m", "jupyterlab", "--notebook-dir", str(NOTEBOOKS), *options]


def _notebooks(args: argparse.Namespace, settings: Settings) -> int:
    """Become JupyterLab, so its signals (Ctrl+C, a supervisor's SIGTERM) reach it directly;
    the notebooks connect as this command would (``graph.research.open_research``)."""
    command = jupyterlab_command(args.jupyterlab, root=os.geteuid() == 0)
    sys.stdout.flush()
    os.execv(command[0], command)


def _render_notebooks(args: argparse.Namespace, settings: Settings) -> int:
    """Run every notebook from a fresh kernel into HTML (git-ignored ``notebooks/rendered``)."""
    notebooks = [str(p) for p in sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))]
    return subprocess.call(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
         "--ExecutePreprocessor.timeout=600", "--output-dir", str(NOTEBOOKS / "rendered"),
         *notebooks]
    )  # fmt: skip


def _bench(argv: list[str]) -> int:
    from bench.suite import main as bench_main

    return bench_main(argv)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="seriktes",
        description="The partnership graph of civil society in Pavlodar region.",
        epilog="Settings come from the environment or .env: NEO4J_URI, NEO4J_USER, "
        "NEO4J_PASSWORD, NEO4J_DATABASE, SERIKTES_HOME, SERIKTES_NEO4J_PORT, "
        "SERIKTES_NEO4J_HEAP, SERIKTES_NEO4J_PAGECACHE, SERIKTES_HOST, SERIKTES_PORT.",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    neo = sub.add_parser("neo4j", help="start, stop, inspect, dump or load the managed local Neo4j")
    neo.add_argument("action", choices=["start", "stop", "status", "dump", "load"])
    neo.add_argument("path", nargs="?", help="dump/load: folder holding neo4j.dump")
    neo.set_defaults(handler=_neo4j)

    demo = sub.add_parser("load-demo", help="write the demo Pavlodar region through the importer")
    demo.add_argument("--orgs", type=int, default=300, help="synthetic organisations (300)")
    demo.add_argument("--seed", type=int, default=2018, help="random seed (2018)")
    demo.add_argument("--replace", action="store_true", help="delete all data first")
    demo.set_defaults(handler=_load_demo)

    imp = sub.add_parser("import", help="import a folder of CSV/XLSX files (all or nothing)")
    imp.add_argument("directory", help="folder with territories.csv, organizations.csv, ...")
    imp.add_argument("--batch-size", type=int, default=2000, help="rows per UNWIND (2000)")
    imp.set_defaults(handler=_import)

    exp = sub.add_parser("export", help="write the graph as the CSV files import reads")
    exp.add_argument("directory")
    exp.set_defaults(handler=_export)

    tok = sub.add_parser("token", help="create, revoke or list API tokens")
    tok_sub = tok.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = tok_sub.add_parser("create", help="issue a token (printed once, last line)")
    create.add_argument("--role", required=True, choices=["viewer", "coordinator", "admin"])
    create.add_argument("--name", required=True, help="who or what uses it")
    revoke = tok_sub.add_parser("revoke", help="revoke by token id or name")
    revoke.add_argument("name", help="token id (tok_...) or the name it was given")
    tok_sub.add_parser("list", help="list tokens (never their secrets)")
    tok.set_defaults(handler=_token)

    docs = sub.add_parser("documents", help="register trusted GraphQL documents")
    docs.add_argument("files", nargs="+", help=".graphql files, one operation each")
    docs.add_argument("--client", required=True, help="the frontend that sends them")
    docs.set_defaults(handler=_documents)

    sub.add_parser(
        "notebooks",
        help="open the research notebooks in JupyterLab; other options go to it as typed "
        "(--port 8899 --no-browser; its own help: seriktes notebooks -- --help)",
        usage="seriktes notebooks [JUPYTERLAB OPTION ...]",
        description="JupyterLab on notebooks/, with every option given here (e.g. --port 8899 "
        "--no-browser); as root --allow-root is added. JupyterLab's options: "
        "seriktes notebooks -- --help",
        allow_abbrev=False,  # JupyterLab's --he… is never taken for our --help
    ).set_defaults(handler=_notebooks)
    render = sub.add_parser("render-notebooks", help="execute every notebook into HTML")
    render.set_defaults(handler=_render_notebooks)

    sub.add_parser(
        "bench",
        help="benchmark import, GraphQL vs raw Cypher and analytics (--scale demo|10k|100k)",
        add_help=False,  # listed here; main() hands its arguments to the benchmark's parser
    )

    sdl = sub.add_parser("schema", help="print or write the GraphQL schema (SDL)")
    sdl.add_argument("--output", "-o", default="-", help="file to write (default: stdout)")
    sdl.set_defaults(handler=_schema)

    for name, handler, text in (
        ("serve", _serve, "serve the API (GraphQL and /health)"),
        ("up", _up, "start Neo4j, load the demo region if the graph is empty, serve the API"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--host", help="interface to listen on (SERIKTES_HOST, 127.0.0.1)")
        cmd.add_argument("--port", type=int, help="port (SERIKTES_PORT, 8000)")
        cmd.add_argument(
            "--workers", type=int, help="API processes, e.g. one per core (SERIKTES_WORKERS, 1)"
        )
        cmd.set_defaults(handler=handler)
    return top


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The command and its options; ``notebooks`` keeps the ones it does not know for JupyterLab
    (``args.jupyterlab``), every other command refuses them."""
    top = parser()
    args, rest = top.parse_known_args(argv)
    if args.handler is _notebooks:
        args.jupyterlab = rest
    elif rest:
        top.error(f"unrecognized arguments: {' '.join(rest)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bench"]:  # the benchmark parses its own options, --help included
        return _bench(argv[2:] if argv[1:2] == ["--"] else argv[1:])
    args = parse(argv)
    settings = load_settings()
    try:
        return int(args.handler(args, settings))
    except (ServerError, SeriktesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
