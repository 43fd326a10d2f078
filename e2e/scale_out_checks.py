"""Scale-out, from outside (issue 8): two `conduit serve` on different ports sharing one
PostgreSQL database. A session and CSRF token issued by one are accepted by the other;
the same group edited through both gives one success and one clear conflict, never a
silent overwrite; failed sign-ins count across both; and when PostgreSQL drops every
connection, requests fail safely and the app recovers by itself.

    DATABASE_URL=postgres://conduit@127.0.0.1:54329/conduit_scale_out \\
        python3 e2e/scale_out_checks.py --binary .build/debug/conduit

The database must exist and be empty; needs psql.
"""
import argparse
import hashlib
import hmac
import html.parser
import http.client
import os
import re
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HOST = "127.0.0.1"
PASSWORD = "conduit demo password"


class Check:
    def __init__(self):
        self.failures = []

    def expect(self, condition, message):
        print(("ok   " if condition else "FAIL ") + message, flush=True)
        if not condition:
            self.failures.append(message)


class FormReader(html.parser.HTMLParser):
    """The fields of the page's forms as a browser would send them, and each form's action."""

    def __init__(self):
        super().__init__()
        self.forms, self.select, self.textarea = [], None, None

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "form":
            self.forms.append({"action": attributes.get("action", ""), "fields": {}})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and "name" in attributes:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind not in ("submit", "button"):
                fields.setdefault(attributes["name"], []).append(attributes.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self.select = attributes.get("name")
        elif tag == "option" and self.select and "selected" in attributes:
            fields.setdefault(self.select, []).append(attributes.get("value", ""))
        elif tag == "textarea":
            self.textarea = attributes.get("name")
            fields.setdefault(self.textarea, []).append("")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.forms:
            self.forms[-1]["fields"][self.textarea][-1] += data


def form_with(page, field):
    reader = FormReader()
    reader.feed(page)
    return next(form for form in reader.forms if field in form["fields"])


class Browser:
    """Cookies kept across both instances, as one browser behind a load balancer."""

    def __init__(self):
        self.cookies = {}

    def send(self, port, method, path, fields=None):
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode([(name, value) for name, values in fields.items() for value in values])
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";")[0]
                if cookie_value and "1970" not in value:
                    self.cookies[name] = cookie_value
                else:
                    self.cookies.pop(name, None)
        return response.status, response.getheader("Location"), response.read().decode()


