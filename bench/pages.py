"""CPU cost and SQL queries of the main pages under a production server, against Django's
hello world, with the demo content and with FACTOR x the content.

    .venv/bin/python bench/pages.py                    # make bench: SQLite, 40 requests a page
    .venv/bin/python bench/pages.py --requests 400     # steadier figures (minutes)
    .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/kim_bench
    .venv/bin/python bench/pages.py --reuse            # the databases of the last run again
    .venv/bin/python bench/pages.py --quick            # --reuse and 20 requests a page

In one run, for the demo content (1x) and for FACTOR x (default 10) the content:

- a throw-away database (SQLite file under var/bench/, or the PostgreSQL database named by
  --database-url and a second one with the suffix "_<FACTOR>x"; both are dropped and created
  again), ``migrate`` and ``load_demo``; for FACTOR x, bench/pagebench/django_side.py adds
  FACTOR-1 copies of every guidance and FAQ page, every submitted Meldebogen and every Sitzung;
- the portal under gunicorn with the production settings (deploy/gunicorn.conf.py, 2 workers,
  whitenoise, collected static files), once per content size, both running at the same time
  (ports --port and --port + 2), and beside them Django's hello world
  (bench/pagebench/hello.py, gunicorn, 2 workers, port --port + 1);
- logs in as "koordination" and "ib-balve" through the login form (CSRF token, session cookie);
- per page: --repeat rounds, each a load of N requests from C client threads (Python,
  http.client; its own CPU is not counted) on 1x and then on FACTOR x, alternating, so that a
  drift of the machine's speed during the run hits both sizes alike; CPU time of the server's
  processes (utime + stime of the gunicorn master and its workers, from /proc/<pid>/stat,
  before and after) divided by the requests; the median of the rounds;
- SQL queries per page: the same request twice through Django's test client with the
  production settings on the same database, counting the second (warm caches, as a worker that
  has served the page before).

CPU ms per request does not depend much on other load on the machine; wall-clock figures do,
so they are printed only as a hint. /proc's clock ticks are 10 ms: with 40 requests a page a
single tick is 0.25 ms/request; use --requests for finer figures. These are measurements, not
tests.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
GUNICORN = str(BIN / "gunicorn") if (BIN / "gunicorn").exists() else "gunicorn"
WORK = ROOT / "var" / "bench"
DJANGO_SIDE = ROOT / "bench" / "pagebench" / "django_side.py"
PASSWORD = "kim-demo-2026"  # noqa: S105 - the demo's printed password (load_demo)
HOST = "127.0.0.1"
CLOCK_TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Targets per request (issue 13); None: no target for that figure.
CPU_TARGETS = {
    "Startseite": 5.0,
    "Arbeitshilfe (Leitfaden)": 5.0,
    "Suche (API)": 8.0,
    "Meldebogen-Schritt GET": 10.0,
    "Meldebogen-Schritt POST": 10.0,
}
QUERY_TARGETS = {"Startseite": 10, "Arbeitshilfe (Leitfaden)": 10}
GROWTH_TARGET = 20.0


# --- processes -------------------------------------------------------------------------------


def cpu_ms(master: int) -> float:
    """utime + stime of the gunicorn master and its live workers, plus the reaped workers'
    (the master's cutime + cstime), in milliseconds."""

    def fields(pid: int) -> list[str]:
        text = Path(f"/proc/{pid}/stat").read_text()
        return text[text.rindex(")") + 2 :].split()

    own = fields(master)
    # After ")": state is field 3 of stat(5), so index i here is field i + 3.
    ticks = sum(int(own[i]) for i in (11, 12, 13, 14))
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = fields(int(entry.name))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        if int(stat[1]) == master:
            ticks += int(stat[11]) + int(stat[12])
    return ticks * CLOCK_TICK_MS


def production_env(database_url: str, port: int) -> dict[str, str]:
    # Django's shared cache (files) per database: nothing cached from one run's database
    # may answer for another's.
    cache_dir = WORK / f"cache-{Path(urlparse(database_url).path).name}"
    return {
        "KIM_CACHE_DIR": str(cache_dir),
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": f"{HOST},localhost,testserver",
        "PORTAL_BASE_URL": f"http://{HOST}:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",
        # The demo accounts have no second factor; the bench measures the pages behind it.
        "KIM_TWO_FACTOR_REQUIRED": "0",
        # As deploy/kim-portal.env.example: a worker keeps its database connection.
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
    }


def dev_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": database_url,
        "DEBUG": "1",
    }


