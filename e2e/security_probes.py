"""Security probes, from outside (issue 8), against a demo server: what an attacker would try,
part by part. Each must fail safely, with nothing changed in the database.

    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/security_probes.py --database /path/to/conduit.sqlite \\
        --binary .build/debug/conduit

Reads the demo database (read-only) to find another partnership's records and to check that
nothing changed; signs in as demo users (their TOTP keys come from the role name). The
administrator probes set up two accounts of their own (`conduit user create`) and one
membership: those are checked apart. The second-factor probe leaves submitter@ locked out
of signing in for 15 minutes (its API tokens still work); run again on a fresh database.
"""
import argparse
import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse

from scale_out_checks import Browser, Check, FormReader, form_with, sign_in, totp

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


def rows(database, query, parameters=()):
    """The rows as stored (ids in their stored case), read-only."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute(query, parameters).fetchall()


def form_posting_to(page, suffix):
    """The page's form whose action ends with `suffix` (a select with no option marked
    selected is not among `form_with`'s fields, as the membership form's are not)."""
    reader = FormReader()
    reader.feed(page)
    return next((form for form in reader.forms if form["action"].endswith(suffix)), None)


def off_site(location):
    """Whether a redirect's Location could take a browser away from Conduit: browsers drop
    tabs and line breaks and read a backslash as a slash, so `/\t/x` and `/\\x` are `//x`."""
    if not location:
        return False
    parts = urllib.parse.urlsplit(location)
    return (location.startswith(("//", "/\t", "/\\")) or "evil.example" in location or bool(parts.scheme) or bool(parts.netloc)
            or any(character in location for character in "\t\r\n\\"))


def throttled_for(status, page):
    """The seconds a 429 "Too many attempts. Wait N seconds" asks for (one more, to be sure), or None."""
    found = re.search(r"Too many attempts\. Wait (\d+) seconds", page) if status == 429 else None
    return int(found.group(1)) + 1 if found else None


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

    # Security headers on every page probed, signed in and out. The public figures and library,
    # signed out, may be kept by a shared cache: then never with a cookie, and varying by it;
    # signed in, the same pages carry the person's name and are no-store.
    cacheable = {"/figures", "/library"}
    for browser, path in [(Browser(), "/"), (Browser(), "/sign-in"), (Browser(), "/figures"), (Browser(), "/library"), (adviser, "/figures"),
                          (adviser, "/library"), (adviser, "/directory"),
                          (adviser, f"/directory/groups/{own_group}"), (adviser, "/training"), (adviser, "/returns/dashboard")]:
        import http.client
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items())})
        response = connection.getresponse()
        response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        missing = [name for name in ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"] if name not in headers]
        signed_out = not browser.cookies
        if path in cacheable and signed_out:
            cached_safely = headers.get("cache-control", "").startswith("public, max-age=") and "set-cookie" not in headers and headers.get("vary") == "Cookie"
            check.expect(not missing and cached_safely, f"security headers on {path}, signed out: missing {missing or 'none'}, cache {headers.get('cache-control')}, "
                         f"cookie {'set' if 'set-cookie' in headers else 'none'}")
        else:
            check.expect(not missing and headers.get("cache-control") == "no-store", f"security headers on {path}: missing {missing or 'none'}, cache {headers.get('cache-control')}")

    # The outside security test's findings (issue 13), each tried again against its fix.
    cli_env = {"CONDUIT_DATABASE_PATH": database, "PATH": "/usr/bin:/bin", "LOG_LEVEL": "warning"}

    def conduit(*command, **env):
        return subprocess.run([arguments.binary, *command], env=dict(cli_env, **env), capture_output=True, text=True, timeout=120)

    def begin_sign_in(browser, email, password, next_value=None, query=""):
        """The password step, sending `next_value` as the form's hidden next field: (status, Location, page)."""
        _, _, page = browser.send(port, "GET", "/sign-in" + query)
        form = form_with(page, "email")
        form["fields"].update(email=[email], password=[password])
        if next_value is not None:
            form["fields"]["next"] = [next_value]
        return browser.send(port, "POST", form["action"] or "/sign-in", form["fields"])

    # 1. A NUL byte in the sign-in email, signed out: refused by name, and the audit chain stays whole.
    status, _, page = begin_sign_in(Browser(), "nobody\x00x@example.org", "not the password")
    check.expect(status == 422 and "remove the invisible control character (U+0000" in page,
                 f"a NUL in the sign-in email is refused, naming the character: {status}")
    verified = conduit("audit", "verify")
    check.expect(verified.returncode == 0, f"the audit trail verifies after it (conduit audit verify: exit {verified.returncode}"
                 f"{', ' + (verified.stdout + verified.stderr).strip()[-300:] if verified.returncode else ''})")

    # 2. NUL and a bidirectional override through the API, and one in a query string.
    probe_names = "SELECT count(*) FROM organisations WHERE name LIKE 'Probe%' OR instr(CAST(name AS BLOB), X'00') > 0"
    probes_before = rows(database, probe_names)[0][0]
    status, body = api("POST", "/api/v1/groups", {"name": "Probe\u0000Nul", "type": "faith_group"})
    fields = [error.get("field") for error in json.loads(body).get("errors", [])] if status == 422 and body.startswith("{") else []
    check.expect(status == 422 and "name" in fields, f"a NUL in a group's name through the API: {status}, problems named {fields}")
    status, body = api("POST", "/api/v1/groups", {"name": "Probe Bidi Fellowship", "type": "faith_group", "notes": "abc\u202edef"})
    fields = [error.get("field") for error in json.loads(body).get("errors", [])] if status == 422 and body.startswith("{") else []
    check.expect(status == 422 and "notes" in fields, f"a right-to-left override (U+202E) in a group's notes through the API: {status}, problems named {fields}")
    probes_after = rows(database, probe_names)[0][0]
    check.expect(probes_after == probes_before, f"and neither group was stored ({probes_after - probes_before} named Probe… or holding a NUL added)")
    status, _, _ = adviser.send(port, "GET", "/directory?q=abc%E2%80%AEdef")
    check.expect(status == 422, f"a right-to-left override in the directory's search (query string): {status}")
    # The add-a-group form sent as multipart, which a browser never does but anyone may.
    _, _, new_page = adviser.send(port, "GET", "/directory/groups/new")
    group_form = form_with(new_page, "name")
    boundary = "conduitprobe-multipart"
    parts = dict(group_form["fields"], name=["Probe Multipart Fellowship"], notes=["abc\x00def"])
    multipart = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                        for name, values in parts.items() for value in values) + f"--{boundary}--\r\n"
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", group_form["action"] or "/directory/groups", body=multipart.encode(), headers={
        "Cookie": "; ".join(f"{k}={v}" for k, v in adviser.cookies.items()), "Content-Type": f"multipart/form-data; boundary={boundary}"})
    response = connection.getresponse()
    page = response.read().decode()
    check.expect(response.status == 422 and "U+0000" in page, f"a NUL in a form sent as multipart is refused too: {response.status}")
    check.expect(rows(database, "SELECT COUNT(*) FROM organisations WHERE name = 'Probe Multipart Fellowship'")[0][0] == 0, "and nothing was stored")

    # 3. Open redirect after sign-in: next= is followed only within Conduit, through both steps.
    evil = "/\t/evil.example/"
    coordinator = Browser()
    status, location, page = begin_sign_in(coordinator, "coordinator@conduit.example", PASSWORD, evil, query="?next=/%09/evil.example/")
    code_next = urllib.parse.parse_qs(urllib.parse.urlsplit(location or "").query).get("next", [""])[0]
    check.expect(status == 303 and (location or "").startswith("/sign-in/code") and not off_site(code_next) and not off_site(location),
                 f"next={evil!r}: the password step goes on to the code page only: {status} {location!r}")
    final = None
    for _ in range(2):
        _, _, code_page = coordinator.send(port, "GET", location or "/sign-in/code")
        form = form_with(code_page, "code")
        form["fields"].update(code=[totp("coordinator")], next=[evil])
        status, final, page = coordinator.send(port, "POST", form["action"] or "/sign-in/code", form["fields"])
        if status == 303 or "already been used" not in page:
            break
        time.sleep(30 - time.time() % 30 + 1)  # an earlier sign-in used this code: wait for the next
    check.expect(status == 303 and not off_site(final), f"next={evil!r}: signed in (password and code), the redirect stays on the site: {status} {final!r}")
    for value in ["//evil.example", "/\\evil.example", "https://evil.example", evil]:
        # The code step (coordinator, second factor) and a password-only sign-in (adviser.brent).
        waiting = Browser()
        status, location, _ = begin_sign_in(waiting, "coordinator@conduit.example", PASSWORD, value, query="?next=" + urllib.parse.quote(value, safe=""))
        code_next = urllib.parse.parse_qs(urllib.parse.urlsplit(location or "").query).get("next", [""])[0]
        _, _, code_page = waiting.send(port, "GET", "/sign-in/code?next=" + urllib.parse.quote(value, safe=""))
        hidden = form_with(code_page, "code")["fields"].get("next", [""])[0] if 'name="code"' in code_page else None
        check.expect(status == 303 and not off_site(location) and not off_site(code_next) and hidden is not None and not off_site(hidden),
                     f"next={value!r}: the code page is reached with no off-site next, nor carries one: {status} {location!r}, hidden {hidden!r}")
        status, location, _ = begin_sign_in(Browser(), "adviser.brent@conduit.example", PASSWORD, value, query="?next=" + urllib.parse.quote(value, safe=""))
        check.expect(status == 303 and not off_site(location), f"next={value!r}: a password-only sign-in redirects on the site: {status} {location!r}")

    # 4. Second-factor codes: five wrong in rounds of "right password, wrong code" lock, and
    # the right code after them is refused too (a correct password no longer clears them).
    slept = 0

    def throttled(send):
        """`send()` again after each "Wait N seconds", within one minute of sleeping in all."""
        nonlocal slept
        while True:
            result = send()
            wait = throttled_for(result[0], result[-1])
            if wait is None or slept + wait > 60:
                return result
            time.sleep(wait)
            slept += wait

    wrong = "000000" if totp("submitter") != "000000" else "000001"
    for round_number in range(1, 7):
        browser = Browser()
        status, location, _ = throttled(lambda: begin_sign_in(browser, "submitter@conduit.example", PASSWORD))
        if status != 303 or not (location or "").startswith("/sign-in/code"):
            check.expect(False, f"second-factor round {round_number}: the right password goes on to the code page: {status} {location!r}")
            break

        def code(value):
            _, _, code_page = browser.send(port, "GET", location)
            form = form_with(code_page, "code")
            form["fields"]["code"] = [value]
            return browser.send(port, "POST", form["action"] or location, form["fields"])
        if round_number <= 5:
            status, _, page = throttled(lambda: code(wrong))
            if status != 401:
                check.expect(False, f"second-factor round {round_number}: right password, wrong code: {status} (expected 401)")
                break
        else:
            status, _, page = code(totp("submitter"))
            check.expect(status == 429 and "locked" in page,
                         f"after five wrong codes in five rounds, the right password and the right code are refused, locked: {status}")
            still, _, page = browser.send(port, "GET", "/sign-in/code")
            check.expect(still == 200 and 'name="code"' in page, f"and the session is still waiting for a code, not signed in: {still}")
    check.expect(slept <= 60, f"the second-factor rounds slept {slept} s in all")

    # 5. An administrator of one partnership does not change an account that also belongs to another.
    new_password = "probe account password, long enough 2007"
    for email, name, partnership, role in [("hackney.admin@conduit.example", "Hackney administrator (probe)", "hackney", "administrator"),
                                           ("shared.person@conduit.example", "Shared person (probe)", "camden", "adviser")]:
        made = conduit("user", "create", "--email", email, "--name", name, "--partnership", partnership, "--role", role, CONDUIT_NEW_PASSWORD=new_password)
        check.expect(made.returncode == 0, f"conduit user create {email} ({role} in {partnership}): exit {made.returncode} {made.stderr.strip()[-200:]}")
    hackney = rows(database, "SELECT id FROM partnerships WHERE code = 'hackney'")[0][0]
    camden_id = rows(database, "SELECT id FROM partnerships WHERE code = 'camden'")[0][0]
    administrator = Browser()
    status, _ = sign_in(administrator, port, "administrator@conduit.example", PASSWORD, "administrator")
    check.expect(status == 303, f"the London administrator signs in: {status}")
    _, _, listing = administrator.send(port, "GET", "/admin/users?q=shared")
    found = re.findall(r'href="/admin/users/([0-9a-fA-F-]{36})"', listing)
    shared = found[0] if found else None
    check.expect(shared is not None, "the London administrator finds shared.person on the user list")
    if shared:
        _, _, user_page = administrator.send(port, "GET", f"/admin/users/{shared}")
        form = form_posting_to(user_page, "/memberships")
        check.expect(form is not None, "shared.person's page has the add-a-membership form")
        if form:
            form["fields"].update(partnership=[hackney], role=["viewer"], returnSource=[""])
            status, _, _ = administrator.send(port, "POST", form["action"], form["fields"])
            check.expect(status == 303, f"the London administrator adds shared.person as a Hackney viewer: {status}")
        account = "SELECT email, disabled_at, version, display_name FROM users WHERE lower(id) = ?"
        stored = rows(database, account, (shared.lower(),))
        hackney_admin = Browser()
        status, _ = sign_in(hackney_admin, port, "hackney.admin@conduit.example", new_password)
        check.expect(status == 303, f"the Hackney administrator signs in (password only, as dev mode allows): {status}")
        status, _, user_page = hackney_admin.send(port, "GET", f"/admin/users/{shared}")
        check.expect(status == 200, f"the Hackney administrator sees shared.person (a Hackney viewer now): {status}")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', user_page)
        csrf = [csrf.group(1)] if csrf else [""]
        edit = next((form for form in [form_posting_to(user_page, f"/admin/users/{shared}")] if form and "email" in form["fields"]), None)
        edit_fields = dict(edit["fields"]) if edit else {"csrf_token": csrf, "version": [str(stored[0][2])], "name": [stored[0][3]]}
        edit_fields["email"] = ["attacker@evil.example"]
        attempts = [("the edit form (email to attacker@evil.example)", (edit or {}).get("action") or f"/admin/users/{shared}", edit_fields)]
        for suffix, what in [("/reset-second-factor", "the reset-second-factor form"), ("/disable", "the disable form")]:
            form = form_posting_to(user_page, suffix)
            # A button the page leaves out (no second factor to reset) is posted to all the same.
            attempts.append((what if form else what + " (no button on the page: posted directly)",
                             form["action"] if form else f"/admin/users/{shared}{suffix}", form["fields"] if form else {"csrf_token": csrf}))
        for what, action, fields in attempts:
            status, _, page = hackney_admin.send(port, "POST", action, fields)
            # Refused for the account, not for the form: a CSRF refusal would be a 403 too.
            check.expect(status == 403 and "did not come from Conduit" not in page,
                         f"the Hackney administrator posts {what} on shared.person (also a Camden adviser): {status}")
        after_attempts = rows(database, account, (shared.lower(),))
        check.expect(after_attempts == stored and stored and stored[0][1] is None,
                     f"shared.person's email and disabled state are unchanged: {after_attempts}")
        granted = rows(database, "SELECT p.code, m.role FROM memberships m JOIN partnerships p ON p.id = m.partnership_id JOIN users u ON u.id = m.user_id "
                                 "WHERE u.email IN ('hackney.admin@conduit.example', 'shared.person@conduit.example') ORDER BY u.email, p.code")
        check.expect(sorted(granted) == sorted([("hackney", "administrator"), ("camden", "adviser"), ("hackney", "viewer")]),
                     f"the probe accounts hold only the memberships the probes gave them: {granted}")

    # 6. No administrator grants themselves a membership.
    own = rows(database, "SELECT id FROM users WHERE email = 'administrator@conduit.example'")[0][0]
    own_memberships = "SELECT * FROM memberships WHERE user_id = ? ORDER BY rowid"
    held = rows(database, own_memberships, (own,))
    _, _, own_page = administrator.send(port, "GET", f"/admin/users/{own}")
    form = form_posting_to(own_page, "/memberships")
    fields = dict(form["fields"]) if form else {"csrf_token": [re.search(r'name="csrf_token" value="([^"]+)"', own_page).group(1)]}
    fields.update(partnership=[camden_id], role=["coordinator"], returnSource=[""])
    status, _, page = administrator.send(port, "POST", form["action"] if form else f"/admin/users/{own}/memberships", fields)
    check.expect(status == 403 and "did not come from Conduit" not in page, f"the London administrator grants themselves Camden coordinator: {status}")
    check.expect(rows(database, own_memberships, (own,)) == held, "and holds no new membership")
    status, _, _ = administrator.send(port, "GET", "/directory")
    check.expect(status == 403, f"and the directory is still closed to them: {status}")

    # Nothing the probes tried changed a record (the one probe group is the only addition).
    # The memberships of the two accounts probe 5 created are its own doing, checked there.
    after = snapshot(database)
    probe_memberships = {row[0] for row in rows(database, "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id "
                                                          "WHERE u.email IN ('hackney.admin@conduit.example', 'shared.person@conduit.example')")}
    after["memberships"] = [row for row in after["memberships"] if row[0] not in probe_memberships]
    changed = [table for table in before if before[table] != after[table] and table != "organisations"]
    added = len(after["organisations"]) - len(before["organisations"])
    same_groups = [row for row in after["organisations"] if row in before["organisations"]]
    check.expect(not changed and added <= 1 and len(same_groups) == len(before["organisations"]),
                 f"no record was changed by the probes (tables changed: {changed or 'none'}; groups added: {added})")
    # Refused requests are in the audit trail (ASVS 16.3.2), another partnership's records
    # named, and no more than the per-person limit in a scan's ten minutes, plus one entry saying so.
    refused = rows(database, "SELECT actor_label, COUNT(*), SUM(record_id IS NOT NULL) FROM audit_entries WHERE action = 'access.refused' GROUP BY actor_label")
    adviser_refusals = next((row for row in refused if row[0] == "adviser@conduit.example"), None)
    check.expect(adviser_refusals is not None and adviser_refusals[2] >= 1,
                 f"the adviser's requests for another partnership's records are in the audit trail: {adviser_refusals}")
    check.expect(all(count <= 21 for _, count, _ in refused), f"refusals recorded per person stay within the limit: {refused}")
    print(f"\n{len(check.failures)} failed" if check.failures else "\nall passed")
    sys.exit(1 if check.failures else 0)


if __name__ == "__main__":
    main()
