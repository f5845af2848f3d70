"""``seriktes``: the one command line for the managed Neo4j, data, and the server.

It speaks the operator's language: ``SERIKTES_LANG`` (kk, ru, en) or the locale, Russian by
default (:func:`graph.i18n.language_from_environment`) — help, what it prints, import errors and
the error workbook alike. Codes, paths and option names stay as they are.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph.db import connected, local_server
from graph.errors import SeriktesError
from graph.i18n import Language, Text, t, tn, tp
from graph.server import ServerError
from graph.settings import Settings, load_settings

if TYPE_CHECKING:
    from graph.importer import Problem
    from graph.importer.progress import Meter

Handler = Callable[[argparse.Namespace, Settings], int]


def say(text: Text, *, error: bool = False) -> None:
    """Print a message in the operator's language (to stderr when ``error``)."""
    print(text, file=sys.stderr if error else sys.stdout)


def _neo4j(args: argparse.Namespace, settings: Settings) -> int:
    server = local_server(settings)
    if settings.neo4j_uri:
        say(t("note: NEO4J_URI is set ({uri}); the app uses that server", uri=settings.neo4j_uri))
    if args.action == "start":
        result = server.start()
        seconds = f"{result.seconds:.1f}"
        if result.already_running:
            say(
                t(
                    "Neo4j {version} already running at {uri}",
                    version=server.version,
                    uri=result.uri,
                )
            )
        else:
            say(
                t(
                    "Neo4j {version} started at {uri} in {seconds} s",
                    version=server.version,
                    uri=result.uri,
                    seconds=seconds,
                )
            )
        folder = server.instance_dir
        say(t("data: {folder}  password file: {file}", folder=folder, file=folder / "password"))
    elif args.action == "stop":
        say(t("Neo4j stopped") if server.stop() else t("Neo4j was not running"))
    elif args.action in ("dump", "load"):
        if not args.path:
            command = f"seriktes neo4j {args.action}"
            say(t("error: `{command}` needs a folder", command=command), error=True)
            return 2
        folder = Path(args.path)
        if args.action == "dump":
            say(t("wrote {path}", path=server.dump(folder)))
        else:
            server.load(folder)
            say(
                t(
                    "loaded {path}; start Neo4j again with `seriktes neo4j start`",
                    path=folder / "neo4j.dump",
                )
            )
    else:
        status = server.status()
        if status.running:
            say(
                t(
                    "Neo4j {version} at {uri}: running (pid {pid})",
                    version=server.version,
                    uri=status.uri,
                    pid=status.pid,
                )
            )
        else:
            say(t("Neo4j {version} at {uri}: stopped", version=server.version, uri=status.uri))
        return 0 if status.running else 3
    return 0


def _load_demo(args: argparse.Namespace, settings: Settings) -> int:
    from graph.demo_load import load_demo

    with connected(settings) as db:
        began = time.monotonic()
        result = load_demo(
            db, orgs=args.orgs, seed=args.seed, replace=args.replace, meter=_meter(args)
        )
        if not result.ok:
            _print_errors(result.errors)
            return 1
        print(result.summary())
        seconds = f"{time.monotonic() - began:.1f}"
        say(t("demo region loaded in {seconds} s", seconds=seconds))
    return 0


def _meter(args: argparse.Namespace) -> Meter:
    """Progress on stderr: a bar on a terminal, a line every few seconds elsewhere."""
    from graph.importer.progress import meter

    return meter(quiet=args.quiet)


