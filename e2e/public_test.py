"""End-to-end: what anyone sees without signing in, in headless Chromium (and axe on each page).

    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/public_test.py
"""
import sys
import unittest

from selenium.webdriver.common.by import By

import directory_test


class PublicPagesInTheBrowser(directory_test.BrowserTest):
    def test_signed_out_pages(self):
        self.go("/")
        self.check_page_basics()
        self.browser.find_element(By.PARTIAL_LINK_TEXT, "figures").click()
        self.check_page_basics()
        self.assertIn("c", self.page_text())
        self.go("/accessibility")
        self.check_page_basics()
        self.assertIn("Accessibility", self.page_text())
        self.go("/sign-in")
        self.check_page_basics()
        # A wrong password is refused with an error summary that names the problem.
        self.type("email", "adviser@conduit.example")
        self.type("password", "not the password")
        self.submit("Sign in")
        self.wait.until(lambda b: "There is a problem" in b.page_source)
        self.check_page_basics()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
