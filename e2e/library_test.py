"""End-to-end: an adviser adds a leaflet with two translations, shares it with every
partnership and publishes it; a signed-out visitor finds it in the public library in Somali;
a later version marks the translations out of date. In headless Chromium, with and without
JavaScript, axe on every page, in English and in a right-to-left language.

    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/library_test.py
"""
import os
import sys
import tempfile
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import directory_test

FILES = tempfile.mkdtemp(prefix="conduit-e2e-library-")


def document(name, text):
    """A file on disk for the browser's file input to send."""
    path = os.path.join(FILES, name)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    return path


class LibraryInTheBrowser(directory_test.BrowserTest):
    def label(self, field_id):
        self.browser.find_element(By.CSS_SELECTOR, f"label[for='{field_id}']").click()

    def choose_file(self, path):
        self.browser.find_element(By.ID, "file").send_keys(path)

    def test_adviser_publishes_a_leaflet_and_a_visitor_reads_it_in_somali(self):
        self.sign_in("adviser@conduit.example", "adviser")
        self.browser.find_element(By.LINK_TEXT, "Resources").click()
        self.check_page_basics()
        self.browser.find_element(By.LINK_TEXT, "Add a resource").click()
        self.check_page_basics()

        # A file whose bytes are not a PDF, though it is named one: refused, every problem at once.
        self.type("title", "Breast ironing: what parents need to know")
        self.choose_file(document("not-really.pdf", "This is plain text, not a PDF.\n"))
        self.submit("Add the resource")
        self.wait.until(lambda b: "There is a problem" in b.page_source)
        self.check_page_basics()
        text = self.page_text()
        self.assertIn("is named .pdf but its content is Plain text", text)
        self.assertIn("Select who it is for: at least one audience", text)
        self.assertEqual(self.field("title").get_attribute("value"), "Breast ironing: what parents need to know")

        self.type("summary", "A leaflet for parents: breast ironing harms girls, it is child abuse, and where to get help.")
        self.label("kind")                     # leaflet
        self.label("audiences-3")              # parents
        self.label("visibility-2")             # all partnerships
        self.choose_file(document("breast-ironing.txt", "Breast ironing is child abuse.\nIf a girl is in danger now, call 999.\n"))
        self.submit("Add the resource")
        self.wait.until(lambda b: "The resource has been added." in b.page_source)
        self.check_page_basics()
        resource = self.browser.current_url.split("?")[0]

        # Two translations, one written right to left.
        for code, title, name, body in [("so", "Kawaynta naasaha: waxa waalidku u baahan yihiin inay ogaadaan", "leaflet.so.txt", "Kawaynta naasaha waa xadgudub.\n"),
                                        ("ar", "كي الثدي: ما يحتاج الآباء إلى معرفته", "leaflet.ar.txt", "كي الثدي إساءة للأطفال.\n")]:
            self.browser.find_element(By.LINK_TEXT, "Add a translation").click()
            self.check_page_basics()
            Select(self.field("language")).select_by_value(code)
            self.type("title", title)
            self.choose_file(document(name, body))
            self.submit("Add a translation")
            self.wait.until(lambda b: "The translation has been added." in b.page_source)
            self.check_page_basics()
        self.assertNotIn("May be out of date", self.page_text())

        # Publishing shows what will be public first.
        self.browser.find_element(By.LINK_TEXT, "Publish to the public library").click()
        self.check_page_basics()
        self.assertIn("anyone can find, read and download this resource", self.page_text())
        self.submit("Publish to the public library")
        self.wait.until(lambda b: "it is in the public library now" in b.page_source)

        # Signed out, a visitor finds it and reads it in Somali.
        self.browser.delete_all_cookies()
        self.go("/")
        self.browser.find_element(By.LINK_TEXT, "Resource library").click()
        self.check_page_basics()
        Select(self.field("language")).select_by_value("so")
        self.type("q", "breast")
        self.submit("Search")
        self.wait.until(lambda b: "Breast ironing: what parents need to know" in b.page_source)
        self.check_page_basics()
        self.browser.find_element(By.CSS_SELECTOR, "a[hreflang='so']").click()
        self.wait.until(lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "so")
        self.check_page_basics()
        self.assertIn("Kawaynta naasaha", self.browser.find_element(By.TAG_NAME, "h1").text)
        self.assertTrue(self.browser.find_element(By.CSS_SELECTOR, "[data-exit-this-page]").is_displayed())
        # In Arabic the page runs right to left.
        self.browser.find_element(By.CSS_SELECTOR, "a[hreflang='ar']").click()
        self.wait.until(lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl")
        self.check_page_basics()
        # On a phone nothing scrolls sideways.
        self.browser.set_window_size(390, 844)
        self.assertLessEqual(self.browser.execute_script("return document.documentElement.scrollWidth"), 390)
        self.browser.set_window_size(1280, 1600)

        # A later version of the original marks both translations out of date, wherever they appear.
        self.sign_in("adviser@conduit.example", "adviser")
        self.browser.get(resource)
        self.browser.find_element(By.LINK_TEXT, "Add a new version").click()
        self.check_page_basics()
        self.type("changes", "Adds the NSPCC helpline.")
        self.choose_file(document("breast-ironing-v2.txt", "Breast ironing is child abuse.\nCall 999, or the NSPCC on 0808 800 5000.\n"))
        self.submit("Add a new version")
        self.wait.until(lambda b: "The new version has been added" in b.page_source)
        self.check_page_basics()
        self.assertIn("Version 2", self.page_text())
        self.assertEqual(self.page_text().count("May be out of date"), 2)
        self.browser.delete_all_cookies()
        self.browser.get(resource.replace("/resources/", "/library/") + "?lang=so")
        self.wait.until(lambda b: "This translation may be out of date" in b.page_source)
        self.check_page_basics()

    def test_another_partnership_cannot_open_camdens_own_resource(self):
        self.sign_in("adviser@conduit.example", "adviser")
        self.go("/resources?q=camden+advisers")
        self.check_page_basics()
        self.browser.find_element(By.PARTIAL_LINK_TEXT, "Camden advisers' notes").click()
        own = self.browser.current_url
        self.browser.delete_all_cookies()
        self.sign_in("adviser.brent@conduit.example")
        self.browser.get(own)
        self.assertIn("Page not found", self.page_text())
        self.go("/resources?q=camden+advisers")
        self.assertIn("0 resources", self.page_text())
        self.browser.delete_all_cookies()
        self.browser.get(own.replace("/resources/", "/library/"))
        self.assertIn("Page not found", self.page_text())


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