def _print_errors(errors: Sequence[Problem]) -> None:
    """Import errors on stderr: every line of a short list, a summary of a long one."""
    from graph.importer.report import summarize

    print("\n".join(summarize(errors)), file=sys.stderr)


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from graph.importer import import_directory
    from graph.importer.report import ERROR_SHEET, write_error_sheet
    from graph.schema import apply_schema

    directory = Path(args.directory)
    with connected(settings) as db:
        apply_schema(db)  # a fresh database needs the reference data the files refer to
        result = import_directory(db, directory, batch_size=args.batch_size, meter=_meter(args))
    sheet = directory / ERROR_SHEET
    if not result.ok:
        _print_errors(result.errors)
        print(result.summary(), file=sys.stderr)
        if directory.is_dir():
            try:
                write_error_sheet(sheet, result.errors)
                say(t("every error: {path}", path=sheet), error=True)
            except OSError as exc:  # a read-only folder (a container's :ro mount)
                reason = exc.strerror or exc
                say(t("could not write {path}: {reason}", path=sheet, reason=reason), error=True)
        return 1
    with contextlib.suppress(OSError):  # a list of errors since fixed would mislead
        sheet.unlink(missing_ok=True)
    print(result.summary())
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from graph.importer.export import export_directory

    with connected(settings) as db:
        counts = export_directory(db, Path(args.directory), meter=_meter(args))
    for table, count in counts.items():
        say(t("{table} {rows} rows", table=table.ljust(15), rows=str(count).rjust(8)))
    return 0


def _workers(args: argparse.Namespace, settings: Settings) -> int:
    workers: int = settings.workers if args.workers is None else args.workers
    if workers < 1:
        raise SeriktesError(
            t("--workers / SERIKTES_WORKERS must be 1 or more, not {workers}", workers=workers)
        )
    return workers


