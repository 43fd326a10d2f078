"""End-to-end: an adviser passes a concern on, from "is a child in danger now?" to closing it,
in headless Chromium, with and without JavaScript (axe on every page); who else may open it;
and the public page with "Leave this page".

    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/concerns_test.py
"""
import sys
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import directory_test


class ConcernsInTheBrowser(directory_test.BrowserTest):
    def label(self, field_id):
        """Clicks the label of a radio or checkbox, as a person does."""
        self.browser.find_element(By.CSS_SELECTOR, f"label[for='{field_id}']").click()

    def test_adviser_passes_an_urgent_concern_on_and_others_cannot_open_it(self):
        self.sign_in("adviser@conduit.example", "adviser")
        # The demo's late concerns are the first thing on the home page.
        self.assertIn("2 concerns need action now", self.page_text())
        self.browser.find_element(By.LINK_TEXT, "Concerns").click()
        self.check_page_basics()
        self.browser.find_element(By.LINK_TEXT, "Record a concern").click()
        self.check_page_basics()

        # The first question; yes shows "Call 999 now" before anything else.
        self.label("dangerNow")
        self.submit("Continue")
        self.wait.until(lambda b: "Call 999 now" in b.page_source)
        self.check_page_basics()
        self.assertTrue(self.browser.find_element(By.CSS_SELECTOR, "a[href='tel:999']").is_displayed())

        # The details, as typed at a meeting on a phone: every problem first, then what was typed kept.
        self.type("summary", "A girl of eleven told the group's teacher she is being taken abroad in August to be cut.")
        self.submit("Continue")
        self.wait.until(lambda b: "There is a problem" in b.page_source)
        self.check_page_basics()
        self.assertIn("Select how you received the concern", self.page_text())
        self.assertEqual(self.field("summary").get_attribute("value"),
                         "A girl of eleven told the group's teacher she is being taken abroad in August to be cut.")
        self.label("receipt-4")          # at a group's meeting
        self.label("raisedBy-2")         # a community member
        self.type("raiserIdentity", "Her aunt, via the group's chair")
        self.type("childrenCount", "1")
        self.label("ageBands-3")         # 10 to 15
        self.label("sexes")              # female
        Select(self.field("residence")).select_by_visible_text("Camden")
        self.label("categories")         # female genital mutilation
        self.label("positionOfTrust-2")  # no
        self.label("consent-3")          # not sought
        self.type("consentReason", "Asking the family could lead them to take her sooner.")
        self.submit("Continue")
        self.wait.until(lambda b: "Check the concern before you record it" in b.page_source)
        self.check_page_basics()
        self.assertIn("Female genital mutilation", self.page_text())
        self.assertNotIn("Her aunt", self.page_text(), "restricted fields are not shown back")
        self.submit("Record the concern")
        self.wait.until(lambda b: "The concern has been recorded." in b.page_source)
        self.check_page_basics()
        concern = self.browser.current_url.split("?")[0]

        # Passed on to the front door, its outcome heard, the aunt told, closed.
        self.browser.find_element(By.LINK_TEXT, "Record a referral").click()
        self.check_page_basics()
        self.label("route")              # the front door
        self.type("reference", "MASH-E2E-1")
        self.submit("Record the referral")
        self.wait.until(lambda b: "The referral has been recorded." in b.page_source)
        self.browser.find_element(By.LINK_TEXT, "Record").click()
        self.check_page_basics()
        self.label("outcome-5")          # child protection enquiry
        self.submit("Record the outcome")
        self.wait.until(lambda b: "The outcome has been recorded." in b.page_source)
        self.browser.find_element(By.LINK_TEXT, "Record feedback").click()
        self.check_page_basics()
        self.label("method-2")           # by phone
        self.submit("Record the feedback")
        self.wait.until(lambda b: "The feedback has been recorded." in b.page_source)
        self.assertIn("Child protection enquiry (section 47)", self.page_text())
        self.assertIn("MASH-E2E-1", self.page_text())

        # The names, only for a reason.
        self.type("reason", "The front door asked who raised it, to call her back.")
        self.submit("Show the names")
        self.wait.until(lambda b: "Her aunt, via the group's chair" in b.page_source)
        self.submit("Close the concern")
        self.wait.until(lambda b: "The concern has been closed." in b.page_source)
        self.check_page_basics()

        # A viewer and an analyst of Camden are refused; Brent's adviser is told it does not exist.
        for email, role, answer in [("viewer@conduit.example", "viewer", "You cannot do this"),
                                    ("analyst@conduit.example", "analyst", "You cannot do this"),
                                    ("adviser.brent@conduit.example", None, "Page not found")]:
            self.browser.delete_all_cookies()
            self.sign_in(email, role)
            self.browser.get(concern)
            self.assertIn(answer, self.page_text(), email)

        # Every access is in the audit trail, as its administrator sees it.
        self.browser.delete_all_cookies()
        self.sign_in("administrator@conduit.example", "administrator")
        self.go("/admin/audit")
        text = self.page_text()
        for action in ["concern.create", "concern.read", "concern.restricted_read", "concern.refer", "concern.close", "access.refused"]:
            self.assertIn(action, text)

    def test_public_page_with_leave_this_page(self):
        self.go("/")
        self.browser.find_element(By.LINK_TEXT, "Worried about a child?").click()
        self.check_page_basics()
        self.browser.find_element(By.LINK_TEXT, "Camden").click()
        self.check_page_basics()
        self.assertIn("If a child is in danger now, call 999", self.page_text())
        leave = self.browser.find_element(By.CSS_SELECTOR, "[data-exit-this-page]")
        self.assertEqual(leave.get_attribute("href"), "https://www.bbc.co.uk/weather")
        self.browser.find_element(By.CSS_SELECTOR, "a[hreflang='ar']").click()
        self.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "[lang='ar'][dir='rtl']"))
        self.check_page_basics()
        if directory_test.JAVASCRIPT:
            # Shift three times leaves; pointed at a page of Conduit so the browser stays on 127.0.0.1.
            self.browser.execute_script("document.querySelector('[data-exit-this-page]').href = '/accessibility'")
            for _ in range(3):
                self.press(Keys.SHIFT)
            self.wait.until(lambda b: b.current_url.endswith("/accessibility"))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
