"""End-to-end: an adviser works the directory in a real browser (headless Chromium).

Run against a server started with `conduit serve --demo` (see .ci/run):
    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/directory_test.py
"""
import base64
import hashlib
import hmac
import os
import struct
import sys
import time
import unittest

from selenium import webdriver
from selenium.common.exceptions import (JavascriptException, NoSuchElementException, StaleElementReferenceException,
                                        TimeoutException, WebDriverException)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.event_firing_webdriver import EventFiringWebDriver
from selenium.webdriver.support.events import AbstractEventListener
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ.get("CONDUIT_URL", "http://127.0.0.1:8097")
PASSWORD = "conduit demo password"
USED_STEPS = {}
# E2E_JAVASCRIPT=off runs the journeys with JavaScript disabled: every page must work without it.
JAVASCRIPT = os.environ.get("E2E_JAVASCRIPT", "on") != "off"
# The WCAG 2.2 A and AA rules of axe-core (selenium-axe-python bundles it).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHECKED_PAGES = set()


def page_gone(element):
    """A wait condition: the page holding the element has been replaced by another.

    While the browser is between two documents, asking about the old element can fail in ways other than
    'stale' (the node no longer belongs to a document, no execution context): that means wait, not fail."""
    def gone(_driver):
        try:
            element.is_enabled()
            return False
        except (StaleElementReferenceException, NoSuchElementException):
            return True
        except WebDriverException:
            return False
    return gone


