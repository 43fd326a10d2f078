"""Security probes, from outside (issue 8), against a demo server: what an attacker would try,
part by part. Each must fail safely, with nothing changed in the database.

    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/security_probes.py --database /path/to/conduit.sqlite \\
        --binary .build/debug/conduit

Reads the demo database (read-only) to find another partnership's records and to check that
nothing changed; signs in as demo users (their TOTP keys come from the role name).
"""
import argparse
import json
import re
import sqlite3
import subprocess
import sys
import urllib.parse

from scale_out_checks import Browser, Check, form_with, sign_in

PASSWORD = "conduit demo password"


def snapshot(database):
    """Every row of the tables a probe could change, as a comparable value."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return {table: db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
                for table in ["organisations", "contacts", "engagements", "training_sessions", "attendances", "file_audits",
                              "file_audit_answers", "returns", "return_cells", "memberships"]}


def one(database, query):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        row = db.execute(query).fetchone()
        return row[0].lower() if row else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    parser.add_argument("--binary", default=".build/debug/conduit")
    parser.add_argument("--url", default="http://127.0.0.1:8097")
    arguments = parser.parse_args()
    port = urllib.parse.urlparse(arguments.url).port
    database = arguments.database
    check = Check()

    camden = "(SELECT id FROM partnerships WHERE code = 'camden')"
    others = {
        "group": one(database, f"SELECT id FROM organisations o WHERE NOT EXISTS (SELECT 1 FROM organisation_partnerships s WHERE s.organisation_id = o.id AND s.partnership_id = {camden})"),
        "engagement": one(database, f"SELECT id FROM engagements WHERE partnership_id <> {camden}"),
        "session": one(database, f"SELECT id FROM training_sessions WHERE partnership_id <> {camden}"),
        "audit": one(database, f"SELECT id FROM file_audits WHERE partnership_id <> {camden} AND training_session_id IS NULL AND group_id IS NULL"),
        "return": one(database, f"SELECT id FROM returns WHERE partnership_id <> {camden}"),
    }
    own_group = one(database, f"SELECT id FROM organisations WHERE partnership_id = {camden} AND merged_into_id IS NULL")
    before = snapshot(database)

    adviser = Browser()
    status, _ = sign_in(adviser, port, "adviser@conduit.example", PASSWORD, "adviser")
    check.expect(status == 303, "the Camden adviser signs in")
    token = subprocess.run([arguments.binary, "user", "token", "--email", "adviser@conduit.example", "--name", "security probes"],
                           env={"CONDUIT_DATABASE_PATH": database, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[-1]

    def api(method, path, body=None, bearer=token):
        import http.client
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(method, path, body=json.dumps(body) if body is not None else None,
                           headers={"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read().decode()

    # Another partnership's records by id: 404 on pages and API, for reading and for changing.
    pages = {"group": "/directory/groups/{}", "engagement": "/engagement/{}", "session": "/training/sessions/{}",
             "audit": "/audits/{}", "return": "/returns/{}"}
    for kind, template in pages.items():
        record = others[kind]
        if record is None:
            continue
        status, _, page = adviser.send(port, "GET", template.format(record))
        # 404 where the person works with such records; 403 where they have no part in them at all.
        check.expect(status in (403, 404), f"another partnership's {kind}, page: {status}")
    for kind, path in {"group": "/api/v1/groups/{}", "engagement": "/api/v1/engagements/{}", "session": "/api/v1/training/sessions/{}",
                       "audit": "/api/v1/audits/{}", "return": "/api/v1/returns/{}"}.items():
        if others[kind] is None:
            continue
        status, _ = api("GET", path.format(others[kind]))
        check.expect(status in (403, 404), f"another partnership's {kind}, API read: {status}")
        status, _ = api("PUT", path.format(others[kind]), {"version": 1, "name": "taken over", "cells": []})
        check.expect(status in (403, 404, 422), f"another partnership's {kind}, API write: {status}")
    _, _, own_edit = adviser.send(port, "GET", f"/directory/groups/{own_group}/edit")
    form = form_with(own_edit, "version")
    stolen = dict(form["fields"], name=["Taken over"])
    status, _, _ = adviser.send(port, "POST", f"/directory/groups/{others['group']}/edit", stolen)
    check.expect(status in (403, 404), f"another partnership's group, edit form posted with a valid token: {status}")

    # Forms without their CSRF token, or with another browser's.
    bare = {name: values for name, values in form["fields"].items() if name != "csrf_token"}
    status, _, _ = adviser.send(port, "POST", f"/directory/groups/{own_group}/edit", bare)
    check.expect(status == 403, f"an edit posted without its CSRF token: {status}")
    intruder = Browser()
    sign_in(intruder, port, "viewer@conduit.example", PASSWORD, "viewer")
    status, _, _ = intruder.send(port, "POST", f"/directory/groups/{own_group}/edit", form["fields"])
    check.expect(status in (403, 404), f"another person's form (their token, this session) posted: {status}")

    # Session fixation: a session cookie planted before sign-in is never the one signed in.
    planted = Browser()
    planted.cookies["conduit-session"] = "planted-session-value-0123456789abcdef0123456789"
    status, _ = sign_in(planted, port, "auditor@conduit.example", PASSWORD, "auditor")
    check.expect(status == 303 and "planted-session-value-0123456789abcdef0123456789" not in planted.cookies.values(),
                 "signing in issues a new session id, whatever cookie came in")

    # Injection: SQL in search is data, script in a stored name comes back escaped.
    status, _, injected = adviser.send(port, "GET", "/directory?q=" + urllib.parse.quote("zzqx' OR '1'='1"))
    found = len(re.findall(r'href="/directory/groups/[0-9a-fA-F-]{36}"', injected))
    check.expect(status == 200 and found == 0, f"SQL in the directory search is text to look for: {status}, {found} groups listed")
    status, body = api("POST", "/api/v1/groups", {"name": "<script>alert('x')</script> Probe Fellowship", "type": "faith_group", "postcode": "SE28 0LZ"})
    if status == 201:
        probe = json.loads(body)["id"]
        _, _, page = adviser.send(port, "GET", f"/directory/groups/{probe}")
        check.expect("<script>alert(" not in page and "&lt;script&gt;" in page, "a script in a group's name is shown as text")
        _, _, listed = adviser.send(port, "GET", "/directory?q=probe")
        check.expect("<script>alert(" not in listed, "and as text in the search results")
    else:
        check.expect(False, f"the probe group could not be created: {status} {body[:200]}")
    for attempt in ["1; DROP TABLE organisations", "' UNION SELECT email, password_hash FROM users --"]:
        status, body = api("GET", "/api/v1/groups?q=" + urllib.parse.quote(attempt))
        check.expect(status == 200 and "password_hash" not in body and "$2" not in body, f"SQL in the API's search is data: {attempt!r}")

    # Oversize bodies: refused before they are read.
    status, _, _ = adviser.send(port, "POST", f"/directory/groups/{own_group}/edit", dict(form["fields"], notes=["x" * (2 * 1024 * 1024)]))
    check.expect(status == 413, f"a 2 MB form: {status}")
    status, _ = api("POST", "/api/v1/groups", {"name": "y" * (3 * 1024 * 1024)})
    check.expect(status == 413, f"a 3 MB API body: {status}")

    # An upload past the import's 20 MB limit: refused, nothing imported.
    _, _, import_page = adviser.send(port, "GET", "/directory/import")
    upload_token = form_with(import_page, "csrf_token")["fields"]["csrf_token"][0]
    boundary = "conduitprobe"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{upload_token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"groups.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "name,type\r\n" + "Probe group,faith_group\r\n" * 1_000_000 + f"\r\n--{boundary}--\r\n")
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", "/directory/import", body=body.encode(), headers={
            "Cookie": "; ".join(f"{k}={v}" for k, v in adviser.cookies.items()), "Content-Type": f"multipart/form-data; boundary={boundary}"})
        status = connection.getresponse().status
    except (ConnectionError, http.client.HTTPException):
        status = "connection closed"
    check.expect(status in (413, "connection closed"), f"a {len(body) // 1_000_000} MB upload to the directory import: {status}")

    # Path traversal in downloads and static files.
    for path in ["/styles/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/directory/export.csv/../../../../etc/passwd",
                 "/training/sessions/..%2F..%2F..%2Fetc%2Fpasswd/register.csv"]:
        status, _, page = adviser.send(port, "GET", path)
        check.expect(status in (400, 403, 404) and "root:" not in page, f"path traversal {path}: {status}")

    # Brute force: a fourth wrong password in a row is slowed down, even with the right one next.
    for _ in range(4):
        status, page = sign_in(Browser(), port, "analyst@conduit.example", "not the password")
    check.expect("Too many attempts" in page or "locked" in page, "the fourth wrong password in a row is throttled")
    status, page = sign_in(Browser(), port, "analyst@conduit.example", PASSWORD)
    check.expect(status != 303 and ("Too many attempts" in page or "locked" in page), "and so is the right password straight after")

    # Security headers on every page probed, signed in and out.
    for browser, path in [(Browser(), "/"), (Browser(), "/sign-in"), (Browser(), "/figures"), (adviser, "/directory"),
                          (adviser, f"/directory/groups/{own_group}"), (adviser, "/training"), (adviser, "/returns/dashboard")]:
        import http.client
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items())})
        response = connection.getresponse()
        response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        missing = [name for name in ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"] if name not in headers]
        check.expect(not missing and headers.get("cache-control") == "no-store", f"security headers on {path}: missing {missing or 'none'}, cache {headers.get('cache-control')}")

    # Nothing the probes tried changed a record (the one probe group is the only addition).
    after = snapshot(database)
    changed = [table for table in before if before[table] != after[table] and table != "organisations"]
    added = len(after["organisations"]) - len(before["organisations"])
    same_groups = [row for row in after["organisations"] if row in before["organisations"]]
    check.expect(not changed and added <= 1 and len(same_groups) == len(before["organisations"]),
                 f"no record was changed by the probes (tables changed: {changed or 'none'}; groups added: {added})")
    print(f"\n{len(check.failures)} failed" if check.failures else "\nall passed")
    sys.exit(1 if check.failures else 0)


if __name__ == "__main__":
    main()
