"""The seed pair's HTML report in a real browser (headless Chromium through selenium).

Skipped when Chromium, chromedriver or selenium is missing. With TRANSLAUDIT_SCREENSHOT set,
the screenshot is saved to docs/report.png (for the README) instead of a temporary file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import translaudit
from translaudit._render import render

ROOT = Path(__file__).resolve().parent.parent
_BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
_DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (_BROWSER and _DRIVER):
        pytest.skip("chromium and chromedriver are not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _BROWSER
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(_DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def seed_page(shared, tmp_path_factory):
    seeds = shared / "seeds"
    report = translaudit.audit(
        (seeds / "original_en.txt").read_text("utf-8"),
        (seeds / "derivative_mt_en.txt").read_text("utf-8"),
    )
    page = tmp_path_factory.mktemp("html") / "seed.html"
    page.write_text(render(report, "html"), "utf-8")
    return page


def _loop_mark(driver):
    from selenium.webdriver.common.by import By

    marks = driver.find_elements(By.CSS_SELECTOR, "td.t mark.f")
    return next(m for m in marks if "Ery of Ery of Ery of" in m.text)


def test_seed_report_in_chromium(browser, seed_page, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(seed_page.as_uri())
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []

    # the loop is marked, in the row whose source has "Yerevan Dialogue"
    mark = _loop_mark(browser)
    row = mark.find_element(By.XPATH, "./ancestor::tr")
    assert "Yerevan Dialogue" in row.find_element(By.CSS_SELECTOR, "td.s").text
    assert mark.value_of_css_property("border-bottom-width") == "3px"
    assert "repetition" in mark.get_attribute("data-kind").split()
    ids = [f for f in mark.get_attribute("data-msg").split() if f.startswith("F0")]
    item = browser.find_element(By.CSS_SELECTOR, f'ol.findings a[href="#{ids[0]}"]')
    assert item.is_displayed()

    # j focuses the first finding; the screenshot shows the loop with its message
    browser.find_element(By.TAG_NAME, "body").send_keys("j")
    assert browser.switch_to.active_element.tag_name == "mark"
    browser.execute_script(
        "arguments[0].scrollIntoView({block:'center'});arguments[0].focus()", mark
    )
    shot = (
        ROOT / "docs" / "report.png"
        if os.environ.get("TRANSLAUDIT_SCREENSHOT")
        else (tmp_path / "report.png")
    )
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000

    # unticking "major" hides the finding: no highlight, and gone from the list
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-filter="sev"][value="major"]')
    browser.execute_script("arguments[0].scrollIntoView()", box)
    box.click()
    assert "off" in mark.get_attribute("class").split()
    assert mark.value_of_css_property("border-bottom-width") == "0px"
    assert not item.is_displayed()
    box.click()
    assert "off" not in mark.get_attribute("class").split() and item.is_displayed()

    # the kind filter does the same for one kind only
    for kind in mark.get_attribute("data-kind").split():
        browser.find_element(By.CSS_SELECTOR, f'input[data-filter="kind"][value="{kind}"]').click()
    assert "off" in mark.get_attribute("class").split()
    assert browser.get_log("browser") == []
