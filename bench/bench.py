#!/usr/bin/env python3
"""Conduit's benchmark harness (see bench/README.md).

Builds Conduit in release mode, generates (or reuses) a data set, starts the server and
measures it against peers on the same data: the sqlite3 CLI, Datasette, and sqlite3's
.import. Prints a markdown table and writes it to bench/results/.

Python 3.11 standard library only. Everything runs on 127.0.0.1; every subprocess has a
timeout; every process started here is stopped on exit, failure or Ctrl-C.

Exit status: 0 ok; 1 a check failed (numbers differ, server did not start, errors under
load, an import did not add exactly its rows); 2 a budget was missed and --strict was given.
"""
from __future__ import annotations

import argparse
import atexit
import base64
import csv
import datetime
import hashlib
import hmac
import html
import html.parser
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PASSWORD = "conduit demo password"
HOST = "127.0.0.1"

# Roles whose memberships give each action (Sources/ConduitCore/Accounts/Policy.swift).
READ_STATISTICS_ROLES = ("coordinator", "adviser", "auditor", "analyst", "submitter")
READ_DIRECTORY_ROLES = ("coordinator", "adviser", "viewer")
READ_ENGAGEMENT_ROLES = ("coordinator", "adviser")

# Code lists for the generated CSV (Sources/ConduitCore/Training/TrainingCodes.swift, Ethnicity.swift).
GENDERS = ["female", "male", "other", "prefer_not_to_say", "not_known"]
AGE_BANDS = ["under_16", "16_17", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "not_known"]
ROLES = ["parent_or_carer", "faith_leader", "volunteer", "professional", "young_person", "community_member", "other"]
ETHNICITIES = ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
               "CHNE", "BCRB", "BAFR", "BOTH", "OOTH", "REFU", "NOBT"]
CSV_HEADER = ["session_id", "name", "referring_organisation", "ethnicity", "ethnicity_detail", "gender", "age_band",
              "partnership_of_residence", "role", "attended"]

# The data key of the synthetic data sets (see Bench.env).
BENCH_DATA_KEY = "bench data key: synthetic data, no secret here"

# The statistics groupings compared with the sqlite3 CLI, and their key SQL (AttendanceStatistics.Grouping.key).
GROUPINGS = {
    "referring_organisation": "COALESCE(o.name, a.referring_text)",
    "ethnicity": "COALESCE(a.ethnicity_code, '')",
    "gender": "a.gender",
}


class CheckFailed(Exception):
    """A check the harness makes failed: the run exits non-zero."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Processes: every child is tracked and stopped, whatever happens.

CHILDREN: list[subprocess.Popen] = []


def spawn(command: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """Starts a long-running child in its own process group, output to a log file."""
    with open(log_path, "ab") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True, cwd=REPO)
    CHILDREN.append(process)
    return process


def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=timeout)
    if process in CHILDREN:
        CHILDREN.remove(process)


def stop_all() -> None:
    for process in list(CHILDREN):
        try:
            stop(process, timeout=5)
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


def _terminated(signum, _frame):
    raise SystemExit(128 + signum)


def run(command: list[str], *, env: dict[str, str] | None = None, timeout: float = 300, input: str | None = None,
        check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Runs a command to completion (killed at the timeout); a non-zero exit is a failed check."""
    try:
        result = subprocess.run(command, env=env, input=input, capture_output=True, text=True, timeout=timeout,
                                cwd=cwd or REPO)
    except subprocess.TimeoutExpired as error:
        raise CheckFailed(f"timed out after {timeout:.0f} s: {' '.join(command)[:300]}") from error
    if check and result.returncode != 0:
        raise CheckFailed(f"exit {result.returncode}: {' '.join(command)[:300]}\n{(result.stderr or result.stdout)[-3000:]}")
    return result


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((HOST, port)) != 0


# ---------------------------------------------------------------------------------------------
# The database, read through its own CLI (sqlite3 or psql).

