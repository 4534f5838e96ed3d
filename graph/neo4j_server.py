"""Run a real Neo4j next to Python: fetch its jars once, start the launcher, stop it cleanly.

No Neo4j package or container is available, so the embedded DBMS from Maven Central is started by
``neo4j_launcher/Launcher.java`` (Bolt on loopback, auth off). Tests use ``Neo4jServer`` (the JVM
dies with Python because it watches its stdin); ``ipcredit neo4j start|stop|status`` uses the
background functions, which leave a pid file and a uri file in the server's home.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from types import TracebackType

from ipcredit.errors import Neo4jUnavailable
from ipcredit.settings import Settings, cache_dir

READY = "IPCREDIT_NEO4J_READY "
HEAP_FLAG = "-Xmx1g"
JVM_FLAGS = (
    HEAP_FLAG,
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)
PID_FILE = "neo4j.pid"
URI_FILE = "neo4j.uri"
LOG_FILE = "launcher.log"
MVN_TIMEOUT = 1800
TAIL = 30
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SIZE = re.compile(r"[1-9][0-9]*[kKmMgG]?")


def default_version() -> str:
    return Settings.from_env().neo4j_version


def _tail(lines: list[str] | deque[str], n: int = TAIL) -> str:
    return "\n".join(list(lines)[-n:])


def _file_tail(path: Path, n: int = TAIL) -> str:
    try:
        return _tail(path.read_text(encoding="utf-8", errors="replace").splitlines(), n)
    except OSError:
        return "(none)"


def _root_cause(lines: list[str] | deque[str]) -> str:
    """The deepest Java 'Caused by' line (e.g. the store lock), which says more than the rest."""
    causes = [line.strip() for line in lines if line.strip().startswith("Caused by:")]
    return causes[-1].removeprefix("Caused by:").strip() if causes else ""


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Serialise jar downloads between processes (parallel test workers, CLI + tests)."""
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _require(tool: str, hint: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise Neo4jUnavailable(f"{tool!r} was not found on PATH; {hint}")
    return found


def _java() -> str:
    return _require("java", "Neo4j needs a Java 17 JDK "
                            "(e.g. apt-get install openjdk-17-jdk-headless)")


def ensure_jars(version: str | None = None) -> Path:
    """The folder holding every Neo4j jar, downloaded with Maven on first use only.

    The ``complete`` marker is written after the copy succeeded, so an interrupted download is
    redone from scratch next time instead of leaving a half-filled folder that fails later.
    """
    version = version or default_version()
    root = cache_dir() / f"neo4j-{version}"
    lib, marker = root / "lib", root / "complete"
    if marker.exists():
        return lib
    root.mkdir(parents=True, exist_ok=True)
    with _file_lock(root / ".lock"):
        if marker.exists():
            return lib
        _java()
        mvn = _require("mvn", "Maven is needed once to fetch the Neo4j jars "
                              "(e.g. apt-get install maven)")
        partial = root / "lib.partial"
        for stale in (partial, lib):
            shutil.rmtree(stale, ignore_errors=True)
        pom = root / "pom.xml"
        pom.write_bytes(
            resources.files("graph").joinpath("neo4j_launcher/pom.xml").read_bytes()
        )
        command = [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
                   f"-DoutputDirectory={partial}", "-DincludeScope=runtime",
                   f"-Dneo4j.version={version}"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=MVN_TIMEOUT,
                                  cwd=root)
        except subprocess.TimeoutExpired as exc:
            raise Neo4jUnavailable(
                f"fetching Neo4j {version} jars took more than {MVN_TIMEOUT}s"
            ) from exc
        output = _ANSI.sub("", done.stdout + done.stderr).splitlines()
        if done.returncode != 0 or not (partial / f"neo4j-{version}.jar").exists():
            raise Neo4jUnavailable(
                f"could not fetch the Neo4j {version} jars with Maven "
                f"(exit {done.returncode}); last output:\n{_tail(output) or '(none)'}"
            )
        partial.rename(lib)
        marker.write_text(f"{len(list(lib.glob('*.jar')))} jars\n", encoding="utf-8")
    return lib


def _memory_size(name: str, value: str) -> str:
    """A JVM-style size (``512m``, ``4g``); anything else is refused before it reaches a flag."""
    if not _SIZE.fullmatch(value):
        raise Neo4jUnavailable(f"{name}={value!r} is not a size such as 512m or 4g")
    return value


def server_flags(settings: Settings | None = None) -> list[str]:
    """JVM flags of the server: heap and page cache from the settings (``IPCREDIT_NEO4J_HEAP``,
    ``IPCREDIT_NEO4J_PAGECACHE``), so a large load can have more memory than the tests need."""
    settings = settings or Settings.from_env()
    heap = _memory_size("IPCREDIT_NEO4J_HEAP", settings.neo4j_heap)
    pagecache = _memory_size("IPCREDIT_NEO4J_PAGECACHE", settings.neo4j_pagecache)
    return [f"-Xmx{heap}" if flag == HEAP_FLAG else flag for flag in JVM_FLAGS] + \
        [f"-Dipcredit.pagecache={pagecache}"]


def _launcher_command(lib: Path, launcher: Path, home: Path, port: int,
                      watch_stdin: bool) -> list[str]:
    command = [_java(), *server_flags(), "-cp", f"{lib}{os.sep}*", str(launcher), str(home),
               str(port)]
    return [*command, "--watch-stdin"] if watch_stdin else command


def _launcher_source() -> contextlib.AbstractContextManager[Path]:
    """A real path to Launcher.java; the JVM reads it only while starting."""
    return resources.as_file(resources.files("graph").joinpath("neo4j_launcher/Launcher.java"))


def _failure(what: str, home: Path, output: list[str] | deque[str]) -> Neo4jUnavailable:
    cause = _root_cause(output)
    if "store_lock" in cause:
        cause = f"another process is using this Neo4j home (store lock held). {cause}"
    return Neo4jUnavailable(
        f"{what}{': ' + cause if cause else ''}\n"
        f"--- launcher output (last lines) ---\n{_tail(output) or '(none)'}\n"
        f"--- {home / 'logs' / 'debug.log'} (last lines) ---\n"
        f"{_file_tail(home / 'logs' / 'debug.log')}"
    )


class Neo4jServer:
    """A Neo4j process owned by this Python process: ``with Neo4jServer(home) as server: ...``.

    Its standard input is a pipe from us, so if Python dies the JVM sees end-of-file and shuts
    the database down instead of lingering and holding the store lock.
    """

    def __init__(self, home: Path, port: int = 0, version: str | None = None):
        self.home = Path(home).resolve()
        self.port = port
        self.version = version or default_version()
        self.uri: str | None = None
        self.started_in: float | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._output: deque[str] = deque(maxlen=400)
        self._ready = threading.Event()
        self._drained = threading.Event()

    def start(self, timeout: float = 180) -> str:
        """Start and wait for the ready line; return the bolt URI."""
        if self._proc is not None:
            raise Neo4jUnavailable(f"the Neo4j server for {self.home} is already started")
        lib = ensure_jars(self.version)
        self.home.mkdir(parents=True, exist_ok=True)
        began = time.monotonic()
        with _launcher_source() as launcher:
            self._proc = subprocess.Popen(
                _launcher_command(lib, launcher, self.home, self.port, watch_stdin=True),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                text=True, encoding="utf-8", errors="replace",
            )
            self._drained = threading.Event()
            threading.Thread(target=self._read_output, args=(self._proc, self._drained),
                             daemon=True).start()
            deadline = began + timeout
            while not self._ready.wait(0.2):
                if self._proc.poll() is not None:
                    self._drained.wait(5)
                    code = self._proc.returncode
                    self._proc = None
                    raise _failure(f"Neo4j at {self.home} exited with code {code} before it "
                                   f"was ready", self.home, self._output)
                if time.monotonic() > deadline:
                    self._kill()
                    raise _failure(f"Neo4j at {self.home} was not ready after {timeout:.0f}s",
                                   self.home, self._output)
        self.started_in = time.monotonic() - began
        assert self.uri is not None
        return self.uri

    def _read_output(self, proc: subprocess.Popen[str], done: threading.Event) -> None:
        """Keep draining stdout (a full pipe would block the JVM) and spot the ready line."""
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                line = line.rstrip("\n")
                self._output.append(line)
                if line.startswith(READY) and not self._ready.is_set():
                    self.uri = line[len(READY):].strip()
                    self._ready.set()
        finally:
            done.set()

    def stop(self, timeout: float = 60) -> None:
        """Close stdin so the launcher shuts the database down cleanly; force it if it hangs."""
        proc, self._proc = self._proc, None
        self._ready.clear()
        self.uri = None
        if proc is None:
            return
        with contextlib.suppress(OSError):
            if proc.stdin:
                proc.stdin.close()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.wait()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __enter__(self) -> Neo4jServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


# background dev server -----------------------------------------------------------------------
_children: dict[int, subprocess.Popen[bytes]] = {}


def _alive(pid: int) -> bool:
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not running
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return True


def _is_launcher(pid: int) -> bool:
    """Guard against a recycled pid: only signal a process that is our launcher."""
    try:
        return b"Launcher.java" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return _alive(pid)


def _read_pid(home: Path) -> int | None:
    try:
        return int((home / PID_FILE).read_text().strip())
    except (OSError, ValueError):
        return None


def _running_pid(home: Path) -> int | None:
    pid = _read_pid(home)
    return pid if pid is not None and _alive(pid) and _is_launcher(pid) else None


def _forget(home: Path) -> None:
    for name in (PID_FILE, URI_FILE):
        (home / name).unlink(missing_ok=True)


def start_background(home: Path, port: int = 0, timeout: float = 180,
                     version: str | None = None) -> str:
    """Start a detached Neo4j keeping its data in ``home``; return its bolt URI.

    Refuses when a server started this way is still running for ``home``.
    """
    home = Path(home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    pid = _running_pid(home)
    if pid is not None:
        uri = (home / URI_FILE).read_text().strip() if (home / URI_FILE).exists() else "?"
        raise Neo4jUnavailable(f"Neo4j for {home} is already running (pid {pid}, {uri})")
    _forget(home)
    lib = ensure_jars(version)
    log = home / LOG_FILE
    with _launcher_source() as launcher, open(log, "wb") as out:
        proc = subprocess.Popen(
            _launcher_command(lib, launcher, home, port, watch_stdin=False),
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _children[proc.pid] = proc
        (home / PID_FILE).write_text(f"{proc.pid}\n")
        deadline = time.monotonic() + timeout
        while True:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
            ready = [line for line in lines if line.startswith(READY)]
            if ready:
                uri = ready[0][len(READY):].strip()
                (home / URI_FILE).write_text(uri + "\n")
                return uri
            if proc.poll() is not None:
                _forget(home)
                raise _failure(f"Neo4j at {home} exited with code {proc.returncode} before it "
                               f"was ready (log: {log})", home, lines)
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                _forget(home)
                raise _failure(f"Neo4j at {home} was not ready after {timeout:.0f}s (log: {log})",
                               home, lines)
            time.sleep(0.25)


def stop_background(home: Path, timeout: float = 60) -> bool:
    """Stop the background server of ``home`` (SIGTERM: clean shutdown); False if none ran."""
    home = Path(home).resolve()
    pid = _running_pid(home)
    if pid is None:
        _forget(home)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 15
        time.sleep(0.2)
    child = _children.pop(pid, None)
    if child is not None:
        child.wait()
    _forget(home)
    return True


def reachable(uri: str, timeout: float = 5) -> bool:
    """Whether a Bolt server answers ``RETURN 1`` at ``uri``."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    try:
        with GraphDatabase.driver(uri, auth=None, connection_timeout=timeout,
                                  connection_acquisition_timeout=timeout) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            return records[0]["one"] == 1
    except (ServiceUnavailable, Neo4jError, OSError):
        return False


def status(home: Path) -> dict[str, object]:
    """What ``ipcredit neo4j status`` prints: running, pid, uri, reachable, home, log."""
    home = Path(home).resolve()
    pid = _running_pid(home)
    uri_file = home / URI_FILE
    uri = uri_file.read_text().strip() if pid is not None and uri_file.exists() else None
    return {
        "home": str(home),
        "running": pid is not None,
        "pid": pid,
        "uri": uri,
        "reachable": bool(uri) and reachable(uri),  # type: ignore[arg-type]
        "log": str(home / LOG_FILE),
    }