def totp(role):
    secret = hashlib.sha1(f"conduit demo {role}".encode()).digest()
    digest = hmac.new(secret, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def sign_in(browser, port, email, password, role=None):
    status, _, page = browser.send(port, "GET", "/sign-in")
    form = form_with(page, "email")
    form["fields"].update(email=[email], password=[password])
    status, location, page = browser.send(port, "POST", form["action"] or "/sign-in", form["fields"])
    if status != 303 or not role:
        return status, page
    code_page = location
    for _ in range(2):
        status, _, page = browser.send(port, "GET", code_page)
        form = form_with(page, "code")
        form["fields"]["code"] = [totp(role)]
        status, location, page = browser.send(port, "POST", form["action"] or code_page, form["fields"])
        if status == 303 or "already been used" not in page:
            break
        # Codes are single-use and an earlier sign-in used this one: wait for the next.
        time.sleep(30 - time.time() % 30 + 1)
    return status, page


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/conduit")
    parser.add_argument("--ports", default="8092,8093")
    arguments = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    ports = [int(port) for port in arguments.ports.split(",")]
    env = dict(os.environ, CONDUIT_SECRET="scale-out check secret, shared by both instances", LOG_LEVEL="warning")
    check = Check()
    servers = []
    with tempfile.TemporaryDirectory(prefix="conduit-scale-out-") as folder:
        try:
            done = subprocess.run([arguments.binary, "demo"], env=env, capture_output=True, text=True, timeout=300)
            check.expect(done.returncode == 0, "the demo data loads into PostgreSQL")
            for port in ports:
                log = open(os.path.join(folder, f"server-{port}.log"), "w")
                servers.append(subprocess.Popen([arguments.binary, "serve", "--hostname", HOST, "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT))
            for port in ports:
                for _ in range(120):
                    try:
                        if Browser().send(port, "GET", "/health")[0] == 200:
                            break
                    except OSError:
                        time.sleep(0.5)
            a, b = ports

            # A session begun on one instance is good on the other, and so is its CSRF token.
            adviser = Browser()
            status, _ = sign_in(adviser, a, "adviser@conduit.example", PASSWORD, "adviser")
            check.expect(status == 303, f"the adviser signs in on :{a}")
            status, _, page = adviser.send(b, "GET", "/directory")
            check.expect(status == 200 and "Sign out" in page, f"the session from :{a} is signed in on :{b}")
            group = re.search(r'href="/directory/groups/([0-9a-fA-F-]{36})"', page).group(1)
            edit = f"/directory/groups/{group}/edit"
            _, _, page_a = adviser.send(a, "GET", edit)
            _, _, page_b = adviser.send(b, "GET", edit)
            form_a, form_b = form_with(page_a, "version"), form_with(page_b, "version")
            original = form_a["fields"]["name"][0]
            form_a["fields"]["name"] = [original + " (edited on A)"]
            form_b["fields"]["name"] = [original + " (edited on B)"]
            status_a, _, _ = adviser.send(b, "POST", form_a["action"] or edit, form_a["fields"])
            check.expect(status_a == 303, f"a form from :{a} (its CSRF token) is accepted by :{b}: {status_a}")
            status_b, _, answer = adviser.send(a, "POST", form_b["action"] or edit, form_b["fields"])
            check.expect(status_b == 409 and "Someone else changed this group while you were editing it" in answer and "(edited on A)" in answer,
                         f"the same version edited again through :{a} is a conflict showing the saved version beside theirs: {status_b}")
            _, _, page = adviser.send(a, "GET", f"/directory/groups/{group}")
            check.expect("(edited on A)" in page and "(edited on B)" not in page, "the first edit stands; nothing is silently overwritten")
            status, _, _ = Browser().send(b, "POST", form_a["action"] or edit, form_a["fields"])
            check.expect(status in (303, 403) and status != 200, f"the same form posted without the session is refused: {status}")

            # Failed sign-ins count across both instances: three free, the fourth slowed down.
            for attempt, port in enumerate([a, b, a]):
                sign_in(Browser(), port, "viewer@conduit.example", "wrong password")
            status, page = sign_in(Browser(), b, "viewer@conduit.example", "wrong password")
            check.expect("Too many attempts" in page, f"the fourth failure in a row, on :{b}, is throttled by the three before it on both")

            # PostgreSQL drops every connection: requests may fail, but safely, and the app recovers.
            failures, stop = [], threading.Event()

            def keep_reading():
                while not stop.is_set():
                    try:
                        status, _, page = adviser.send(a, "GET", "/directory")
                        if status != 200:
                            failures.append(status)
                            if status >= 500 and ("Traceback" in page or "SQL" in page):
                                failures.append("a detailed error page")
                    except OSError as error:
                        failures.append(str(error))
            reader = threading.Thread(target=keep_reading)
            reader.start()
            time.sleep(1)
            dropped = subprocess.run(["psql", url, "-At", "-c", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                      "WHERE datname = current_database() AND pid <> pg_backend_pid()"], capture_output=True, text=True, timeout=30)
            time.sleep(2)
            stop.set()
            reader.join()
            check.expect(dropped.returncode == 0, f"PostgreSQL ended {dropped.stdout.strip()} connections of the app")
            check.expect("a detailed error page" not in failures, f"requests caught by it answered a generic page ({len(failures)} failed)")
            recovered = False
            for _ in range(20):
                if adviser.send(a, "GET", "/directory")[0] == 200 and adviser.send(b, "GET", "/directory")[0] == 200:
                    recovered = True
                    break
                time.sleep(0.5)
            check.expect(recovered, "both instances serve again without a restart")
        finally:
            for server in servers:
                server.kill()
                server.wait(timeout=30)
            if check.failures:
                for port in ports:
                    print(open(os.path.join(folder, f"server-{port}.log")).read()[-2000:])
    print(f"\n{len(check.failures)} failed" if check.failures else "\nall passed")
    sys.exit(1 if check.failures else 0)


if __name__ == "__main__":
    main()
