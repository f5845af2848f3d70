"""The managed local Neo4j: Community 5.26 LTS from Maven Central, run on the local JDK.

This machine class has no Docker engine and cannot reach neo4j.com, but reaches Maven Central, and
the ``org.neo4j:neo4j`` artifact is the whole Community server. ``install`` resolves it once with
Maven into a shared ``lib/``; each instance (the user's, the test suite's) has its own folder with
``conf/``, ``data/``, ``logs/``, a pid file and a generated password, and its own Bolt port.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.i18n import Text, t

NEO4J_VERSION = "5.26.30"
_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_ADMIN_ENTRY_POINT = "org.neo4j.server.startup.Neo4jAdminCommand"
# Servers started by this process; holding them keeps Popen from warning that they still run.
_STARTED: list[subprocess.Popen[bytes]] = []


class ServerError(RuntimeError):
    """The managed Neo4j could not be installed, started or stopped; the message says why."""


@dataclass(frozen=True, slots=True)
class Status:
    running: bool
    pid: int | None
    uri: str


@dataclass(frozen=True, slots=True)
class StartResult:
    already_running: bool
    installed: bool
    seconds: float
    uri: str


@dataclass(frozen=True, slots=True)
class LocalNeo4j:
    """One managed instance. ``home`` is shared by instances; ``name`` picks the instance folder."""

    home: Path
    name: str = "neo4j"
    port: int = 17687
    heap: str = "1g"
    pagecache: str = "512m"
    version: str = NEO4J_VERSION

    @property
    def lib_dir(self) -> Path:
        return self.home / f"neo4j-{self.version}" / "lib"

    @property
    def instance_dir(self) -> Path:
        return self.home / self.name

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def user(self) -> str:
        return "neo4j"

    @property
    def _pid_file(self) -> Path:
        return self.instance_dir / "run" / "neo4j.pid"

    @property
    def _password_file(self) -> Path:
        return self.instance_dir / "password"

    @property
    def console_log(self) -> Path:
        return self.instance_dir / "logs" / "console.log"

    def password(self) -> str:
        try:
            return self._password_file.read_text().strip()
        except FileNotFoundError:
            raise ServerError(
                t(
                    "no password in {file}: run `seriktes neo4j start` first",
                    file=self._password_file,
                )
            ) from None

    # -- install ---------------------------------------------------------------------------------

    def is_installed(self) -> bool:
        return (self.lib_dir / f"neo4j-{self.version}.jar").exists()

    def install(self) -> bool:
        """Resolve the server jars with Maven once; returns whether anything was downloaded."""
        if self.is_installed():
            return False
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                t(
                    "Maven (`mvn`) is needed to fetch Neo4j from Maven Central; install it "
                    "(e.g. `apt-get install maven`) or set NEO4J_URI to an existing server"
                )
            )
        self.lib_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="lib-", dir=self.lib_dir.parent))
        pom = resources.files("graph.server").joinpath("pom.xml")
        with resources.as_file(pom) as pom_path:
            proc = subprocess.run(
                [
                    mvn, "-q", "-B", "-f", str(pom_path),
                    f"-Dneo4j.version={self.version}",
                    "dependency:copy-dependencies",
                    f"-DoutputDirectory={staging}",
                ],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
        if proc.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise ServerError(
                t(
                    "Maven could not fetch Neo4j {version}:\n{output}",
                    version=self.version,
                    output=proc.stdout[-3000:],
                )
            )
        staging.rename(self.lib_dir)  # atomic: a half-finished download is never taken as installed
        return True

    # -- lifecycle -------------------------------------------------------------------------------

    def status(self) -> Status:
        pid = self._live_pid()
        return Status(running=pid is not None, pid=pid, uri=self.uri)

    def start(self, *, timeout: float = 180.0) -> StartResult:
        """Install if needed, start, and wait until Bolt answers. A no-op when already running."""
        began = time.monotonic()
        if self._live_pid() is not None:
            self.wait_until_ready(timeout=timeout)
            return StartResult(True, False, time.monotonic() - began, self.uri)
        java = _java()
        installed = self.install()
        if _port_in_use(self.port):
            raise ServerError(
                t(
                    "port {port} is taken by another process; "
                    "set SERIKTES_NEO4J_PORT to a free port or stop that process",
                    port=self.port,
                )
            )
        self._write_config()
        if not self._password_file.exists():
            self._set_initial_password(java)
        self.console_log.parent.mkdir(parents=True, exist_ok=True)
        with self.console_log.open("ab") as log:
            proc = subprocess.Popen(
                [
                    java, f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseG1GC",
                    "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
                    "-cp", f"{self.lib_dir}/*", _ENTRY_POINT,
                    f"--home-dir={self.instance_dir}", f"--config-dir={self.instance_dir / 'conf'}",
                ],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # survives the CLI that started it; stopped by `stop`
            )  # fmt: skip
        _STARTED.append(proc)
        self._pid_file.parent.mkdir(parents=True, exist_ok=True)
        self._pid_file.write_text(str(proc.pid))
        try:
            self.wait_until_ready(timeout=timeout, process=proc)
        except ServerError:
            self.stop()
            raise
        return StartResult(False, installed, time.monotonic() - began, self.uri)

    def wait_until_ready(
        self, *, timeout: float, process: subprocess.Popen[bytes] | None = None
    ) -> None:
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise ServerError(
                    t(
                        "Neo4j exited with code {code} while starting; "
                        "last lines of {log}:\n{tail}",
                        code=process.returncode,
                        log=self.console_log,
                        tail=self._log_tail(),
                    )
                )
            try:
                with neo4j.GraphDatabase.driver(
                    self.uri, auth=(self.user, self.password()), connection_timeout=2
                ) as driver:
                    driver.verify_connectivity()
                    driver.execute_query("RETURN 1", database_="neo4j")
                return
            except (ServiceUnavailable, OSError, neo4j.exceptions.DatabaseUnavailable) as exc:
                last = exc
            except AuthError as exc:
                raise ServerError(
                    t(
                        "Neo4j on port {port} rejects the password in {file}; "
                        "is another server using that port?",
                        port=self.port,
                        file=self._password_file,
                    )
                ) from exc
            time.sleep(0.3)
        raise ServerError(
            t(
                "Neo4j did not answer on {uri} within {seconds}s ({last}); see {log}:\n{tail}",
                uri=self.uri,
                seconds=round(timeout),
                last=last,
                log=self.console_log,
                tail=self._log_tail(),
            )
        )

    def stop(self, *, timeout: float = 60.0) -> bool:
        """Stop cleanly (SIGTERM, SIGKILL after ``timeout``); returns whether it was running."""
        pid = self._live_pid()
        if pid is None:
            self._pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
        self._pid_file.unlink(missing_ok=True)
        return True

    # -- backup ----------------------------------------------------------------------------------

    def dump(self, directory: Path) -> Path:
        """Write ``neo4j.dump`` (neo4j-admin database dump) into ``directory``; needs it stopped."""
        self._admin_offline("dump", "neo4j", f"--to-path={directory}", directory=directory)
        return directory / "neo4j.dump"

    def load(self, directory: Path) -> None:
        """Replace the database with ``directory/neo4j.dump``; needs it stopped."""
        if not (directory / "neo4j.dump").exists():
            raise ServerError(t("no neo4j.dump in {directory}", directory=directory))
        self._admin_offline(
            "load", "neo4j", f"--from-path={directory}", "--overwrite-destination=true",
            directory=directory,
        )  # fmt: skip

    def _admin_offline(self, command: str, *args: str, directory: Path) -> None:
        if self._live_pid() is not None:
            raise ServerError(
                t(
                    "Neo4j Community can {command} only while stopped: "
                    "run `seriktes neo4j stop` first",
                    command=command,
                )
            )
        java = _java()
        self.install()
        self._write_config()
        directory.mkdir(parents=True, exist_ok=True)
        env = os.environ | {
            "NEO4J_HOME": str(self.instance_dir),
            "NEO4J_CONF": str(self.instance_dir / "conf"),
        }
        proc = subprocess.run(
            [java, "-cp", f"{self.lib_dir}/*", _ADMIN_ENTRY_POINT, "database", command, *args],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            raise ServerError(
                t(
                    "neo4j-admin database {command} failed:\n{output}",
                    command=command,
                    output=proc.stdout + proc.stderr,
                )
            )

    # -- internals -------------------------------------------------------------------------------

    def _live_pid(self) -> int | None:
        try:
            pid = int(self._pid_file.read_text())
        except (FileNotFoundError, ValueError):
            return None
        if not _alive(pid):
            return None
        try:  # a recycled pid must not be mistaken for our server
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return pid
        return pid if _ENTRY_POINT.encode() in cmdline else None

    def _write_config(self) -> None:
        conf = self.instance_dir / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        d = self.instance_dir
        (conf / "neo4j.conf").write_text(
            "# Written by seriktes on every start; change the SERIKTES_NEO4J_* settings instead.\n"
            f"server.default_listen_address=127.0.0.1\n"
            f"server.bolt.listen_address=127.0.0.1:{self.port}\n"
            "server.http.enabled=false\n"
            "server.https.enabled=false\n"
            f"server.directories.data={d / 'data'}\n"
            f"server.directories.logs={d / 'logs'}\n"
            f"server.directories.run={d / 'run'}\n"
            f"server.directories.import={d / 'import'}\n"
            f"server.directories.plugins={d / 'plugins'}\n"
            "dbms.security.auth_enabled=true\n"
            f"server.memory.pagecache.size={self.pagecache}\n"
            "dbms.usage_report.enabled=false\n"
            "db.transaction.timeout=60m\n"  # an import is one transaction: all or nothing
        )

    def _set_initial_password(self, java: str) -> None:
        password = secrets.token_hex(24)  # never starts with "-", which neo4j-admin would misread
        env = os.environ | {
            "NEO4J_HOME": str(self.instance_dir),
            "NEO4J_CONF": str(self.instance_dir / "conf"),
        }
        proc = subprocess.run(
            [java, "-cp", f"{self.lib_dir}/*", _ADMIN_ENTRY_POINT,
             "dbms", "set-initial-password", password],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            raise ServerError(
                t("could not set the initial password: {output}", output=proc.stdout + proc.stderr)
            )
        self._password_file.parent.mkdir(parents=True, exist_ok=True)
        self._password_file.touch(mode=0o600)
        self._password_file.write_text(password + "\n")

    def _log_tail(self, lines: int = 30) -> Text | str:
        try:
            return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return t("(no log)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child of ours is not alive
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _java() -> str:
    """``$JAVA_HOME/bin/java`` or the ``java`` on PATH; Neo4j 5.26 needs Java 17 or 21."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ServerError(
            t("no Java found: Neo4j 5.26 needs a JDK 17 or 21 (set JAVA_HOME or put java on PATH)")
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    match = re.search(r'version "(\d+)', out)
    major = int(match.group(1)) if match else 0
    if major not in (17, 21):
        raise ServerError(
            t(
                "{java} is Java {major}; Neo4j 5.26 runs on Java 17 or 21",
                java=java,
                major=major or "?",
            )
        )
    return java
