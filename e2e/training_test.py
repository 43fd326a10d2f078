"""End-to-end: a session, its register at the door, and the attendance report, in headless Chromium.

    CONDUIT_URL=http://127.0.0.1:8097 python3 e2e/training_test.py
"""
import sys
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import directory_test


class TrainingInTheBrowser(directory_test.BrowserTest):
    def test_adviser_runs_a_session_and_reports_it(self):
        self.sign_in("adviser@conduit.example", "adviser")
        self.browser.find_element(By.LINK_TEXT, "Training").click()
        self.check_page_basics()
        self.browser.find_element(By.LINK_TEXT, "Add a session").click()
        self.check_page_basics()
        self.type("title", "FGM: the law and where to get help")
        Select(self.field("audience")).select_by_visible_text("Community members")
        self.browser.find_element(By.XPATH, "//label[contains(., 'Female genital mutilation')]").click()
        today = time.localtime()
        self.type("date", str(today.tm_mday))
        self.type("date-month", str(today.tm_mon))
        self.type("date-year", str(today.tm_year))
        self.type("startsAt", "6.30pm")
        self.type("endsAt", "8.30pm")
        self.submit("Add session")
        self.wait.until(lambda b: "Enter its register below" in b.page_source)
        self.check_page_basics()
        session_path = self.browser.current_url.split("?")[0].split("127.0.0.1")[1].split("/", 1)[1]

        # At the door: two people from the same group, then one walk-in.
        Select(self.field("referringOrganisationID")).select_by_visible_text("Camden Somali Women's Group")
        Select(self.field("ethnicity")).select_by_visible_text("Black African")
        self.type("ethnicityDetail", "Somali")
        Select(self.field("gender")).select_by_visible_text("Female")
        self.submit("Add participant")
        self.wait.until(lambda b: "Participant #1 has been added" in b.page_source)
        self.assertEqual(Select(self.field("referringOrganisationID")).first_selected_option.text, "Camden Somali Women's Group",
                         "the referrer stays chosen for the next person")
        Select(self.field("ethnicity")).select_by_visible_text("Black African")
        Select(self.field("gender")).select_by_visible_text("Female")
        self.submit("Add participant")
        self.wait.until(lambda b: "Participant #2 has been added" in b.page_source)
        Select(self.field("referringOrganisationID")).select_by_visible_text("Not in the directory")
        self.type("referringText", "Walk-in")
        Select(self.field("gender")).select_by_visible_text("Male")
        self.submit("Add participant")
        self.wait.until(lambda b: "Participant #3 has been added" in b.page_source)

        # A fourth by keyboard alone, as at a busy door: Tab to each field, type, Enter.
        self.tab_to("referringText")
        self.select_all_and_type("Library")
        self.tab_to("gender")
        self.press("Female")
        self.tab_to_button("Add participant")
        self.press(Keys.ENTER)
        self.wait.until(lambda b: "Participant #4 has been added" in b.page_source)

        # The report for today, grouped by referring organisation.
        self.go(f"/training/statistics?from={time.strftime('%Y-%m-%d')}&to={time.strftime('%Y-%m-%d')}&by=referring_organisation")
        self.check_page_basics()
        text = self.page_text()
        self.assertIn("Camden Somali Women's Group 2 50.00%", text)
        self.assertIn("Walk-in 1 25.00%", text)
        self.assertIn("Library 1 25.00%", text)
        self.assertIn("Total 4", text)

        # A participant's evaluation, typed in from the paper form, section by section.
        self.go("/" + session_path)
        self.submit("Record an evaluation")
        self.wait.until(lambda b: "How useful was the session to you?" in b.page_source)
        self.check_page_basics()
        self.choose("How useful", "Very useful")
        self.choose("cover what you expected", "Yes")
        self.submit("Save and continue")
        self.wait.until(lambda b: "What you take away" in b.page_source)
        self.choose("Before the session", "Not very confident")
        self.choose("after the session", "Fairly confident")
        self.choose("who to contact", "Yes")
        self.type("will-do-differently", "Call the front door when I am worried")
        self.submit("Save and continue")
        self.wait.until(lambda b: "Would you recommend" in b.page_source)
        self.choose("Would you recommend", "Yes")
        self.submit("Save and continue")
        self.wait.until(lambda b: "Check your answers before submitting" in b.page_source)
        self.check_page_basics()
        self.submit("Submit")
        self.wait.until(lambda b: "The response has been submitted" in b.page_source)
        self.browser.find_element(By.LINK_TEXT, "FGM: the law and where to get help").click()
        self.wait.until(lambda b: "response submitted" in b.page_source)
        self.browser.find_element(By.LINK_TEXT, "See the results").click()
        self.wait.until(lambda b: "Findings: Training evaluation" in b.page_source)
        self.check_page_basics()
        for summary in self.browser.find_elements(By.TAG_NAME, "summary"):
            summary.click()
        text = self.page_text()
        self.assertIn("Very useful 1", text)
        self.assertIn("Call the front door when I am worried", text)

    def choose(self, question, answer):
        """Clicks an answer's label in the fieldset whose legend holds the question's words."""
        self.browser.find_element(
            By.XPATH, f"//fieldset[.//legend[contains(., \"{question}\")]]//label[normalize-space(.)='{answer}']").click()

    def test_seed_003_and_the_london_wide_report(self):
        self.sign_in("adviser@conduit.example", "adviser")
        self.go("/training/statistics?from=2009-11-02&to=2010-04-29&by=referring_organisation")
        text = self.page_text()
        self.assertIn("Bengali Women's Forum 27 15.17%", text)
        self.assertIn("British Somali Community 1 0.56%", text)
        self.assertIn("Total 178", text)
        # London's analyst reads every partnership's figures but opens no register: adjusted,
        # the 1 shown as c, the 27 moved by at most 2, and the page says so.
        self.browser.delete_all_cookies()
        self.sign_in("analyst@conduit.example", "analyst")
        self.go("/training/statistics?from=2009-11-02&to=2010-04-29&by=referring_organisation")
        text = self.page_text()
        self.assertIn("adjusted slightly to protect confidentiality", text)
        self.assertIn("British Somali Community c", text)
        self.assertTrue(any(f"Bengali Women's Forum {n}" in text for n in range(25, 30)), "27, adjusted")


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