def run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"Fehlgeschlagen: {' '.join(args)}")
    return result.stdout


def wait_for(port: int, path: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn endete beim Start, siehe {log}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn antwortet nicht auf Port {port}, siehe {log}")


class Server:
    """gunicorn with 2 sync workers, stopped on exit."""

    def __init__(self, args: list[str], env: dict[str, str], port: int, name: str) -> None:
        self.log = WORK / f"{name}.log"
        self.port = port
        command = [
            GUNICORN,
            *args,
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            "2",
            # Workers live through the run, so /proc holds all their CPU time.
            "--max-requests",
            "0",
        ]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- HTTP ------------------------------------------------------------------------------------


@dataclass
class Session:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Language": "de"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, content

    def token(self, path: str) -> str:
        status, content = self.request("GET", path)
        match = TOKEN.search(content.decode())
        if status != 200 or match is None:
            raise SystemExit(f"Kein Formular unter {path} (Status {status})")
        return match.group(1)

    def login(self, username: str) -> None:
        path = "/konto/anmelden/"
        token = self.token(path)
        status, _ = self.request(
            "POST",
            path,
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"Anmeldung als {username} über das Formular gescheitert ({status})")


@dataclass
class Measurement:
    cpu_ms: float
    wall_ms: float
    statuses: set[int]


def load(
    master: int,
    session: Session,
    method: str,
    path: str,
    data: dict[str, str] | None,
    requests: int,
    concurrency: int,
) -> Measurement:
    """``requests`` requests from ``concurrency`` threads; server CPU per request."""
    for _ in range(3):  # warm the workers' caches and imports
        session.request(method, path, data)
    counter = iter(range(requests))
    lock = threading.Lock()
    statuses: set[int] = set()
    latencies: list[float] = []

    def worker() -> None:
        client = Session(session.port, dict(session.cookies))
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            started = time.perf_counter()
            status, _ = client.request(method, path, data)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                statuses.add(status)
                latencies.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    before = cpu_ms(master)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = cpu_ms(master)
    return Measurement((after - before) / requests, statistics.median(latencies), statuses)


# --- databases -------------------------------------------------------------------------------


def reuse_databases(options: argparse.Namespace) -> dict[int, str] | None:
    """The databases of an earlier run (--reuse), if they are there; None otherwise."""
    urls: dict[int, str] = {}
    for factor in (1, options.factor):
        if options.database_url:
            parsed = urlparse(options.database_url)
            base = parsed.path.lstrip("/")
            name = base if factor == 1 else f"{base}_{factor}x"
            urls[factor] = parsed._replace(path=f"/{name}").geturl()
            connect = ["-h", parsed.hostname or HOST, "-p", str(parsed.port or 5432)]
            listed = subprocess.run(
                ["psql", *connect, "-U", parsed.username or "postgres", "-lqtA"],
                capture_output=True,
                text=True,
            ).stdout
            if name not in {line.split("|", 1)[0] for line in listed.splitlines()}:
                return None
        else:
            file = WORK / f"pages-{factor}x.sqlite3"
            if not file.exists():
                return None
            urls[factor] = f"sqlite:///{file}"
    return urls


def prepare_databases(options: argparse.Namespace) -> dict[int, str]:
    """Database URL per content factor, each freshly migrated with the demo content."""
    WORK.mkdir(parents=True, exist_ok=True)
    if options.reuse:
        reused = reuse_databases(options)
        if reused is not None:
            for url in reused.values():
                # Migrations of the checked-out code; the content stays as it was.
                run([PYTHON, "manage.py", "migrate", "--noinput"], dev_env(url))
            print("   Datenbanken des letzten Laufs wiederverwendet (--reuse)", flush=True)
            return reused
    urls: dict[int, str] = {}
    if options.database_url:
        parsed = urlparse(options.database_url)
        base = parsed.path.lstrip("/")
        for factor in (1, options.factor):
            name = base if factor == 1 else f"{base}_{factor}x"
            connect = ["-h", parsed.hostname or HOST, "-p", str(parsed.port or 5432)]
            connect += ["-U", parsed.username or "postgres"]
            run(["dropdb", *connect, "--if-exists", name], dict(os.environ))
            if factor == 1:
                run(["createdb", *connect, name], dict(os.environ))
            else:
                run(["createdb", *connect, "-T", base, name], dict(os.environ))
            urls[factor] = parsed._replace(path=f"/{name}").geturl()
            if factor == 1:
                seed(urls[factor])
    else:
        for factor in (1, options.factor):
            file = WORK / f"pages-{factor}x.sqlite3"
            file.unlink(missing_ok=True)
            if factor == 1:
                urls[factor] = f"sqlite:///{file}"
                seed(urls[factor])
            else:
                shutil.copyfile(WORK / "pages-1x.sqlite3", file)
                urls[factor] = f"sqlite:///{file}"
    env = dev_env(urls[options.factor])
    print(
        f"   {options.factor}x: "
        + run([PYTHON, str(DJANGO_SIDE), "grow", str(options.factor)], env).strip()
    )
    return urls


def seed(url: str) -> None:
    env = dev_env(url)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    run([PYTHON, "manage.py", "load_demo"], env)


# --- the run ---------------------------------------------------------------------------------


def measure_hello(options: argparse.Namespace) -> float:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pagebench.hello"}
    port = options.port + 1
    args = ["--chdir", str(ROOT / "bench"), "pagebench.hello_wsgi:application"]
    with Server(args, env, port, "hello") as server:
        wait_for(port, "/", server.process, server.log)
        result = load(
            server.process.pid,
            Session(port),
            "GET",
            "/",
            None,
            options.requests * 2,
            options.concurrency,
        )
    if result.statuses != {200}:
        raise SystemExit(f"Hello world antwortete mit {result.statuses}")
    return result.cpu_ms


def measure_portals(options: argparse.Namespace, urls: dict[int, str]) -> dict[int, dict]:
    """Both content sizes served at once (ports ``--port`` and ``--port`` + 2), their rounds
    interleaved page by page (1x, 10x, 1x, 10x, ...): a drift of the machine's speed during
    the run (CPU frequency, neighbours of the virtual machine) hits both sizes alike, so the
    growth figures compare like with like."""
    ports = {1: options.port, options.factor: options.port + 2}
    targets: dict[int, dict[str, dict]] = {}
    envs: dict[int, dict[str, str]] = {}
    for factor, url in urls.items():
        envs[factor] = production_env(url, ports[factor])
        shutil.rmtree(envs[factor]["KIM_CACHE_DIR"], ignore_errors=True)
        listed = json.loads(run([PYTHON, str(DJANGO_SIDE), "targets"], dev_env(url)))
        (WORK / f"targets-{factor}x.json").write_text(json.dumps(listed, ensure_ascii=False))
        targets[factor] = {target["name"]: target for target in listed}
    results: dict[int, dict[str, dict]] = {factor: {} for factor in urls}
    with contextlib.ExitStack() as stack:
        servers = {}
        for factor in urls:
            args = ["--config", "deploy/gunicorn.conf.py"]
            server = Server(args, envs[factor], ports[factor], f"portal-{factor}x")
            servers[factor] = stack.enter_context(server)
            wait_for(ports[factor], "/healthz/", server.process, server.log)
        sessions: dict[tuple[int, str], Session] = {}
        for name in targets[1]:
            prepared = {}
            for factor in urls:
                target = targets[factor][name]
                session = sessions.get((factor, target["user"]))
                if session is None:
                    session = sessions[(factor, target["user"])] = Session(ports[factor])
                    session.login(target["user"])
                data = target["data"]
                if data is not None:
                    data = {**data, "csrfmiddlewaretoken": session.token(target["path"])}
                expected = {302} if target["method"] == "POST" else {200}
                prepared[factor] = (target, session, data, expected)
            rounds: dict[int, list] = {factor: [] for factor in urls}
            for _round in range(options.repeat):
                for factor in urls:
                    target, session, data, expected = prepared[factor]
                    measured = load(
                        servers[factor].process.pid,
                        session,
                        target["method"],
                        target["path"],
                        data,
                        options.requests,
                        options.concurrency,
                    )
                    if measured.statuses != expected:
                        raise SystemExit(
                            f"{name} ({target['path']}, {factor}x) antwortete mit "
                            f"{measured.statuses}, erwartet {expected}; "
                            f"siehe {servers[factor].log}"
                        )
                    rounds[factor].append(measured)
            for factor in urls:
                target = prepared[factor][0]
                results[factor][name] = {
                    # The median of the rounds: one disturbed round does not count.
                    "cpu_ms": statistics.median(m.cpu_ms for m in rounds[factor]),
                    "wall_ms": statistics.median(m.wall_ms for m in rounds[factor]),
                    "path": target["path"],
                    "user": target["user"],
                }
    for factor in urls:
        targets_file = WORK / f"targets-{factor}x.json"
        queries = json.loads(
            run([PYTHON, str(DJANGO_SIDE), "queries", str(targets_file)], envs[factor])
        )
        for name, counted in queries.items():
            results[factor][name]["queries"] = counted["queries"]
    return results


def mark(value: float, target: float | None) -> str:
    return "" if target is None else (" ok" if value <= target else " !")


def report(hello: float, runs: dict[int, dict[str, dict]], factor: int) -> None:
    names = list(runs[1])
    print(f"\nHello world (Django, gunicorn, 2 workers): {hello:.2f} ms CPU/Anfrage")
    for scale, results in runs.items():
        print(f"\nInhalt {scale}x")
        header = f"{'Seite':<28} {'Nutzer':<16} {'CPU ms':>8} {'x Hello':>8} {'SQL':>5}"
        print(f"{header} {'Median ms':>10}")
        for name in names:
            row = results[name]
            cpu = f"{row['cpu_ms']:.2f}{mark(row['cpu_ms'], CPU_TARGETS.get(name))}"
            sql = f"{row['queries']}{mark(row['queries'], QUERY_TARGETS.get(name))}"
            print(
                f"{name:<28} {row['user']:<16} {cpu:>8} {row['cpu_ms'] / hello:>8.1f} "
                f"{sql:>5} {row['wall_ms']:>10.1f}"
            )
    print(f"\nWachstum 1x -> {factor}x (Ziel: höchstens {GROWTH_TARGET:.0f} %)")
    large_cpu, large_sql = f"CPU ms {factor}x", f"SQL {factor}x"
    print(
        f"{'Seite':<28} {'CPU ms 1x':>10} {large_cpu:>11} {'CPU %':>7} {'SQL 1x':>7} {large_sql:>7}"
    )
    for name in names:
        small, large = runs[1][name], runs[factor][name]
        growth = (large["cpu_ms"] / small["cpu_ms"] - 1) * 100 if small["cpu_ms"] else 0.0
        flag = " ok" if growth <= GROWTH_TARGET and large["queries"] <= small["queries"] else " !"
        print(
            f"{name:<28} {small['cpu_ms']:>10.2f} {large['cpu_ms']:>11.2f} {growth:>+6.0f}%"
            f" {small['queries']:>7} {large['queries']:>7}{flag}"
        )
    print("\nok: Ziel erreicht, !: Ziel verfehlt (CPU ms/Anfrage, SQL-Abfragen, Wachstum).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40, help="Anfragen je Seite (40)")
    parser.add_argument("--concurrency", type=int, default=2, help="Client-Threads (2)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="Messrunden je Seite, der Median zählt (3)"
    )
    parser.add_argument("--factor", type=int, default=10, help="Inhaltsfaktor (10)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8170")))
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL-Datenbank statt SQLite (wird neu angelegt)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Datenbanken eines früheren Laufs weiterverwenden, wenn vorhanden (spart Minuten)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="Kurzlauf: --reuse und 20 Anfragen je Seite (ungenauere Zahlen)",
    )
    options = parser.parse_args()
    if options.quick:
        options.reuse = True
        if options.requests == parser.get_default("requests"):
            options.requests = 20
    started = time.monotonic()
    print("   Datenbanken: migrate, load_demo, Inhalt vervielfachen ...", flush=True)
    urls = prepare_databases(options)
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        production_env(urls[1], options.port),
    )
    hello_runs = [measure_hello(options) for _round in range(options.repeat)]
    print(f"   Messung mit 1x und {options.factor}x Inhalt, abwechselnd ...", flush=True)
    runs = measure_portals(options, urls)
    hello_runs.extend(measure_hello(options) for _round in range(options.repeat))
    report(statistics.median(hello_runs), runs, options.factor)
    database = "PostgreSQL" if options.database_url else "SQLite"
    print(
        f"\n({time.monotonic() - started:.0f} s; Datenbank: {database}, "
        f"{options.requests} Anfragen je Seite x {options.repeat} Runden (Median), "
        f"{options.concurrency} Client-Threads)"
    )


if __name__ == "__main__":
    main()