WORKER_HEALTHCHECK_S = 120
"""Seconds a worker may leave uvicorn's health ping unanswered (busy, not dead) with --workers."""


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    host, port, workers = (
        args.host or settings.host,
        args.port or settings.port,
        _workers(args, settings),
    )
    if not settings.neo4j_uri:
        local_server(settings).start()
    url = f"http://{host}:{port}/"
    say(t("Seriktes at {url}  (GraphQL: /graphql, health: /health)", url=url))
    sys.stdout.flush()
    uvicorn.run(
        "api.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # named, not "auto": without them a keep-alive request to `--workers N` waits ~40 ms
        # for a delayed ACK (asyncio leaves Nagle on for uvicorn's pre-bound socket)
        loop="uvloop",
        http="httptools",
        # uvicorn kills a worker that does not answer its health ping within this many seconds;
        # its 5 s default killed busy workers at 100k, where one igraph call of the background
        # analytics holds the GIL longer than that (and the new worker started over)
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
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
                _print_errors(result.errors)
                return 1
            print(result.summary())
    return _serve(args, settings)


def _token(args: argparse.Namespace, settings: Settings) -> int:
    from graph import tokens
    from graph.schema import apply_schema

    with connected(settings) as db:
        apply_schema(db)
        if args.action == "create":
            info, secret = tokens.create_token(
                db, role=tokens.ApiRole(args.role), name=args.name, territory=args.territory
            )
            if info.territory is None:
                message = t(
                    "token {id} ({role}) for {name!r}; shown once, keep it safe:",
                    id=info.id,
                    role=info.role.value,
                    name=info.name,
                )
            else:
                message = t(
                    "token {id} ({role}) for {name!r}, writing only in territory {kato} and "
                    "under it; shown once, keep it safe:",
                    id=info.id,
                    role=info.role.value,
                    name=info.name,
                    kato=info.territory,
                )
            say(message)
            print(secret)
        elif args.action == "revoke":
            tokens.revoke_token(db, args.name)
            say(t("revoked {name}", name=args.name))
        else:
            for token in tokens.list_tokens(db):
                revoked = token.revoked_at
                state = t("revoked {date}", date=revoked.date()) if revoked else t("active")
                scope = token.territory or "-"
                print(f"{token.id}  {token.role.value:<12} {scope:<10} {state!s:<18} {token.name}")
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
        say(t("wrote {path}", path=args.output))
    return 0


SOURCE = Path(__file__).resolve().parent.parent
"""The source tree whose messages ``seriktes messages check`` compares with the catalogues."""


def _messages(args: argparse.Namespace, settings: Settings) -> int:
    """For translators: what the Kazakh and Russian catalogues lack, or hold that is unused."""
    from graph.i18n.check import problems

    found = [p for language in (Language.KK, Language.RU) for p in problems(language, args.source)]
    for problem in found:
        print(problem)
    if found:
        count = tn("{n} problem in the catalogues", "{n} problems in the catalogues", len(found))
        say(count, error=True)
        return 1
    say(t("every message has its Kazakh and Russian translation"))
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
    from bench.importing import QUIET
    from bench.suite import main as bench_main

    if "--quiet" in argv:  # the writers run in child processes: they read it from there
        argv = [a for a in argv if a != "--quiet"]
        os.environ[QUIET] = "1"
    return bench_main(argv)


ARGPARSE: dict[str, Text] = {
    "usage: ": tp("argparse", "usage: "),
    "positional arguments": tp("argparse", "positional arguments"),
    "options": tp("argparse", "options"),
    "show this help message and exit": tp("argparse", "show this help message and exit"),
    "%(prog)s: error: %(message)s\n": tp("argparse", "%(prog)s: error: %(message)s\n"),
    "the following arguments are required: %s": tp(
        "argparse", "the following arguments are required: %s"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": tp(
        "argparse", "invalid choice: %(value)r (choose from %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": tp(
        "argparse", "argument %(argument_name)s: %(message)s"
    ),
    "expected one argument": tp("argparse", "expected one argument"),
    "invalid %(type)s value: %(value)r": tp("argparse", "invalid %(type)s value: %(value)r"),
}
"""What argparse itself says (headings, ``-h``, its errors), by argparse's own English text; its
``%(name)s`` placeholders are argparse's and stay as they are in a translation."""


def _argparse_text(message: str) -> str:
    text = ARGPARSE.get(message)
    return text.render() if text is not None else message


def parser() -> argparse.ArgumentParser:
    """The commands and their help in the operator's language, argparse's own words included
    (it looks its texts up through its module's ``_``, the hook gettext gives it)."""
    setattr(argparse, "_", _argparse_text)  # noqa: B010 (typeshed does not declare argparse._)
    top = argparse.ArgumentParser(
        prog="seriktes",
        description=str(t("The partnership graph of civil society in Pavlodar region.")),
        epilog=str(
            t(
                "Settings come from the environment or .env: {variables}. The language: "
                "SERIKTES_LANG (kk, ru or en) or the locale; Russian by default.",
                variables="NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, SERIKTES_HOME, "
                "SERIKTES_NEO4J_PORT, SERIKTES_NEO4J_HEAP, SERIKTES_NEO4J_PAGECACHE, "
                "SERIKTES_HOST, SERIKTES_PORT",
            )
        ),
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    neo = sub.add_parser(
        "neo4j", help=str(t("start, stop, inspect, dump or load the managed local Neo4j"))
    )
    neo.add_argument("action", choices=["start", "stop", "status", "dump", "load"])
    neo.add_argument("path", nargs="?", help=str(t("dump/load: folder holding neo4j.dump")))
    neo.set_defaults(handler=_neo4j)

    demo = sub.add_parser(
        "load-demo", help=str(t("write the demo Pavlodar region through the importer"))
    )
    demo.add_argument(
        "--orgs", type=int, default=300, help=str(t("synthetic organisations ({n})", n=300))
    )
    demo.add_argument("--seed", type=int, default=2018, help=str(t("random seed ({n})", n=2018)))
    demo.add_argument("--replace", action="store_true", help=str(t("delete all data first")))
    demo.add_argument("--quiet", action="store_true", help=str(t("show no progress")))
    demo.set_defaults(handler=_load_demo)

    imp = sub.add_parser(
        "import", help=str(t("import a folder of CSV/XLSX files (all or nothing)"))
    )
    imp.add_argument(
        "directory", help=str(t("folder with territories.csv, organizations.csv, ..."))
    )
    imp.add_argument(
        "--batch-size", type=int, default=2000, help=str(t("rows per UNWIND ({n})", n=2000))
    )
    imp.add_argument("--quiet", action="store_true", help=str(t("show no progress")))
    imp.set_defaults(handler=_import)

    exp = sub.add_parser("export", help=str(t("write the graph as the CSV files import reads")))
    exp.add_argument("directory")
    exp.add_argument("--quiet", action="store_true", help=str(t("show no progress")))
    exp.set_defaults(handler=_export)

    tok = sub.add_parser("token", help=str(t("create, revoke or list API tokens")))
    tok_sub = tok.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = tok_sub.add_parser("create", help=str(t("issue a token (printed once, last line)")))
    create.add_argument(
        "--role", required=True, choices=["viewer", "coordinator", "steward", "admin"]
    )
    create.add_argument("--name", required=True, help=str(t("who or what uses it")))
    create.add_argument(
        "--territory",
        metavar="KATO",
        help=str(
            t("a coordinator's writes stay in this territory and under it (default: the region)")
        ),
    )
    revoke = tok_sub.add_parser("revoke", help=str(t("revoke by token id or name")))
    revoke.add_argument("name", help=str(t("token id (tok_...) or the name it was given")))
    tok_sub.add_parser("list", help=str(t("list tokens (never their secrets)")))
    tok.set_defaults(handler=_token)

    docs = sub.add_parser("documents", help=str(t("register trusted GraphQL documents")))
    docs.add_argument("files", nargs="+", help=str(t(".graphql files, one operation each")))
    docs.add_argument("--client", required=True, help=str(t("the frontend that sends them")))
    docs.set_defaults(handler=_documents)

    sub.add_parser(
        "notebooks",
        help=str(
            t(
                "open the research notebooks in JupyterLab; other options go to it as typed "
                "(--port 8899 --no-browser; its own help: seriktes notebooks -- --help)"
            )
        ),
        usage="seriktes notebooks [JUPYTERLAB OPTION ...]",
        description=str(
            t(
                "JupyterLab on notebooks/, with every option given here (e.g. --port 8899 "
                "--no-browser); as root --allow-root is added. JupyterLab's options: "
                "seriktes notebooks -- --help"
            )
        ),
        allow_abbrev=False,  # JupyterLab's --he… is never taken for our --help
    ).set_defaults(handler=_notebooks)
    render = sub.add_parser("render-notebooks", help=str(t("execute every notebook into HTML")))
    render.set_defaults(handler=_render_notebooks)

    sub.add_parser(
        "bench",
        help=str(
            t("benchmark import, GraphQL vs raw Cypher and analytics (--scale demo|10k|100k)")
        ),
        add_help=False,  # listed here; main() hands its arguments to the benchmark's parser
    )

    sdl = sub.add_parser("schema", help=str(t("print or write the GraphQL schema (SDL)")))
    sdl.add_argument("--output", "-o", default="-", help=str(t("file to write (default: stdout)")))
    sdl.set_defaults(handler=_schema)

    messages = sub.add_parser(
        "messages", help=str(t("for translators: check the Kazakh and Russian catalogues"))
    )
    messages.add_argument(
        "action",
        choices=["check"],
        help=str(
            t(
                "check: list messages without a kk or ru translation, placeholders that differ "
                "and entries no code uses (exit status 1 if any)"
            )
        ),
    )
    messages.add_argument(
        "--source", type=Path, default=SOURCE, help=str(t("the source tree to check"))
    )
    messages.set_defaults(handler=_messages)

    for name, handler, text in (
        ("serve", _serve, t("serve the API (GraphQL and /health)")),
        ("up", _up, t("start Neo4j, load the demo region if the graph is empty, serve the API")),
    ):
        cmd = sub.add_parser(name, help=str(text))
        cmd.add_argument("--host", help=str(t("interface to listen on (SERIKTES_HOST, 127.0.0.1)")))
        cmd.add_argument("--port", type=int, help=str(t("port (SERIKTES_PORT, 8000)")))
        cmd.add_argument(
            "--workers",
            type=int,
            help=str(t("API processes, e.g. one per core (SERIKTES_WORKERS, 1)")),
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
        top.error(str(t("unrecognized arguments: {arguments}", arguments=" ".join(rest))))
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
        say(t("error: {message}", message=exc), error=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
