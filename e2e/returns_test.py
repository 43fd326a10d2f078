"""End-to-end: a police data lead's quarterly return, a wrong cell and its fix, the coordinator's
approval, and the London dashboard, in headless Chromium.

    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/returns_test.py
"""
import sys
import unittest

from selenium.webdriver.common.by import By

import directory_test

HBA_TOTAL = "cell.honour_based_abuse.total"


class ReturnsInTheBrowser(directory_test.BrowserTest):
    def test_police_return_submitted_fixed_and_approved(self):
        # Camden's police data lead opens the quarter just ended (a draft in the demo).
        self.sign_in("submitter@conduit.example", "submitter")
        self.browser.find_element(By.LINK_TEXT, "Returns").click()
        self.check_page_basics()
        self.submit("Open the return")
        self.wait.until(lambda b: "Camden: Police" in b.page_source)
        self.check_page_basics()
        return_path = "/" + self.browser.current_url.split("/", 3)[3]
        recorded = self.field(HBA_TOTAL).get_attribute("value")

        # A figure typed wrongly is named precisely, and nothing is lost.
        self.type(HBA_TOTAL, "2.5")
        self.submit("Save as draft")
        self.wait.until(lambda b: "There is a problem" in b.page_source)
        summary = self.browser.find_element(By.CLASS_NAME, "c-error-summary").text
        self.assertIn("Honour-based abuse", summary)
        self.assertIn("whole number", summary)
        self.assertEqual(self.field(HBA_TOTAL).get_attribute("value"), "2.5", "what was typed is kept")

        # Fixed, explained and submitted.
        self.type(HBA_TOTAL, recorded)
        self.type("note", "Checked against custody records for the quarter")
        self.submit("Submit the return")
        self.wait.until(lambda b: "The return has been submitted" in b.page_source)
        self.assertIn("Submitted", self.page_text())

        # The coordinator approves it, and it is locked.
        self.browser.delete_all_cookies()
        self.sign_in("coordinator@conduit.example", "coordinator")
        self.go(return_path)
        self.assertIn("Checked against custody records", self.page_text())
        self.submit("Approve the return")
        self.wait.until(lambda b: "approved and is now locked" in b.page_source)
        self.assertFalse(self.browser.find_elements(By.ID, HBA_TOTAL), "no inputs on an approved return")

        # The London dashboard: totals, the trend and the partnerships, exact for the
        # coordinator who approves every partnership's returns.
        self.go("/returns/dashboard?source=police&category=honour_based_abuse")
        self.check_page_basics()
        text = self.page_text()
        self.assertIn("Trend: Honour-based abuse", text)
        self.assertIn("These figures are exact", text)
        self.assertIn("Camden", text)
        self.assertTrue(self.browser.find_elements(By.CSS_SELECTOR, "figure svg polyline"), "the trend line is drawn")
        self.go("/returns/comparison?category=honour_based_abuse")
        self.check_page_basics()
        self.assertIn("Local authority and police figures compared", self.page_text())

    def test_coordinator_publishes_a_release_and_the_public_reads_it(self):
        # The coordinator publishes the last quarter on its own, after the check step.
        self.sign_in("coordinator@conduit.example", "coordinator")
        self.go("/returns/releases")
        self.check_page_basics()
        self.type("note", "Published from the browser journey.")
        self.submit("Continue")
        self.wait.until(lambda b: "Check the release before publishing" in b.page_source)
        self.check_page_basics()
        self.assertIn("Approved returns included", self.page_text())
        self.submit("Publish the release")
        self.wait.until(lambda b: "This is the latest release" in b.page_source)
        self.check_page_basics()
        self.assertIn("Published from the browser journey.", self.page_text())

        # Signed out, the public page is that release, with hidden figures and downloads;
        # earlier releases stay readable, a revised one says so.
        self.browser.delete_all_cookies()
        self.go("/figures?source=police&category=honour_based_abuse")
        self.check_page_basics()
        text = self.page_text()
        self.assertIn("Published from the browser journey.", text)
        self.assertIn("Download these figures (CSV)", text)
        self.go("/figures/releases")
        self.check_page_basics()
        self.assertIn("Revised by the release of", self.page_text())
        self.browser.find_elements(By.PARTIAL_LINK_TEXT, "Q1")[-1].click()
        self.wait.until(lambda b: "These figures have been revised by the release of" in b.page_source)
        self.check_page_basics()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