def quote(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def in_list(ids: list[str]) -> str:
    return ", ".join(quote(i) for i in ids) if ids else "NULL"


class SQLiteStore:
    kind = "sqlite"
    peer = "sqlite3"

    def __init__(self, path: Path):
        self.path = path

    def env(self) -> dict[str, str]:
        return {"CONDUIT_DATABASE_PATH": str(self.path)}

    def rows(self, sql: str, timeout: float = 600) -> list[list[str]]:
        out = run(["sqlite3", "-batch", "-noheader", "-separator", "\x1f", "-newline", "\x1e", str(self.path), sql],
                  timeout=timeout).stdout
        return [line.strip("\n").split("\x1f") for line in out.split("\x1e") if line.strip("\n")]

    def value(self, sql: str) -> str:
        rows = self.rows(sql)
        return rows[0][0] if rows else ""

    def timed(self, sql: str, repeat: int = 1, timeout: float = 600) -> tuple[list[list[str]], list[float], float]:
        """Runs the query 1 + `repeat` times in one sqlite3 process with .timer on (rows of the repeats to /dev/null):
        rows, [Run Time real of each run], CLI wall time."""
        script = f".timer on\n{sql};\n.output /dev/null\n" + f"{sql};\n" * repeat + ".output stdout\n"
        started = time.perf_counter()
        out = run(["sqlite3", "-batch", "-noheader", "-separator", "\x1f", str(self.path)], input=script, timeout=timeout).stdout
        wall = time.perf_counter() - started
        times, rows, first = [], [], True
        for line in out.splitlines():
            match = re.match(r"Run Time: real ([0-9.]+)", line)
            if match:
                times.append(float(match.group(1)))
                first = False
            elif first and line:
                rows.append(line.split("\x1f"))
        return rows, times, wall


    def call(self, sql: str, timeout: float = 600) -> float:
        """Wall time of one plain `sqlite3 FILE SQL` call (process start, open, query, print)."""
        started = time.perf_counter()
        run(["sqlite3", str(self.path), sql], timeout=timeout)
        return time.perf_counter() - started


class PostgresStore:
    kind = "postgres"
    peer = "psql"

    def __init__(self, url: str):
        self.url = url

    def env(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url}

    def psql(self, *arguments: str, url: str | None = None, timeout: float = 600) -> str:
        return run(["psql", url or self.url, "-X", "-q", "-A", "-t", "-F", "\x1f", "-R", "\x1e", "-v", "ON_ERROR_STOP=1", *arguments],
                   timeout=timeout).stdout

    def rows(self, sql: str, timeout: float = 600) -> list[list[str]]:
        out = self.psql("-c", sql, timeout=timeout)
        return [line.strip("\n").split("\x1f") for line in out.split("\x1e") if line.strip("\n")]

    def value(self, sql: str) -> str:
        rows = self.rows(sql)
        return rows[0][0] if rows else ""

    def timed(self, sql: str, repeat: int = 1, timeout: float = 600) -> tuple[list[list[str]], list[float], float]:
        """Runs the query 1 + `repeat` times in one psql process with \\timing (rows of the repeats to /dev/null):
        rows, [Time of each run], CLI wall time."""
        arguments = ["-c", "\\timing on", "-c", sql, "-c", "\\o /dev/null"]
        for _ in range(repeat):
            arguments += ["-c", sql]
        started = time.perf_counter()
        out = run(["psql", self.url, "-X", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", *arguments], timeout=timeout).stdout
        wall = time.perf_counter() - started
        times, rows, first = [], [], True
        for line in out.splitlines():
            match = re.match(r"Time: ([0-9.]+) ms", line)
            if match:
                times.append(float(match.group(1)) / 1000)
                first = False
            elif first and line and not line.startswith("Timing is"):
                rows.append(line.split("\x1f"))
        return rows, times, wall


    def call(self, sql: str, timeout: float = 600) -> float:
        """Wall time of one plain `psql URL -c SQL` call (process start, connect, query, print)."""
        started = time.perf_counter()
        run(["psql", self.url, "-X", "-c", sql], timeout=timeout)
        return time.perf_counter() - started


def scope_sql(email: str, roles: tuple[str, ...]) -> str:
    """Partnerships (not regions) an action reaches for a user: memberships expanded down the tree (MembershipQuery.effective)."""
    return f"""WITH RECURSIVE reach(id) AS (
        SELECT m.partnership_id FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE lower(u.email) = lower({quote(email)}) AND m.role IN ({in_list(list(roles))})
        UNION SELECT p.id FROM partnerships p JOIN reach ON p.parent_id = reach.id)
        SELECT p.id FROM partnerships p WHERE p.kind = 'partnership' AND p.id IN (SELECT id FROM reach) ORDER BY p.id"""


def statistics_sql(key: str, start: str, end: str, partnership_ids: list[str]) -> str:
    """AttendanceStatistics.counts(by:filters:on:) with its body(), literals in place of binds."""
    return (f"SELECT {key} AS key, COUNT(*) AS n FROM attendances a JOIN training_sessions s ON s.id = a.session_id "
            f"JOIN partnerships p ON p.id = s.partnership_id LEFT JOIN organisations o ON o.id = a.referring_organisation_id "
            f"WHERE a.status = 'attended' AND s.session_on >= {quote(start)} AND s.session_on <= {quote(end)} "
            f"AND s.partnership_id IN ({in_list(partnership_ids)}) GROUP BY {key}")


def groups_sql(directory_scope: list[str], engagement_scope: list[str], partnership: str, group_type: str, today: str,
               per_page: int = 50) -> str:
    """DirectorySearch.count + DirectorySearch.page for a partnership and type filter, as one query (count as a column)."""
    def where(alias: str) -> str:
        return (f"{alias}.merged_into_id IS NULL "
                f"AND EXISTS (SELECT 1 FROM organisation_partnerships sp WHERE sp.organisation_id = {alias}.id "
                f"AND sp.partnership_id IN ({in_list(directory_scope)})) "
                f"AND {alias}.type = {quote(group_type)} "
                f"AND {alias}.id IN (SELECT fp.organisation_id FROM organisation_partnerships fp "
                f"WHERE fp.partnership_id = {quote(partnership)})")
    last_contact = ("NULL" if not engagement_scope else
                    f"(SELECT max(e.occurred_on) FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id "
                    f"WHERE eo.organisation_id = o.id AND e.partnership_id IN ({in_list(engagement_scope)}))")
    return (f"SELECT o.id, o.name, o.type, o.status, o.postcode, p.name AS owner_name, "
            f"(SELECT count(*) FROM readiness_items r WHERE r.organisation_id = o.id AND r.status = 'met' "
            f"AND (r.due_on IS NULL OR r.due_on >= {quote(today)})) AS readiness_met, "
            f"{last_contact} AS last_contact_on, "
            f"(SELECT count(*) FROM organisations c WHERE {where('c')}) AS total "
            f"FROM organisations o JOIN partnerships p ON p.id = o.partnership_id WHERE {where('o')} "
            f"ORDER BY o.name_key, o.id LIMIT {per_page} OFFSET 0")


# ---------------------------------------------------------------------------------------------
# HTTP: keep-alive client, sign-in with cookies and TOTP.

class Client:
    def __init__(self, port: int, timeout: float = 120):
        self.port, self.timeout = port, timeout
        self.connection = http.client.HTTPConnection(HOST, port, timeout=timeout)

    def request(self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | None = None):
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.getheaders(), response.read()
            except (http.client.HTTPException, ConnectionError, socket.timeout):
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
                if attempt == 2:
                    raise

    def get_json(self, path: str, headers: dict[str, str]):
        status, _, body = self.request("GET", path, headers)
        if status != 200:
            raise CheckFailed(f"GET {path} answered {status}: {body[:500]!r}")
        return json.loads(body)

    def close(self):
        self.connection.close()


class HiddenInputs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.fields[attributes["name"]] = attributes.get("value") or ""


def hidden_inputs(page: bytes) -> dict[str, str]:
    parser = HiddenInputs()
    parser.feed(page.decode("utf-8", "replace"))
    return parser.fields


def totp(secret: bytes, step: int) -> str:
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Browser:
    """A cookie-keeping client for the HTML pages (redirects followed by hand)."""

    def __init__(self, port: int):
        self.client = Client(port)
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def send(self, method: str, path: str, form: dict[str, str] | None = None):
        headers = {"Cookie": self.cookie_header()} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, page = self.client.request(method, path, headers, body)
        location = None
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                cookie, _, content = pair.partition("=")
                if content and "expires=thu, 01 jan 1970" not in value.lower():
                    self.cookies[cookie.strip()] = content.strip()
                else:
                    self.cookies.pop(cookie.strip(), None)
            elif name.lower() == "location":
                location = value
        return status, location, page

    def sign_in(self, email: str, secret: bytes | None) -> None:
        status, _, page = self.send("GET", "/sign-in")
        if status != 200:
            raise CheckFailed(f"GET /sign-in answered {status}")
        form = hidden_inputs(page) | {"email": email, "password": PASSWORD}
        status, location, page = self.send("POST", "/sign-in", form)
        if status not in (302, 303) or not location:
            raise CheckFailed(f"signing in as {email} answered {status}: {text_of(page)[:300]}")
        path = urllib.parse.urlsplit(location)
        if path.path == "/sign-in/code":
            if secret is None:
                raise CheckFailed(f"{email} has a second factor but its secret is unknown")
            status, _, page = self.send("GET", location)
            fields = hidden_inputs(page)
            for attempt in (1, 2):
                step = int(time.time()) // 30
                status, location, page = self.send("POST", "/sign-in/code", fields | {"code": totp(secret, step)})
                if status in (302, 303):
                    break
                if attempt == 1 and b"already been used" in page:
                    wait = 30 - time.time() % 30 + 1
                    log(f"this step's code was used already: waiting {wait:.0f} s for the next")
                    time.sleep(wait)
                    continue
                raise CheckFailed(f"the second factor of {email} was refused ({status}): {text_of(page)[:300]}")
            path = urllib.parse.urlsplit(location or "")
        if path.path.startswith("/account/second-factor"):
            self.enrol(email)
            return
        if path.path.startswith("/sign-in"):
            raise CheckFailed(f"sign-in as {email} ended back at {location}")


    def enrol(self, email: str) -> None:
        """MFA is required and the user has no second factor: enrol one as a person would (on the scratch copy)."""
        status, _, page = self.send("GET", "/account/second-factor")
        text = html.unescape(page.decode("utf-8", "replace"))
        match = re.search(r"secret=([A-Z2-7]{16,})", text) or re.search(r"\b([A-Z2-7]{32})\b", text)
        if status != 200 or not match:
            raise CheckFailed(f"{email} must enrol a second factor, and its enrolment page ({status}) shows no key; "
                              "give another --user, or --no-require-mfa")
        secret = base64.b32decode(match.group(1) + "=" * (-len(match.group(1)) % 8))
        form = hidden_inputs(page) | {"code": totp(secret, int(time.time()) // 30)}
        status, location, page = self.send("POST", "/account/second-factor", form)
        if status != 200 or "conduit-session" not in "".join(self.cookies):
            raise CheckFailed(f"enrolling a second factor for {email} answered {status}: {text_of(page)[:300]}")
        log(f"{email} had no second factor and MFA is required: enrolled one (in the scratch copy only)")


def text_of(page: bytes) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(rb"<[^>]+>", b" ", page).decode("utf-8", "replace"))).strip()


# ---------------------------------------------------------------------------------------------
# wrk

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


@dataclass
class Load:
    rps: float
    p50: float  # ms
    p99: float  # ms
    non2xx: int
    socket_errors: int
    requests: int

    @property
    def errors(self) -> int:
        return self.non2xx + self.socket_errors


def wrk(url: str, headers: dict[str, str], connections: int, seconds: int, threads: int = 2) -> Load:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = run(command + [url], timeout=seconds + 60).stdout

    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([0-9.]+)(us|ms|s|m|h)\s*$", out, re.M)
        if not match:
            raise CheckFailed(f"no {percent}% latency in wrk's output:\n{out}")
        return float(match.group(1)) * UNITS[match.group(2)]

    rps = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    requests = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if not rps or not requests:
        raise CheckFailed(f"cannot read wrk's output:\n{out}")
    return Load(rps=float(rps.group(1)), p50=latency("50"), p99=latency("99"),
                non2xx=int(non2xx.group(1)) if non2xx else 0,
                socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
                requests=int(requests.group(1)))


def median_load(loads: list[Load]) -> Load:
    return Load(rps=statistics.median(l.rps for l in loads), p50=statistics.median(l.p50 for l in loads),
                p99=statistics.median(l.p99 for l in loads), non2xx=sum(l.non2xx for l in loads),
                socket_errors=sum(l.socket_errors for l in loads), requests=sum(l.requests for l in loads))


# ---------------------------------------------------------------------------------------------
# The report

@dataclass
class Row:
    measure: str
    conduit: str
    peer: str
    ratio: str
    budget: str
    met: bool | None  # None: no budget


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, *args, **kwargs):
        row = Row(*args, **kwargs)
        self.rows.append(row)
        log(f"{row.measure}: {row.conduit} | {row.peer} | {row.ratio} | budget {row.budget} | "
            f"{'—' if row.met is None else 'met' if row.met else 'MISSED'}")

    def fail(self, message: str):
        log(f"CHECK FAILED: {message}")
        self.failures.append(message)

    def table(self) -> str:
        lines = ["| Measure | Conduit | Peer | Ratio or limit | Budget | Met |", "|---|---|---|---|---|---|"]
        for row in self.rows:
            met = "—" if row.met is None else "yes" if row.met else "**no**"
            lines.append(f"| {row.measure} | {row.conduit} | {row.peer} | {row.ratio} | {row.budget} | {met} |")
        return "\n".join(lines)


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def fmt_ms(value: float) -> str:
    return ms(value / 1000)


def size_text(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def machine() -> list[str]:
    def read(path: str) -> str:
        try:
            return Path(path).read_text()
        except OSError:
            return ""
    cpu = re.search(r"^model name\s*:\s*(.+)$", read("/proc/cpuinfo"), re.M)
    memory = re.search(r"^MemTotal:\s+(\d+) kB", read("/proc/meminfo"), re.M)

    def version(command: list[str]) -> str:
        try:
            out = run(command, timeout=60, check=False)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (CheckFailed, IndexError, OSError):
            return "not available"
    return [
        f"- CPUs (nproc): {os.cpu_count()} — {cpu.group(1).strip() if cpu else platform.processor() or 'unknown CPU'}",
        f"- RAM: {int(memory.group(1)) / 1024 / 1024:.1f} GB" if memory else "- RAM: unknown",
        f"- Kernel: {platform.system()} {platform.release()}",
        f"- Swift: {version(['swift', '--version'])}",
        f"- sqlite3: {version(['sqlite3', '--version'])}",
        f"- wrk: {version(['wrk', '--version'])}",
        f"- Python: {platform.python_version()}",
    ]


# ---------------------------------------------------------------------------------------------
# The run

class Bench:
    def __init__(self, options):
        self.options = options
        self.report = Report()
        self.secret = secrets.token_urlsafe(36)
        self.binary = str(Path(options.binary).resolve()) if options.binary else str(REPO / ".build/release/conduit")
        self.today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/London")).date()
        self.work = Path(tempfile.mkdtemp(prefix=".work-", dir=self.data_dir()))
        self.server: subprocess.Popen | None = None
        self.baselines: dict[tuple[int, str], float] = {}
        self.server_log = self.work / "server.log"
        self.store = None  # where Conduit serves from
        self.pristine = None  # the data set as generated (SQLite: read by Datasette, copied for imports)

    def data_dir(self) -> Path:
        folder = BENCH / "data"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def env(self, store, **extra) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "CONDUIT_DATABASE_PATH")}
        # One data key for every run: the data set is generated in one file, moved and copied,
        # and a key file beside each would differ. Synthetic data: this key protects nothing.
        env |= {"CONDUIT_SECRET": self.secret, "CONDUIT_DATA_KEY": BENCH_DATA_KEY, "CONDUIT_SECURE_COOKIES": "false"} | store.env() | extra
        if self.options.no_require_mfa:
            env["CONDUIT_REQUIRE_MFA"] = "false"
        return env

    def conduit(self, store, *arguments: str, timeout: float = 600) -> subprocess.CompletedProcess:
        return run([self.binary, *arguments], env=self.env(store), timeout=timeout)

    def busy_check(self, when: str):
        """Other work on the machine skews every figure: say so in the results."""
        def ticks():
            fields = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
            return sum(fields), fields[3] + fields[4]  # all, idle + iowait
        try:
            total0, idle0 = ticks()
            time.sleep(2)
            total1, idle1 = ticks()
        except (OSError, ValueError, IndexError):
            return
        busy = 1 - (idle1 - idle0) / max(total1 - total0, 1)
        if busy > 0.2:
            note = (f"The machine was busy {when}: {busy:.0%} of its {os.cpu_count()} CPUs in use by other processes "
                    "over 2 s, so these figures understate Conduit and its peers.")
            log(note)
            self.report.notes.append(note)

    # 1. Build ---------------------------------------------------------------------------------
    def build(self):
        if self.options.no_build:
            log(f"not building; using {self.binary}")
        else:
            log("building: swift build -c release --product conduit")
            started = time.perf_counter()
            run(["swift", "build", "-c", "release", "--product", "conduit"], timeout=3600)
            self.report.notes.append(f"Release build took {time.perf_counter() - started:.0f} s.")
        if not os.access(self.binary, os.X_OK):
            raise CheckFailed(f"no Conduit binary at {self.binary}")

    # 2. Data set --------------------------------------------------------------------------------
    def demo_arguments(self) -> list[str]:
        return ["demo"] if self.options.scale == "demo" else ["demo", "--scale", self.options.scale, "--seed", str(self.options.seed)]

    def prepare_sqlite(self):
        name = "demo.sqlite" if self.options.scale == "demo" else f"{self.options.scale}-seed{self.options.seed}.sqlite"
        target = self.data_dir() / name
        if target.exists() and not self.options.regenerate:
            self.generation = ("reused", target.stat().st_size)
        else:
            for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                stale.unlink(missing_ok=True)
            building = self.work / ("generating-" + name)
            log(f"generating the data set: {' '.join(self.demo_arguments())} into {target.relative_to(REPO)}")
            started = time.perf_counter()
            self.conduit(SQLiteStore(building), *self.demo_arguments(), timeout=self.options.generate_timeout)
            seconds = time.perf_counter() - started
            # One self-contained file: fold the WAL in before moving it into place.
            run(["sqlite3", str(building), "PRAGMA wal_checkpoint(TRUNCATE);"], timeout=600)
            for suffix in ("-wal", "-shm"):
                Path(f"{building}{suffix}").unlink(missing_ok=True)
            building.rename(target)
            self.generation = (f"{seconds:.1f} s", target.stat().st_size)
        self.pristine = SQLiteStore(target)
        # Conduit writes (sessions, tokens, audit trail): it serves a copy, so the data set stays as generated.
        served = self.work / name
        shutil.copyfile(target, served)
        self.store = SQLiteStore(served)

    def prepare_postgres(self):
        store = PostgresStore(self.options.database_url)
        try:
            existing = int(store.value("SELECT count(*) FROM attendances") or 0)
        except CheckFailed:
            existing = 0
        if existing and not self.options.regenerate:
            self.generation = ("reused", None)
            self.report.notes.append(f"Data set in PostgreSQL: reused ({existing} attendances).")
        else:
            if existing:
                raise CheckFailed("--regenerate on PostgreSQL needs an empty database: drop and create it first")
            log(f"generating the data set in PostgreSQL: {' '.join(self.demo_arguments())}")
            started = time.perf_counter()
            self.conduit(store, *self.demo_arguments(), timeout=self.options.generate_timeout)
            seconds = time.perf_counter() - started
            self.generation = (f"{seconds:.1f} s", None)
            self.report.notes.append(f"Data set in PostgreSQL: generated in {seconds:.1f} s.")
        self.report.notes.append(f"PostgreSQL server {store.value('SHOW server_version')}.")
        size = store.value("SELECT pg_database_size(current_database())")
        if size:
            self.generation = (self.generation[0], int(size))
        self.store = store

    # 3. Server ----------------------------------------------------------------------------------
    def start_server(self):
        port = self.options.port
        if not port_free(port):
            raise CheckFailed(f"port {port} is in use: stop what listens there or give --port")
        command = [self.binary, "serve", "--hostname", HOST, "--port", str(port)]
        log(f"starting: {' '.join(command)}")
        started = time.perf_counter()
        self.server = spawn(command, self.env(self.store), self.server_log)
        deadline = started + self.options.startup_timeout
        while True:
            if self.server.poll() is not None:
                raise CheckFailed(f"the server exited ({self.server.returncode}) before answering /health:\n"
                                  + self.server_log.read_text(errors="replace")[-3000:])
            try:
                connection = http.client.HTTPConnection(HOST, port, timeout=2)
                connection.request("GET", "/health")
                if connection.getresponse().status == 200:
                    connection.close()
                    break
                connection.close()
            except (OSError, http.client.HTTPException):
                pass
            if time.perf_counter() > deadline:
                raise CheckFailed(f"no 200 from /health within {self.options.startup_timeout} s")
            time.sleep(0.01)
        self.startup = time.perf_counter() - started
        log(f"server answered /health after {ms(self.startup)}")

    def api_token(self) -> str:
        out = self.conduit(self.store, "user", "token", "--email", self.options.user, "--name", "bench", timeout=120).stdout
        lines = [line.strip() for line in out.splitlines() if line.strip()]
        if not lines or not lines[-1].startswith("cdt_"):
            raise CheckFailed(f"no token in the output of `conduit user token`: {out[-500:]}")
        return lines[-1]

    def totp_secret(self) -> bytes | None:
        text = self.store.value(f"SELECT COALESCE(totp_secret, '') FROM users WHERE lower(email) = lower({quote(self.options.user)})")
        if not text:
            return None
        try:
            return base64.b32decode(text.upper() + "=" * (-len(text) % 8))
        except ValueError:
            role = self.options.role or self.options.user.split("@")[0].split(".")[0]
            return hashlib.sha1(f"conduit demo {role}".encode()).digest()

    # 5.1 Statistics against the database's CLI ----------------------------------------------------
    def statistics_vs_cli(self, api: Client, headers, scope: list[str]):
        start, end = "2015-01-01", self.today.isoformat()
        every = [r[0] for r in self.store.rows("SELECT id FROM partnerships WHERE kind = 'partnership' ORDER BY id")]
        if sorted(i.lower() for i in scope) != sorted(i.lower() for i in every):
            self.report.notes.append(f"{self.options.user} reads the statistics of {len(scope)} of {len(every)} partnerships: "
                                     f"the SQL uses the same {len(scope)}.")
        peer = self.store.peer
        for grouping, key in GROUPINGS.items():
            path = f"/api/v1/training/statistics?from={start}&to={end}&by={grouping}"
            sql = statistics_sql(key, start, end, scope)
            answer = api.get_json(path, headers)
            rows, times, _ = self.store.timed(sql, repeat=3)
            suppressed = self.compare_counts(f"statistics by {grouping}", answer, rows)
            # The CLI's timer shows milliseconds to 3 decimals: a fast query is repeated in the process
            # (its rows to /dev/null) until the repeats add up to about 0.1 s, and their mean taken.
            warm = sum(times[1:]) / max(len(times) - 1, 1)
            repeat = 1 if warm >= 0.05 else min(500, max(3, int(0.1 / max(warm, 0.0002))))
            endpoint_times, query_times, cold_times, walls = [], [], [], []
            for _ in range(self.options.runs):
                began = time.perf_counter()
                status, _, body = api.request("GET", path, headers)
                endpoint_times.append(time.perf_counter() - began)
                if status != 200:
                    raise CheckFailed(f"GET {path} answered {status}")
                _, times, _ = self.store.timed(sql, repeat=repeat)
                wall = self.store.call(sql)
                if len(times) != 1 + repeat:
                    raise CheckFailed(f"expected {1 + repeat} timings from {peer} for {grouping}, got {len(times)}")
                cold_times.append(times[0])
                query_times.append(sum(times[1:]) / repeat)
                walls.append(wall)
            endpoint, query = statistics.median(endpoint_times), statistics.median(query_times)
            ratio = endpoint / query if query > 0 else float("inf")
            note = f", {suppressed} cells suppressed (\"c\"): numeric cells compared" if suppressed else ""
            self.report.add(f"Attendance statistics by {grouping}, all data ({start} to {end}), median of {self.options.runs}",
                            ms(endpoint), f"{peer} {ms(query)} (timer: " + (f"mean of {repeat} repeats" if repeat > 1 else "second run")
                            + f" in one process, its first run {ms(statistics.median(cold_times))}; "
                            f"one CLI call {ms(statistics.median(walls))} wall){note}",
                            f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5)

    def compare_counts(self, what: str, answer: dict, rows: list[list[str]]) -> int:
        """Fails loudly unless the API's {key: count} is the SQL's; returns how many cells were suppressed."""
        expected = {(row[0] if row else ""): int(row[1]) for row in rows}
        got = {line["key"]: line["count"] for line in answer["lines"]}
        suppressed = sum(1 for value in got.values() if value == "c")
        problems = []
        for key in sorted(set(expected) | set(got)):
            mine, theirs = got.get(key), expected.get(key)
            if mine == "c" and theirs is not None:
                continue
            if mine is None or theirs is None or int(mine) != theirs:
                problems.append(f"  {key!r}: Conduit {mine}, SQL {theirs}")
        total = answer.get("total")
        if total not in (None, "c") and int(total) != sum(expected.values()):
            problems.append(f"  total: Conduit {total}, SQL {sum(expected.values())}")
        if problems:
            raise CheckFailed(f"{what}: Conduit and the SQL differ:\n" + "\n".join(problems))
        log(f"{what}: Conduit and the SQL agree ({len(expected)} keys, {sum(expected.values())} attendances"
            + (f", {suppressed} suppressed" if suppressed else "") + ")")
        return suppressed

    # 5.2 Against Datasette ------------------------------------------------------------------------
    def start_datasette(self) -> str:
        if shutil.which("datasette") is None:
            log("installing datasette: python3 -m pip install -q datasette")
            run([sys.executable, "-m", "pip", "install", "-q", "datasette"], timeout=600)
        port = self.options.peer_port
        if not port_free(port):
            raise CheckFailed(f"port {port} is in use: stop what listens there or give --peer-port")
        # Nothing writes the generated data set, so Datasette may open it immutable (no locking).
        command = [shutil.which("datasette") or "datasette", "serve", "-i", str(self.pristine.path), "-h", HOST, "-p", str(port),
                   "--setting", "sql_time_limit_ms", "60000", "--setting", "max_returned_rows", "1000",
                   "--setting", "default_cache_ttl", "0"]
        self.datasette = spawn(command, dict(os.environ), self.work / "datasette.log")
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            if self.datasette.poll() is not None:
                raise CheckFailed("Datasette exited:\n" + (self.work / "datasette.log").read_text(errors="replace")[-2000:])
            try:
                connection = http.client.HTTPConnection(HOST, port, timeout=2)
                connection.request("GET", "/-/versions.json")
                response = connection.getresponse()
                versions = json.loads(response.read()) if response.status == 200 else None
                connection.close()
                if versions:
                    version = versions.get("datasette", {}).get("version", "?")
                    self.report.notes.append(f"Datasette {version}, serving the data set immutable (-i).")
                    return self.pristine.path.stem
            except (OSError, http.client.HTTPException, ValueError):
                pass
            time.sleep(0.1)
        raise CheckFailed("Datasette did not start within 120 s")

    def datasette_path(self, database: str, sql: str) -> str:
        return f"/{urllib.parse.quote(database)}.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})

    def against_datasette(self, api: Client, headers, directory_scope, engagement_scope, statistics_scope):
        database = self.start_datasette()
        peer = Client(self.options.peer_port)
        try:
            partnership, group_type = self.groups_choice(directory_scope)
            conduit_path = f"/api/v1/groups?partnership={partnership}&type={group_type}"
            sql = groups_sql(directory_scope, engagement_scope, partnership, group_type, self.today.isoformat())
            peer_path = self.datasette_path(database, sql)
            ours = api.get_json(conduit_path, headers)
            theirs = peer.get_json(peer_path, {})
            mine_ids = [item["id"].lower() for item in ours["items"]]
            their_ids = [row["id"].lower() for row in theirs]
            their_total = theirs[0]["total"] if theirs else 0
            if mine_ids != their_ids or ours["total"] != their_total:
                raise CheckFailed(f"groups of {partnership} of type {group_type}: Conduit has {ours['total']} "
                                  f"({len(mine_ids)} on the page), Datasette {their_total} ({len(their_ids)}); "
                                  f"first ids differing: {[(a, b) for a, b in zip(mine_ids, their_ids) if a != b][:3]}")
            log(f"groups: Conduit and Datasette agree ({ours['total']} groups, {len(mine_ids)} on the page)")
            self.report.notes.append(f"Groups list: partnership {self.partnership_name(partnership)} ({partnership}), "
                                     f"type {group_type}: {ours['total']} groups, page of {len(mine_ids)}.")
            self.load_pair(f"Groups by partnership and type (count + page of 50), c{self.options.connections}",
                           conduit_path, headers, peer_path)

            partnership = self.statistics_choice(statistics_scope)
            start = self.today.replace(year=self.today.year - 10).isoformat() if not (self.today.month == 2 and self.today.day == 29) \
                else (self.today - datetime.timedelta(days=3653)).isoformat()
            end = self.today.isoformat()
            conduit_path = f"/api/v1/training/statistics?partnership={partnership}&by=ethnicity&from={start}&to={end}"
            sql = statistics_sql(GROUPINGS["ethnicity"], start, end, [partnership])
            peer_path = self.datasette_path(database, sql)
            answer = api.get_json(conduit_path, headers)
            rows = [["" if row["key"] is None else row["key"], str(row["n"])] for row in peer.get_json(peer_path, {})]
            suppressed = self.compare_counts("statistics of one partnership by ethnicity (Datasette)", answer, rows)
            self.report.notes.append(f"Statistics of one partnership: {self.partnership_name(partnership)} ({partnership}), "
                                     f"{start} to {end}, {sum(int(r[1]) for r in rows)} attendances"
                                     + (f", {suppressed} cells suppressed by Conduit (numeric cells compared)" if suppressed else "") + ".")
            self.load_pair(f"Attendance by ethnicity, one partnership, 10 years, c{self.options.connections}",
                           conduit_path, headers, peer_path)
        finally:
            peer.close()
            stop(self.datasette)

    def partnership_name(self, partnership: str) -> str:
        return self.store.value(f"SELECT name FROM partnerships WHERE id = {quote(partnership)}")

    def groups_choice(self, directory_scope: list[str]) -> tuple[str, str]:
        if self.options.partnership and self.options.group_type:
            return self.options.partnership, self.options.group_type
        partnership = self.options.partnership or self.store.value(
            f"SELECT sp.partnership_id FROM organisation_partnerships sp JOIN organisations o ON o.id = sp.organisation_id "
            f"WHERE o.merged_into_id IS NULL AND sp.partnership_id IN ({in_list(directory_scope)}) "
            f"GROUP BY sp.partnership_id ORDER BY count(*) DESC, sp.partnership_id LIMIT 1")
        group_type = self.options.group_type or self.store.value(
            f"SELECT o.type FROM organisation_partnerships sp JOIN organisations o ON o.id = sp.organisation_id "
            f"WHERE o.merged_into_id IS NULL AND sp.partnership_id = {quote(partnership)} "
            f"GROUP BY o.type ORDER BY count(*) DESC, o.type LIMIT 1")
        if not partnership or not group_type:
            raise CheckFailed("the data set has no groups the user can read")
        return partnership, group_type

    def statistics_choice(self, scope: list[str]) -> str:
        if self.options.partnership:
            return self.options.partnership
        partnership = self.store.value(
            f"SELECT s.partnership_id FROM attendances a JOIN training_sessions s ON s.id = a.session_id "
            f"WHERE a.status = 'attended' AND s.partnership_id IN ({in_list(scope)}) "
            f"GROUP BY s.partnership_id ORDER BY count(*) DESC, s.partnership_id LIMIT 1")
        if not partnership:
            raise CheckFailed("the data set has no attendances the user can count")
        return partnership

    def loaded(self, port: int, path: str, headers: dict[str, str], connections: int, seconds: int) -> Load:
        """One wrk run, then a wait until the server has worked off the requests still queued when wrk
        stopped (they would otherwise run into the next measurement)."""
        key = (port, path)
        if key not in self.baselines:
            self.baselines[key] = min(self.timed_get(port, path, headers) for _ in range(3))
        result = wrk(f"http://{HOST}:{port}{path}", headers, connections, seconds)
        if result.requests == 0:
            self.report.fail(f"no request to {'Conduit' if port == self.options.port else 'the peer'} completed within "
                             f"{seconds} s at {connections} connections: {path[:100]}")
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            if self.timed_get(port, path, headers) <= max(2 * self.baselines[key], self.baselines[key] + 0.005):
                break
            time.sleep(0.2)
        else:
            log(f"the server on port {port} was still slow 120 s after the load")
        return result

    def timed_get(self, port: int, path: str, headers: dict[str, str]) -> float:
        client = Client(port, timeout=120)
        try:
            started = time.perf_counter()
            status, _, _ = client.request("GET", path, headers)
            if status != 200:
                raise CheckFailed(f"GET {path[:200]} on port {port} answered {status}")
            return time.perf_counter() - started
        finally:
            client.close()

    def load_pair(self, measure: str, conduit_path: str, headers, peer_path: str | None):
        """Each side under the same wrk load, alternating, R times; medians."""
        ours, theirs = [], []
        for repeat in range(self.options.repeats):
            ours.append(self.loaded(self.options.port, conduit_path, headers, self.options.connections, self.options.duration))
            if peer_path:
                theirs.append(self.loaded(self.options.peer_port, peer_path, {}, self.options.connections, self.options.duration))
        mine = median_load(ours)
        if mine.errors:
            self.report.fail(f"{measure}: Conduit answered {mine.non2xx} non-2xx/3xx and had {mine.socket_errors} socket errors under load")
        conduit_text = f"{mine.rps:,.0f} req/s (p50 {fmt_ms(mine.p50)}, p99 {fmt_ms(mine.p99)}, errors {mine.errors})"
        if peer_path:
            peer = median_load(theirs)
            if peer.errors:
                self.report.notes.append(f"{measure}: Datasette had {peer.non2xx} non-2xx/3xx responses and "
                                         f"{peer.socket_errors} socket errors under load.")
            ratio = mine.rps / peer.rps if peer.rps else float("inf")
            self.report.add(f"{measure}, {self.options.duration} s × {self.options.repeats}, median", conduit_text,
                            f"Datasette {peer.rps:,.0f} req/s (p50 {fmt_ms(peer.p50)}, p99 {fmt_ms(peer.p99)}, errors {peer.errors})",
                            f"{ratio:.1f}×", "≥ 5×", ratio >= 5)
        else:
            self.report.add(f"{measure}, {self.options.duration} s × {self.options.repeats}, median", conduit_text, "—",
                            f"p99 {fmt_ms(mine.p99)}", "—", None)

    # 5.3 Directory search at 200 connections -------------------------------------------------------
    def directory_load(self, api: Client, headers, browser: Browser, term: str):
        api_path = f"/api/v1/groups?q={urllib.parse.quote(term)}"
        page_path = f"/directory?q={urllib.parse.quote(term)}"
        listed = api.get_json(api_path, headers)
        status, location, page = browser.send("GET", page_path)
        if status != 200:
            raise CheckFailed(f"GET {page_path} with the session answered {status} (to {location}), not the results page")
        text = html.unescape(page.decode("utf-8", "replace"))
        missing = [item["name"] for item in listed["items"] if item["name"] not in text]
        if missing:
            raise CheckFailed(f"the directory page for {term!r} does not list {missing[:3]} that the API lists")
        self.report.notes.append(f"Directory search term {term!r}: {listed['total']} groups, {len(listed['items'])} on the first page "
                                 "(the HTML page was checked to list the same groups).")
        seconds = self.options.directory_duration
        for measure, path, request_headers in (("Directory search page (HTML, signed in)", page_path, {"Cookie": browser.cookie_header()}),
                                               ("Directory search API", api_path, headers)):
            result = self.loaded(self.options.port, path, request_headers, 200, seconds)
            if result.errors:
                self.report.fail(f"{measure}: {result.non2xx} non-2xx/3xx responses and {result.socket_errors} socket errors under load")
            self.report.add(f"{measure}, c200, {seconds} s", f"{result.rps:,.0f} req/s, p99 {fmt_ms(result.p99)}, errors {result.errors}",
                            "—", f"p99 {fmt_ms(result.p99)}, {result.errors} errors", "p99 < 20 ms, 0 errors",
                            result.p99 < 20 and result.errors == 0)

    def search_term(self) -> str:
        if self.options.term:
            return self.options.term
        # The commonest word of four letters or more in group names: a search with many results.
        words: dict[str, int] = {}
        for (name,) in self.store.rows("SELECT name_key FROM organisations WHERE merged_into_id IS NULL"):
            for word in set(re.findall(r"[a-z]{4,}", name.lower())):
                words[word] = words.get(word, 0) + 1
        if not words:
            raise CheckFailed("no group names to search for: give --term")
        return max(sorted(words), key=lambda w: words[w])

    # 5.5 Memory -----------------------------------------------------------------------------------
    def memory(self):
        status = Path(f"/proc/{self.server.pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024
        hwm = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
        self.report.add("Server memory after the load tests (VmRSS; peak VmHWM)", f"{rss:.0f} MB (peak {hwm:.0f} MB)", "—",
                        f"peak {hwm:.0f} MB", "< 150 MB", hwm < 150)

    # 5.4 CSV import -------------------------------------------------------------------------------
    def has_import(self) -> bool:
        out = run([self.binary, "--help"], env=self.env(self.store), timeout=60, check=False)
        return re.search(r"^\s*import\s", out.stdout + out.stderr, re.M) is not None

    def write_csv(self, path: Path, rows: int):
        sessions = [(r[0], r[1]) for r in self.store.rows("SELECT id, partnership_id FROM training_sessions")]
        if not sessions:
            raise CheckFailed("the data set has no training sessions to import attendances into")
        codes = [r[0] for r in self.store.rows("SELECT code FROM partnerships WHERE kind = 'partnership'")]
        kept: dict[str, list[str]] = {}
        for organisation, partnership in self.store.rows(
                "SELECT name, partnership_id FROM organisations WHERE merged_into_id IS NULL"):
            kept.setdefault(partnership, []).append(organisation)
        chance = random.Random(self.options.seed)
        with open(path, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(CSV_HEADER)
            for _ in range(rows):
                session, partnership = chance.choice(sessions)
                referrers = kept.get(partnership)
                writer.writerow([
                    session, "",
                    chance.choice(referrers) if referrers and chance.random() < 0.3 else "",
                    chance.choice(ETHNICITIES) if chance.random() < 0.9 else "",
                    "",
                    chance.choice(GENDERS), chance.choice(AGE_BANDS),
                    chance.choice(codes) if codes and chance.random() < 0.8 else "",
                    chance.choice(ROLES),
                    "yes" if chance.random() < 0.9 else "no",
                ])

    def csv_import(self):
        rows = self.options.csv_rows
        measure = f"CSV import of {rows:,} attendance rows, median of {self.options.import_repeats}"
        if not self.has_import():
            self.report.add(measure, "not available (no `conduit import` command in this binary)", "—", "—", "sqlite3 / Conduit ≥ 0.5", None)
            return
        path = self.work / "attendances.csv"
        log(f"writing {rows:,} attendance rows to {path.name}")
        self.write_csv(path, rows)
        ours, theirs = [], []
        for repeat in range(self.options.import_repeats):
            seconds = self.import_into_copy(path, rows, repeat)
            if seconds is None:
                return
            ours.append(seconds)
            if self.store.kind == "sqlite":
                theirs.append(self.sqlite_import(path, rows, repeat))
        mine = statistics.median(ours)
        if theirs:
            peer = statistics.median(theirs)
            ratio = peer / mine
            self.report.add(measure, f"{mine:.2f} s ({rows / mine:,.0f} rows/s)",
                            f"sqlite3 .import into a bare table {peer:.2f} s ({rows / peer:,.0f} rows/s)",
                            f"{ratio:.2f}", "sqlite3 / Conduit ≥ 0.5", ratio >= 0.5)
        else:
            self.report.add(measure, f"{mine:.2f} s ({rows / mine:,.0f} rows/s)", "—", f"{rows / mine:,.0f} rows/s", "—", None)

    def import_into_copy(self, path: Path, rows: int, repeat: int) -> float | None:
        if self.store.kind == "sqlite":
            copy = SQLiteStore(self.work / f"import-{repeat}.sqlite")
            shutil.copyfile(self.pristine.path, copy.path)
            cleanup = lambda: [Path(f"{copy.path}{s}").unlink(missing_ok=True) for s in ("", "-wal", "-shm")]  # noqa: E731
        else:
            copy, cleanup = self.postgres_copy(repeat)
            if copy is None:
                return None
        try:
            before = int(copy.value("SELECT count(*) FROM attendances"))
            started = time.perf_counter()
            result = run([self.binary, "import", "attendances", str(path)], env=self.env(copy), check=False,
                         timeout=self.options.import_timeout)
            seconds = time.perf_counter() - started
            if result.returncode != 0:
                raise CheckFailed(f"`conduit import attendances` failed ({result.returncode}):\n{(result.stderr or result.stdout)[-3000:]}")
            after = int(copy.value("SELECT count(*) FROM attendances"))
            if after - before != rows:
                raise CheckFailed(f"the import added {after - before} attendances, not {rows}")
            log(f"Conduit imported {rows:,} rows in {seconds:.2f} s (attendances {before} → {after})")
            return seconds
        finally:
            cleanup()

    def postgres_copy(self, repeat: int):
        """A scratch copy of the PostgreSQL database (CREATE DATABASE … TEMPLATE), or (None, None) if not allowed."""
        url = urllib.parse.urlsplit(self.options.database_url)
        source = url.path.lstrip("/")
        name = f"{source}_bench_import_{repeat}"
        admin = urllib.parse.urlunsplit(url._replace(path="/postgres"))
        try:
            self.store.psql("-c", f'DROP DATABASE IF EXISTS "{name}"', url=admin)
            self.store.psql("-c", f'CREATE DATABASE "{name}" TEMPLATE "{source}"', url=admin, timeout=1800)
        except CheckFailed as error:
            self.report.add(f"CSV import of {self.options.csv_rows:,} attendance rows",
                            f"not available (cannot copy the database: {str(error).splitlines()[-1][:120]})", "—", "—", "—", None)
            return None, None
        copy = PostgresStore(urllib.parse.urlunsplit(url._replace(path=f"/{name}")))
        return copy, lambda: self.store.psql("-c", f'DROP DATABASE IF EXISTS "{name}"', url=admin)

    def sqlite_import(self, path: Path, rows: int, repeat: int) -> float:
        bare = self.work / f"bare-{repeat}.sqlite"
        bare.unlink(missing_ok=True)
        columns = ", ".join(f"{name} TEXT" for name in CSV_HEADER)
        script = f"CREATE TABLE bare({columns});\n.import --csv --skip 1 {path} bare\n"
        started = time.perf_counter()
        run(["sqlite3", "-batch", str(bare)], input=script, timeout=self.options.import_timeout)
        seconds = time.perf_counter() - started
        count = int(SQLiteStore(bare).value("SELECT count(*) FROM bare"))
        bare.unlink(missing_ok=True)
        if count != rows:
            raise CheckFailed(f"sqlite3 .import loaded {count} rows, not {rows}")
        log(f"sqlite3 imported {rows:,} rows in {seconds:.2f} s")
        return seconds

    # The whole run --------------------------------------------------------------------------------
    def execute(self) -> int:
        options = self.options
        self.build()
        if options.database_url:
            self.prepare_postgres()
        else:
            self.prepare_sqlite()
        how, size = self.generation
        self.report.add(f"Data set (`conduit {' '.join(self.demo_arguments())}`"
                        + (f", {self.pristine.path.relative_to(REPO)})" if self.pristine else ", PostgreSQL)"),
                        ("reused" if how == "reused" else f"generated in {how}") + (f", {size_text(size)}" if size else ""),
                        "—", "—", "—", None)
        self.busy_check("before the run")
        self.start_server()
        self.report.add("Startup (spawn → first 200 from /health)", ms(self.startup), "—", "—", "—", None)

        if not options.user:
            reader = "data.lead@conduit.example"
            options.user = reader if self.store.value(f"SELECT count(*) FROM users WHERE email = {quote(reader)}") not in ("", "0") \
                else "coordinator@conduit.example"
        self.report.notes.append(f"Acting as {options.user} (API token and signed-in session).")
        token = self.api_token()
        headers = {"Authorization": f"Bearer {token}"}
        statistics_scope = [r[0] for r in self.store.rows(scope_sql(options.user, READ_STATISTICS_ROLES))]
        directory_scope = [r[0] for r in self.store.rows(scope_sql(options.user, READ_DIRECTORY_ROLES))]
        engagement_scope = [r[0] for r in self.store.rows(scope_sql(options.user, READ_ENGAGEMENT_ROLES))]
        if not statistics_scope or not directory_scope:
            raise CheckFailed(f"{options.user} reads no partnership's statistics or directory: give another --user")
        api = Client(options.port)
        browser = Browser(options.port)
        try:
            browser.sign_in(options.user, self.totp_secret())
            log(f"signed in as {options.user}")
            if "statistics" in options.sections:
                self.statistics_vs_cli(api, headers, statistics_scope)
            if "load" in options.sections:
                if self.store.kind == "sqlite":
                    self.against_datasette(api, headers, directory_scope, engagement_scope, statistics_scope)
                else:
                    partnership, group_type = self.groups_choice(directory_scope)
                    self.load_pair(f"Groups by partnership and type (count + page of 50), c{options.connections}",
                                   f"/api/v1/groups?partnership={partnership}&type={group_type}", headers, None)
                    partnership = self.statistics_choice(statistics_scope)
                    start = (self.today - datetime.timedelta(days=3652)).isoformat()
                    self.load_pair(f"Attendance by ethnicity, one partnership, 10 years, c{options.connections}",
                                   f"/api/v1/training/statistics?partnership={partnership}&by=ethnicity&from={start}&to={self.today}",
                                   headers, None)
            if "directory" in options.sections:
                self.directory_load(api, headers, browser, self.search_term())
            if self.server.poll() is not None:
                raise CheckFailed(f"the server exited ({self.server.returncode}) during the run")
            self.memory()
        finally:
            api.close()
            browser.client.close()
            stop(self.server)
        if "import" in options.sections:
            self.csv_import()
        return self.finish()

    def finish(self) -> int:
        options = self.options
        backend = "postgres" if options.database_url else "sqlite"
        date = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        missed = [row.measure for row in self.report.rows if row.met is False]
        lines = [f"# Conduit benchmark: {options.scale} scale, {backend}", "",
                 f"Run {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} with "
                 f"`bench/run {' '.join(sys.argv[1:])}` (binary `{self.binary_name()}`, "
                 f"git {self.git_revision()}).", "",
                 self.report.table(), ""]
        if self.report.failures:
            lines += ["## Failed checks", ""] + [f"- {failure}" for failure in self.report.failures] + [""]
        lines += ["## Notes", ""] + [f"- {note}" for note in self.report.notes] + [
            f"- Budgets missed: {len(missed)} of {sum(1 for row in self.report.rows if row.met is not None)}.", "", "## Machine", ""] + machine() + [""]
        text = "\n".join(lines)
        print(text)
        folder = Path(options.results_dir) if options.results_dir else BENCH / "results"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{date}-{options.scale}-{backend}.md"
        target.write_text(text)
        log(f"results written to {target}")
        if self.report.failures:
            return 1
        if missed and options.strict:
            log(f"--strict: {len(missed)} budgets missed")
            return 2
        return 0

    def binary_name(self) -> str:
        path = Path(self.binary)
        return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)

    def git_revision(self) -> str:
        try:
            out = run(["git", "rev-parse", "--short", "HEAD"], timeout=30, check=False).stdout.strip()
            dirty = run(["git", "status", "--porcelain", "--untracked-files=no"], timeout=30, check=False).stdout.strip()
            return (out or "unknown") + (" with uncommitted changes" if dirty else "")
        except CheckFailed:
            return "unknown"

    def cleanup(self):
        if not self.options.keep_work:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            log(f"scratch files kept in {self.work}")


def ensure_tools(options):
    missing = [tool for tool in ("wrk", "sqlite3") if shutil.which(tool) is None]
    if options.database_url and shutil.which("psql") is None:
        missing.append("postgresql-client")
    if missing:
        log(f"installing {' '.join(missing)} with apt-get")
        prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
        run(prefix + ["apt-get", "install", "-y", *missing], timeout=900, check=False)
        if any(shutil.which(tool) is None for tool in missing if tool != "postgresql-client"):
            run(prefix + ["apt-get", "update"], timeout=900, check=False)
            run(prefix + ["apt-get", "install", "-y", *missing], timeout=900)


def parse(argv):
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=["london", "small", "demo"], default="london",
                        help="data set: london (full), small (CI) or demo (plain `conduit demo`)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data set and CSV (default 1)")
    parser.add_argument("--regenerate", action="store_true", help="generate the data set even if bench/data has it")
    parser.add_argument("--no-build", action="store_true", help="do not run swift build")
    parser.add_argument("--binary", help="Conduit binary (default .build/release/conduit)")
    parser.add_argument("--database-url", help="postgres://… : benchmark on PostgreSQL instead of SQLite")
    parser.add_argument("--port", type=int, default=8099, help="Conduit's port (default 8099)")
    parser.add_argument("--peer-port", type=int, default=8098, help="Datasette's port (default 8098)")
    parser.add_argument("--user", help="the user the token and session act as (default: data.lead@conduit.example, who reads "
                        "every partnership unsuppressed, where the data set has it; else coordinator@conduit.example)")
    parser.add_argument("--role", help="role of a demo user whose TOTP secret is not readable (default: from the email)")
    parser.add_argument("--no-require-mfa", action="store_true", help="run the server with CONDUIT_REQUIRE_MFA=false")
    parser.add_argument("--runs", type=int, default=7, help="timings per statistics query (default 7)")
    parser.add_argument("--repeats", type=int, help="wrk runs per side (default 3)")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections against Datasette (default 50)")
    parser.add_argument("--duration", type=int, help="seconds per wrk run against Datasette (default 10; small and demo 3)")
    parser.add_argument("--directory-duration", type=int, help="seconds of the c200 directory runs (default 30; small and demo 3)")
    parser.add_argument("--term", help="directory search term (default: the commonest word in group names)")
    parser.add_argument("--partnership", help="partnership id for the filtered list and statistics (default: the busiest)")
    parser.add_argument("--group-type", help="group type for the filtered list (default: the commonest in the partnership)")
    parser.add_argument("--csv-rows", type=int, help="attendance rows to import (default 1,000,000; small and demo 5,000)")
    parser.add_argument("--import-repeats", type=int, default=3, help="imports per side (default 3)")
    parser.add_argument("--sections", default="statistics,load,directory,import",
                        help="comma-separated subset of statistics,load,directory,import")
    parser.add_argument("--strict", action="store_true", help="exit non-zero (2) when a budget is missed")
    parser.add_argument("--results-dir", help="where to write the results (default bench/results)")
    parser.add_argument("--keep-work", action="store_true", help="keep the scratch directory (server log, copies, CSV)")
    parser.add_argument("--startup-timeout", type=float, default=120)
    parser.add_argument("--generate-timeout", type=float, default=7200)
    parser.add_argument("--import-timeout", type=float, default=3600)
    options = parser.parse_args(argv)
    quick = options.scale != "london"
    options.repeats = options.repeats or 3
    options.duration = options.duration or (3 if quick else 10)
    options.directory_duration = options.directory_duration or (3 if quick else 30)
    options.csv_rows = options.csv_rows or (5_000 if quick else 1_000_000)
    options.sections = {s.strip() for s in options.sections.split(",") if s.strip()}
    if options.database_url and not options.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must be postgres://…")
    return options


def main(argv=None) -> int:
    options = parse(argv if argv is not None else sys.argv[1:])
    atexit.register(stop_all)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored (in the background)
    signal.signal(signal.SIGTERM, _terminated)
    signal.signal(signal.SIGHUP, _terminated)
    bench = None
    try:
        ensure_tools(options)
        bench = Bench(options)
        return bench.execute()
    except CheckFailed as error:
        log(f"FAILED: {error}")
        if bench and bench.report.rows:
            print("Measured before the failure (no results file written):\n\n" + bench.report.table() + "\n")
        if bench and bench.server_log.exists():
            log(f"server log (last lines):\n{bench.server_log.read_text(errors='replace')[-1500:]}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        stop_all()
        if bench:
            bench.cleanup()


if __name__ == "__main__":
    sys.exit(main())