class AccessibilityCheck(AbstractEventListener):
    """Runs axe on every page a journey arrives at, once per page (path and heading)."""

    def __init__(self):
        self.violations = []
        self.leaving = None

    def after_navigate_to(self, url, driver):
        self.check(driver)

    def before_click(self, element, driver):
        # A link or button loads another page: keep the current one to see it go.
        self.leaving = driver.find_element(By.TAG_NAME, "html") if element.tag_name in ("a", "button") else None

    def after_click(self, element, driver):
        if self.leaving is not None:
            try:
                WebDriverWait(driver, 3).until(page_gone(self.leaving))
            except TimeoutException:
                pass  # a link within the page
        self.check(driver)

    def check(self, driver):
        # A click may still be loading the next page: wait for it, and try again if it changed under us.
        for _ in range(10):
            try:
                WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
                return self.check_loaded(driver) if JAVASCRIPT else None
            except (StaleElementReferenceException, JavascriptException):
                time.sleep(0.2)
        raise AssertionError(f"axe could not check {driver.current_url}: the page kept changing")

    def check_loaded(self, driver):
        from selenium_axe_python import Axe
        headings = driver.find_elements(By.TAG_NAME, "h1")
        page = (driver.current_url.split("?")[0], headings[0].text if headings else "")
        if page in CHECKED_PAGES:
            return
        CHECKED_PAGES.add(page)
        axe = Axe(driver)
        axe.inject()
        results = axe.run(options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if results["violations"]:
            self.violations.append(f"{driver.current_url}\n{axe.report(results['violations'])}")


def totp(role):
    """The current code of a demo account (its secret is derived as in Demo.swift); each step once."""
    secret = hashlib.sha1(f"conduit demo {role}".encode()).digest()
    step = int(time.time()) // 30
    if USED_STEPS.get(role, -1) >= step:
        time.sleep(30 - time.time() % 30 + 1)
        step = int(time.time()) // 30
    USED_STEPS[role] = step
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class BrowserTest(unittest.TestCase):
    """A headless Chromium and the steps every journey uses."""

    failed = False  # set when the test's body fails

    def setUp(self):
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"]:
            options.add_argument(argument)
        if os.path.exists("/usr/bin/chromium"):
            options.binary_location = "/usr/bin/chromium"
        if not JAVASCRIPT:
            options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else None
        self.accessibility = AccessibilityCheck()
        self.browser = EventFiringWebDriver(webdriver.Chrome(options=options, service=service), self.accessibility)
        self.browser.set_page_load_timeout(30)
        self.wait = WebDriverWait(self.browser, 15)

    def _callTestMethod(self, method):
        # Marks a failed body for tearDown, under unittest and pytest alike (both call this).
        try:
            method()
        except Exception:
            self.failed = True
            raise

    def tearDown(self):
        # On failure keep what the browser saw: a screenshot for CI's artefacts, and the page's
        # address and text in the log.
        if self.failed:
            folder = os.environ.get("E2E_ARTIFACTS", "/tmp/conduit-e2e-artifacts")
            os.makedirs(folder, exist_ok=True)
            self.browser.save_screenshot(os.path.join(folder, f"{self.id()}.png"))
            print(f"\nFailed at {self.browser.current_url}; screenshot in {folder}", file=sys.stderr)
            print(self.browser.find_element(By.TAG_NAME, "body").text[:3000], file=sys.stderr)
        else:
            self.accessibility.check(self.browser.wrapped_driver)
        self.browser.quit()
        if not self.failed:
            self.assertEqual(self.accessibility.violations, [], "\n\n".join(self.accessibility.violations))

    # helpers
    def go(self, path):
        self.browser.get(BASE + path)

    def field(self, field_id):
        return self.browser.find_element(By.ID, field_id)

    def type(self, field_id, text):
        element = self.field(field_id)
        element.clear()
        element.send_keys(text)

    def submit(self, text):
        self.browser.find_element(By.XPATH, f"//button[normalize-space()='{text}']").click()

    # Keyboard only: where Tab goes, focus must show (WCAG 2.4.7).
    FOCUS_SHOWN = """const s = getComputedStyle(arguments[0]);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';"""

    def press(self, *keys):
        ActionChains(self.browser.wrapped_driver).send_keys(*keys).perform()

    def select_all_and_type(self, text):
        """Ctrl+A then the text: what is in the focused field is replaced."""
        ActionChains(self.browser.wrapped_driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(text).perform()

    def tab_to(self, wanted, limit=150):
        """Presses Tab until `wanted` (an id, or a test of the element) has focus; every stop shows its focus."""
        is_wanted = (lambda element: element.get_attribute("id") == wanted) if isinstance(wanted, str) else wanted
        for _ in range(limit):
            self.press(Keys.TAB)
            active = self.browser.wrapped_driver.switch_to.active_element
            self.assertTrue(self.browser.wrapped_driver.execute_script(self.FOCUS_SHOWN, active),
                            f"focus is not visible on {active.get_attribute('outerHTML')[:160]}")
            if is_wanted(active):
                return active
        self.fail(f"Tab never reached {wanted}")

    def tab_to_button(self, text):
        return self.tab_to(lambda element: element.tag_name == "button" and element.text.strip() == text)

    def page_text(self):
        self.wait.until(lambda b: b.find_elements(By.TAG_NAME, "main"))
        return self.browser.find_element(By.TAG_NAME, "main").text

    def sign_in(self, email, role=None):
        self.go("/sign-in")
        self.type("email", email)
        self.type("password", PASSWORD)
        self.submit("Sign in")
        if role:
            self.wait.until(lambda b: b.find_elements(By.ID, "code"), f"no code step for {email}")
            self.type("code", totp(role))
            self.submit("Continue")
            if "has already been used" in self.browser.page_source:
                # An earlier run used this step's code: codes are single-use, so wait for the next.
                USED_STEPS[role] = int(time.time()) // 30
                self.type("code", totp(role))
                self.submit("Continue")
        self.wait.until(lambda b: "Welcome" in b.page_source)

    def check_page_basics(self):
        """Every page: one h1, every visible input has a label."""
        self.assertEqual(len(self.browser.find_elements(By.TAG_NAME, "h1")), 1, self.browser.current_url)
        for element in self.browser.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, textarea"):
            labels = self.browser.find_elements(By.CSS_SELECTOR, f"label[for='{element.get_attribute('id')}']")
            self.assertTrue(labels, f"no label for #{element.get_attribute('id')} on {self.browser.current_url}")

class DirectoryInTheBrowser(BrowserTest):
    def test_adviser_finds_adds_records_and_follows_up(self):
        self.sign_in("adviser@conduit.example", "adviser")

        # Find a group by part of its name, ignoring accents and case.
        self.browser.find_element(By.LINK_TEXT, "Directory").click()
        self.check_page_basics()
        self.type("q", "MASJID")
        self.submit("Search")
        self.assertIn("1 group", self.page_text())
        self.browser.find_element(By.LINK_TEXT, "Masjid Al-Noor").click()
        self.check_page_basics()
        self.assertIn("Safeguarding readiness", self.page_text())

        # Log an engagement from the group's page: today's date is filled in.
        self.browser.find_element(By.LINK_TEXT, "Log an engagement").click()
        self.check_page_basics()
        self.browser.find_element(By.CSS_SELECTOR, "label[for='channel-4']").click()  # Visit
        self.browser.find_element(By.CSS_SELECTOR, "label[for='outcome-5']").click()  # Met
        self.browser.find_element(By.XPATH, "//label[contains(., 'Female genital mutilation')]").click()
        self.type("time", "7pm")
        self.type("followUpOn", "1")
        self.type("followUpOn-month", "1")
        self.type("followUpOn-year", str(time.gmtime().tm_year + 1))
        self.submit("Log engagement")
        self.wait.until(lambda b: "The engagement has been logged" in b.page_source)
        self.assertIn("Visit: Met", self.page_text())
        self.assertIn("Female genital mutilation", self.page_text())

        # Add a group that is already there under another spelling: warned, then added on purpose.
        self.go("/directory/groups/new")
        self.check_page_basics()
        self.type("name", "Saint Marys Eritrean Orthodox Ch.")
        Select(self.field("type")).select_by_visible_text("Place of worship")
        self.type("postcode", "nw5 1tl")
        self.submit("Add group")
        self.wait.until(lambda b: "This group may already be in the directory" in b.page_source)
        self.assertIn("St Mary's Eritrean Orthodox Church", self.page_text())
        self.assertEqual(self.field("name").get_attribute("value"), "Saint Marys Eritrean Orthodox Ch.", "what was typed is kept")
        self.browser.find_element(By.CSS_SELECTOR, "label[for='notDuplicate']").click()
        self.submit("Add as a new group")
        self.wait.until(lambda b: "The group has been added" in b.page_source)
        self.assertIn("NW5 1TL", self.page_text())

        # A mistake is explained beside the field, and nothing typed is lost.
        self.browser.find_element(By.LINK_TEXT, "Edit details").click()
        self.type("postcode", "NOT A POSTCODE")
        self.submit("Save changes")
        self.wait.until(lambda b: "There is a problem" in b.page_source)
        self.assertIn("Enter a real UK postcode", self.page_text())
        self.assertEqual(self.field("postcode").get_attribute("value"), "NOT A POSTCODE")

        # Record readiness.
        group_url = self.browser.current_url.replace("/edit", "")
        self.browser.get(group_url + "/readiness")
        self.check_page_basics()
        Select(self.field("child_protection_policy-status")).select_by_visible_text("In place")
        Select(self.field("safeguarding_lead-status")).select_by_visible_text("Yes")
        self.submit("Save readiness")
        self.wait.until(lambda b: "Safeguarding readiness has been saved" in b.page_source)
        self.assertIn("2 of 10", self.page_text())

        # The follow-up set above is listed.
        self.browser.find_element(By.LINK_TEXT, "Follow-ups").click()
        self.check_page_basics()
        self.assertIn("Masjid Al-Noor", self.page_text())

    def test_another_partnership_cannot_see_the_group(self):
        self.sign_in("adviser@conduit.example", "adviser")
        self.go("/directory?q=masjid")
        self.browser.find_element(By.LINK_TEXT, "Masjid Al-Noor").click()
        camden_group = self.browser.current_url
        self.browser.delete_all_cookies()
        # Brent's demo adviser has no second factor (allowed outside production mode).
        self.sign_in("adviser.brent@conduit.example")
        self.browser.get(camden_group)
        self.assertIn("Page not found", self.page_text())
        self.go("/directory?q=masjid")
        self.assertIn("0 groups", self.page_text())
        self.go("/directory?q=brent")
        self.assertIn("Brent Somali Community Centre", self.page_text())


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
