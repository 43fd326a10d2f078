"""End-to-end: an auditor completes the File Audit Tool section by section; the hub reads the findings.

    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/audit_test.py
"""
import sys
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import directory_test


class FileAuditInTheBrowser(directory_test.BrowserTest):
    def answer_what_is_shown(self):
        """Answers every question on the page: yes to yes/no, the first option of choices, a trafficking category."""
        for fieldset in self.browser.find_elements(By.CSS_SELECTOR, "main form fieldset"):
            radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            if radios and not any(radio.is_selected() for radio in radios):
                fieldset.find_element(By.CSS_SELECTOR, f"label[for='{radios[0].get_attribute('id')}']").click()
            boxes = fieldset.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
            if boxes and not any(box.is_selected() for box in boxes):
                wanted = [box for box in boxes if box.get_attribute("value") == "12A"] or boxes[:1]
                fieldset.find_element(By.CSS_SELECTOR, f"label[for='{wanted[0].get_attribute('id')}']").click()

    def test_auditor_completes_an_audit(self):
        self.sign_in("auditor@conduit.example", "auditor")
        self.browser.find_element(By.LINK_TEXT, "File audits").click()
        self.check_page_basics()
        self.browser.find_element(By.LINK_TEXT, "Start an audit").click()
        self.check_page_basics()
        self.assertIn("Never enter a child's or family member's name", self.page_text())
        self.type("fileReference", "CSC/2026/0142")
        self.submit("Start audit")
        self.wait.until(lambda b: "Audit of file CSC/2026/0142" in b.page_source)
        sections = len(self.browser.find_elements(By.CSS_SELECTOR, ".c-task-list__item"))
        self.browser.find_elements(By.CSS_SELECTOR, ".c-task-list__item a")[0].click()
        # The first section by keyboard alone: Tab to each question's first choice, Space, then Enter on the button.
        for fieldset in self.browser.find_elements(By.CSS_SELECTOR, "main form fieldset"):
            choices = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio], input[type=checkbox]")
            if choices and not any(choice.is_selected() for choice in choices):
                self.tab_to(choices[0].get_attribute("id"))
                self.press(Keys.SPACE)
                self.assertTrue(choices[0].is_selected(), f"Space did not choose {choices[0].get_attribute('id')}")
        page = self.browser.find_element(By.TAG_NAME, "html")
        self.tab_to_button("Save and continue")
        self.press(Keys.ENTER)
        self.wait.until(directory_test.page_gone(page))
        # Then section after section, answering what is shown; an answer may bring in more questions.
        for _ in range(sections * 2):
            if "Check your answers before submitting" in self.browser.page_source:
                break
            self.check_page_basics()
            self.answer_what_is_shown()
            page = self.browser.find_element(By.TAG_NAME, "html")
            self.submit("Save and continue")
            self.wait.until(directory_test.page_gone(page))
        self.wait.until(lambda b: "Check your answers before submitting" in b.page_source)
        self.submit("Submit the audit")
        self.wait.until(lambda b: "The audit has been submitted" in b.page_source)
        self.assertIn(f"You have completed {sections} of {sections} sections", self.page_text())

    def test_hub_reads_seed_004_findings(self):
        self.sign_in("coordinator@conduit.example", "coordinator")
        self.go("/audits/findings")
        Select(self.field("partnership")).select_by_visible_text("London")
        self.submit("Show findings")
        text = self.page_text()
        self.assertIn("34 files audited", text)
        self.assertIn("Category mentions 35", text)
        self.assertIn("One file is counted more than once", text)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
