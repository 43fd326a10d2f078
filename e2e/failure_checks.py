"""Failure and load, from outside (issue 8): Conduit killed with SIGKILL in the middle of a large
import and in the middle of saving a return, then a mixed read and write load under wrk.
After each: SQLite's integrity check passes, the import is all there or none of it, the
return holds one whole set of figures, and the audit trail's hash chain still verifies.

    python3 e2e/failure_checks.py --binary .build/debug/conduit --port 8096

Starts its own servers on a scratch database (never the port the journeys use); needs wrk.
"""
import argparse
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from scale_out_checks import Check

HOST = "127.0.0.1"


def integrity(path):
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def count(path, query, *args):
    with sqlite3.connect(path) as db:
        return db.execute(query, args).fetchone()[0]


class Conduit:
    def __init__(self, binary, database, port, log):
        self.binary, self.database, self.port, self.log = binary, database, port, log
        self.process = None

    def env(self):
        return dict(os.environ, CONDUIT_DATABASE_PATH=self.database, LOG_LEVEL="warning")

    def command(self, *args, timeout=600):
        done = subprocess.run([self.binary, *args], env=self.env(), capture_output=True, text=True, timeout=timeout)
        return done.returncode, done.stdout + done.stderr

    def start(self):
        self.process = subprocess.Popen([self.binary, "serve", "--hostname", HOST, "--port", str(self.port)], env=self.env(),
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/health")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit("the server stopped while starting")
            time.sleep(0.2)
        raise SystemExit("the server did not answer /health within 60 s")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def request(self, method, path, token, body=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")


def import_killed_midway(conduit, check, rows):
    """A register import of `rows` rows killed at a quarter, half and three quarters of its time."""
    with sqlite3.connect(conduit.database) as db:
        sessions = [row[0] for row in db.execute("SELECT id FROM training_sessions")]
    path = os.path.join(os.path.dirname(conduit.database), "registers.csv")
    chooser = random.Random(2007)
    with open(path, "w") as out:
        out.write("session_id,name,referring_organisation,ethnicity,ethnicity_detail,gender,age_band,partnership_of_residence,role,attended\n")
        for _ in range(rows):
            out.write(f"{chooser.choice(sessions)},,Library,BAFR,Somali,{chooser.choice(['female', 'male'])},25_34,camden,parent_or_carer,yes\n")
    before = count(conduit.database, "SELECT COUNT(*) FROM attendances")
    started = time.time()
    code, output = conduit.command("import", "attendances", path)
    full = time.time() - started
    check.expect(code == 0 and count(conduit.database, "SELECT COUNT(*) FROM attendances") == before + rows,
                 f"an import of {rows:,} rows runs to the end in {full:.1f} s: {output.strip().splitlines()[-1] if output.strip() else code}")
    before = count(conduit.database, "SELECT COUNT(*) FROM attendances")
    for share in (0.25, 0.5, 0.75, 0.9):
        process = subprocess.Popen([conduit.binary, "import", "attendances", path], env=conduit.env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * share)
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        after = count(conduit.database, "SELECT COUNT(*) FROM attendances")
        check.expect(integrity(conduit.database) == "ok", f"killed at {share:.0%} of the import: the database passes PRAGMA integrity_check")
        check.expect(after in (before, before + rows) and (finished or after == before),
                     f"killed at {share:.0%} of the import: all of it or none ({after - before:,} of {rows:,} rows)")
        before = after


def return_saves_killed(conduit, check, token):
    """The draft return saved again and again with one of two whole sets of figures; the server killed mid-way."""
    conduit.start()
    status, returns = conduit.request("GET", "/api/v1/returns?status=draft", token)
    draft = returns["items"][0]
    path = f"/api/v1/returns/{draft['id']}"
    sets = [
        [{"category": "honour_based_abuse", "breakdown": "total", "count": 9}, {"category": "honour_based_abuse", "breakdown": "sex:female", "count": 6},
         {"category": "honour_based_abuse", "breakdown": "sex:male", "count": 3}, {"category": "12A", "breakdown": "total", "count": 2}],
        [{"category": "honour_based_abuse", "breakdown": "total", "count": 4}, {"category": "honour_based_abuse", "breakdown": "sex:female", "count": 4},
         {"category": "honour_based_abuse", "breakdown": "sex:male", "count": 0}, {"category": "12A", "breakdown": "total", "count": 7}],
    ]
    saves = 0
    for attempt, killed_after in enumerate((0.7, 1.3, 2.1)):
        if attempt > 0:
            conduit.start()
        deadline = time.time() + killed_after
        try:
            while time.time() < deadline:
                status, document = conduit.request("GET", path, token)
                status, _ = conduit.request("PUT", path, token, {"version": document["version"], "cells": sets[saves % 2]})
                saves += 1
        except (OSError, http.client.HTTPException):
            pass
        conduit.kill()
        check.expect(integrity(conduit.database) == "ok", f"server killed after {killed_after} s of saving a return: the database passes PRAGMA integrity_check")
        with sqlite3.connect(conduit.database) as db:
            stored = sorted(db.execute("SELECT category, breakdown, count FROM return_cells WHERE return_id = ?", (draft["id"].upper(),)).fetchall())
        whole = [sorted((cell["category"], cell["breakdown"], cell["count"]) for cell in cells) for cells in sets]
        check.expect(stored in whole, f"the return holds one whole set of figures after {saves} saves, never a mix")


def mixed_load(conduit, check, token, seconds):
    """wrk on loopback: reads of the directory and new engagements, for a few seconds; no errors."""
    conduit.start()
    status, groups = conduit.request("GET", "/api/v1/groups?perPage=5", token)
    group = groups["items"][0]["id"]
    script = os.path.join(os.path.dirname(conduit.database), "mixed.lua")
    body = json.dumps({"occurredOn": time.strftime("%Y-%m-%d"), "channel": "phone", "outcome": "no_answer", "groupIds": [group]})
    with open(script, "w") as out:
        out.write(f"""
local n = 0
request = function()
  n = n + 1
  if n % 4 == 0 then
    -- wrk.format uses the headers given in place of -H's: carry the token over.
    local headers = {{["Content-Type"] = "application/json"}}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    return wrk.format("POST", "/api/v1/engagements", headers, [[{body}]])
  end
  return wrk.format("GET", "/api/v1/groups?q=" .. ({{"church", "mosque", "school", "women"}})[n % 4 + 1])
end
""")
    before = count(conduit.database, "SELECT COUNT(*) FROM engagements")
    done = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "-s", script, "-H", f"Authorization: Bearer {token}",
                           f"http://{HOST}:{conduit.port}/"], capture_output=True, text=True, timeout=seconds + 60)
    conduit.kill()
    print(done.stdout, flush=True)
    requests = int(next((line.split()[0] for line in done.stdout.splitlines() if "requests in" in line), "0"))
    check.expect(done.returncode == 0 and requests > 0, f"wrk ran {requests} requests for {seconds} s")
    check.expect("Non-2xx" not in done.stdout and "Socket errors" not in done.stdout, "no request failed or answered an error")
    added = count(conduit.database, "SELECT COUNT(*) FROM engagements") - before
    check.expect(added > 0, f"{added} engagements were written under load")
    code, output = conduit.command("audit", "verify")
    check.expect(code == 0, f"conduit audit verify after the load: {output.strip().splitlines()[-1] if output.strip() else code}")
    check.expect(integrity(conduit.database) == "ok", "the database passes PRAGMA integrity_check after the load")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/conduit")
    parser.add_argument("--port", type=int, default=8096)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the import that is killed")
    parser.add_argument("--seconds", type=int, default=5, help="seconds of the mixed load")
    arguments = parser.parse_args()
    check = Check()
    with tempfile.TemporaryDirectory(prefix="conduit-failure-") as folder:
        log = open(os.path.join(folder, "server.log"), "w")
        conduit = Conduit(os.path.abspath(arguments.binary), os.path.join(folder, "conduit.sqlite"), arguments.port, log)
        try:
            code, output = conduit.command("demo")
            check.expect(code == 0, "the demo data loads")
            import_killed_midway(conduit, check, arguments.rows)
            code, submitter = conduit.command("user", "token", "--email", "submitter@conduit.example", "--name", "failure checks")
            return_saves_killed(conduit, check, submitter.strip().splitlines()[-1])
            code, adviser = conduit.command("user", "token", "--email", "adviser@conduit.example", "--name", "failure checks")
            mixed_load(conduit, check, adviser.strip().splitlines()[-1], arguments.seconds)
        finally:
            conduit.kill()
            log.close()
            if check.failures:
                print(open(os.path.join(folder, "server.log")).read()[-3000:])
    print(f"\n{len(check.failures)} failed" if check.failures else "\nall passed")
    sys.exit(1 if check.failures else 0)


if __name__ == "__main__":
    main()
