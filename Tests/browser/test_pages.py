"""The pages in a real browser: headless Chromium driven by Selenium, checked by axe-core.

Run by .ci/run after `swift test`, against the binary it built:

    python3 -m pytest -q Tests/browser

Everything is done from the keyboard (keys sent to the focused control; no clicks), at a
phone's 360 x 740 and a desk's 1280 x 800. Every page is checked by axe-core (no violation of
impact "serious" or "critical") and saved as a screenshot under .build/screenshots/.
"""
import os
import re
import subprocess
import tempfile

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("CRISISPLAN", os.path.join(ROOT, ".build", "debug", "crisisplan"))
SHOTS = os.path.join(ROOT, ".build", "screenshots")
PASSWORD = "correct horse battery"
SIZES = [(360, 740), (1280, 800)]


@pytest.fixture(scope="session")
def server():
    """`crisisplan serve` on the shipped library, in a folder of its own, with a crisis worker
    and a trainer."""
    work = tempfile.mkdtemp(prefix="crisisplan-browser-")
    for user, name, role in [("casey", "Casey Morgan", "crisis"), ("tari", "Tari Okafor", "trainer"),
                             ("gwen", "Gwen Hale", "governance")]:
        subprocess.run([BIN, "user", "add", user, "--name", name, "--role", role, "--password-stdin",
                        "--users", "users.yaml"], input=PASSWORD + "\n", text=True, cwd=work, check=True,
                       capture_output=True)
    process = subprocess.Popen([BIN, "serve", "--rules", os.path.join(ROOT, "Rules"), "--port", "0", "--no-watch"],
                               cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    port = re.search(r"http://127\.0\.0\.1:(\d+)", line).group(1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait()


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def browser(request):
    options = webdriver.ChromeOptions()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    width, height = request.param
    options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(options=options, service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))
    driver.set_window_size(width, height)
    driver.size = f"{width}x{height}"
    yield driver
    driver.quit()


def check(driver, name):
    """axe-core on the page as it is now, and a screenshot of the whole of it."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    os.makedirs(SHOTS, exist_ok=True)
    driver.execute_script("window.scrollTo(0, 0)")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, max(height, 200))
    driver.save_screenshot(os.path.join(SHOTS, f"{name}-{driver.size}.png"))
    w, h = (int(n) for n in driver.size.split("x"))
    driver.set_window_size(w, h)
    assert not bad, f"{name}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in bad)


def press(element, *keys):
    element.send_keys(*keys)


def go(element, *keys):
    """Keys that submit a form or follow a link: waits until the next page has loaded.

    The old page is marked before the keys are sent and the wait is for a document without the
    mark that has finished loading. (Waiting for an old element to go stale raced ChromeDriver:
    asked mid-navigation, it answered "Node with given id does not belong to the document"
    rather than "stale", and the test failed on a page that had loaded fine.)"""
    driver = element.parent
    driver.execute_script("window.crisisplanOldPage = true")
    element.send_keys(*keys)
    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(new_page_loaded)


def new_page_loaded(driver):
    return driver.execute_script("return !window.crisisplanOldPage && document.readyState === 'complete'")


def sign_in(driver, server, user, then="/"):
    driver.get(server + then)
    assert "/login" in driver.current_url
    check(driver, "sign-in")
    # The first Tab reaches the skip link; the user name field is the first field.
    body = driver.find_element(By.TAG_NAME, "body")
    press(body, Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("class") == "skip"
    press(driver.find_element(By.ID, "user"), user, Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("id") == "password"
    go(driver.switch_to.active_element, PASSWORD, Keys.ENTER)
    assert "/login" not in driver.current_url


def find_sam(driver, server):
    sign_in(driver, server, "casey")
    assert driver.current_url.endswith("/people")
    search = driver.find_element(By.ID, "q")
    go(search, "sam t", Keys.ENTER)
    check(driver, "search")
    link = driver.find_element(By.LINK_TEXT, "Sam Taylor")
    go(link, Keys.ENTER)
    assert driver.current_url.endswith("/people/sam")
    check(driver, "person")


def checkbox_for(driver, words):
    for label in driver.find_elements(By.CSS_SELECTOR, ".check label"):
        if words in label.text:
            return driver.find_element(By.ID, label.get_attribute("for"))
    raise AssertionError(f"no checkbox for {words!r}")


def submit_answer(driver):
    button = driver.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Show')]")
    go(button, Keys.ENTER)
    assert "/answer" in driver.current_url


def top(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css).location["y"]


def test_not_sleeping_gives_sams_first_response_first(browser, server):
    find_sam(browser, server)
    press(checkbox_for(browser, "not sleeping"), Keys.SPACE)
    submit_answer(browser)
    check(browser, "answer")
    first = browser.find_element(By.CSS_SELECTOR, "li[data-response]")
    assert first.text.startswith("Walk Bramble and put my music on")
    # Above everything else but the header (name and stage, and anything to check first).
    for later in ["#contacts", "section.donot", "section.critical"]:
        assert first.location["y"] < top(browser, later), later
    assert top(browser, "h1") < first.location["y"]


def test_alleged_abuser_is_withheld_and_never_a_contact(browser, server):
    find_sam(browser, server)
    press(checkbox_for(browser, "not sleeping"), Keys.SPACE)
    press(browser.find_element(By.ID, "fact-abuse_or_neglect"), "suspected")
    # Chosen by name, as a worker would pick them from the plan's people.
    press(browser.find_element(By.ID, "fact-harm_source"), "Mark")
    submit_answer(browser)
    check(browser, "answer-withheld")
    withheld = browser.find_elements(By.CSS_SELECTOR, "[data-withheld]")
    assert [w.get_attribute("data-withheld") for w in withheld] == ["Mark Taylor"]
    contacts = browser.find_element(By.ID, "contacts").find_element(By.XPATH, "..").text
    assert "Mark Taylor" not in contacts
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-contact='mark']")


def test_emergency_header_and_999_first(browser, server):
    find_sam(browser, server)
    press(browser.find_element(By.ID, "fact-life_at_risk"), "Yes")
    submit_answer(browser)
    check(browser, "answer-emergency")
    main = browser.find_element(By.ID, "main")
    text = main.text
    assert text.startswith("EMERGENCY")
    assert text.index("999") < text.index("Sam Taylor (they/them)")
    assert top(browser, ".emergency") < top(browser, "h1")
    # Printed without background graphics (the default), the heading is still black on white.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    colour = browser.execute_script(
        "return getComputedStyle(document.querySelector('.emergency h2')).color")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert colour == "rgb(0, 0, 0)", colour


def test_no_sideways_scrolling_at_double_text_size(browser, server):
    """WCAG 1.4.4 and 1.4.10: at 200% text, identifiers and times with no spaces in them
    (overdose_injury_or_ligature, 2026-11-24T03:10:00Z) wrap instead of running off the screen."""
    find_sam(browser, server)
    press(browser.find_element(By.ID, "fact-overdose_injury_or_ligature"), "Yes")
    submit_answer(browser)
    for page in ("answer", "person"):
        if page == "person":
            browser.get(server + "/people/sam")
        browser.execute_script("document.documentElement.style.fontSize = '225%'")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page} page is {overflow} px wider than the screen at 200% text"


def test_print_view(browser, server):
    find_sam(browser, server)
    browser.get(server + "/people/sam/print")
    check(browser, "print")
    assert "Sam Taylor" in browser.find_element(By.TAG_NAME, "h1").text


def test_training_to_its_score(browser, server):
    sign_in(browser, server, "tari")
    assert browser.current_url.endswith("/training")
    check(browser, "training")
    go(browser.find_element(By.LINK_TEXT, "Sam: a weekend that escalates"), Keys.ENTER)
    check(browser, "training-step")
    answered = 0
    while True:
        choice = browser.find_element(By.CSS_SELECTOR, "input[name=choice]")
        press(choice, Keys.SPACE)
        go(browser.find_element(By.XPATH, "//button[normalize-space()='Check my answer']"), Keys.ENTER)
        answered += 1
        if answered == 1:
            check(browser, "training-feedback")
        assert "The engine’s answer" in browser.find_element(By.ID, "main").text
        following = browser.find_elements(By.XPATH, "//button[normalize-space()='Next step']")
        if not following:
            break
        go(following[0], Keys.ENTER)
    check(browser, "training-score")
    score = browser.find_element(By.CSS_SELECTOR, ".score").text
    assert re.fullmatch(rf"\d+ of {answered}", score)


def test_focus_is_visible(browser, server):
    browser.get(server + "/login")
    press(browser.find_element(By.TAG_NAME, "body"), Keys.TAB, Keys.TAB)
    focused = browser.switch_to.active_element
    outline = focused.value_of_css_property("outline-style")
    assert outline != "none"


def visible_without_scrolling(driver, element):
    """Whether the element's top is inside the first screen."""
    return element.location["y"] + 10 < driver.execute_script("return window.innerHeight")


def test_first_screen_of_an_overdose_answer(browser, server):
    """At 3 a.m. on a phone: EMERGENCY with a tap-to-call first action, who to keep away, and
    the person's first agreed response, before any scrolling."""
    find_sam(browser, server)
    press(browser.find_element(By.ID, "fact-overdose_injury_or_ligature"), "Yes")
    press(browser.find_element(By.ID, "fact-abuse_or_neglect"), "suspected")
    press(browser.find_element(By.ID, "fact-harm_source"), "Mark")
    submit_answer(browser)
    check(browser, "answer-first-screen")
    assert browser.title == "Sam Taylor — Emergency — immediate risk to life — crisisplan"
    call = browser.find_element(By.CSS_SELECTOR, ".emergency a.call")
    assert call.get_attribute("href") == "tel:999"
    assert visible_without_scrolling(browser, call)
    keep_away = browser.find_element(By.XPATH, "//section[@class='attention']//a[starts-with(normalize-space(), 'Keep away')]")
    assert keep_away.get_attribute("href").endswith("#withheld")
    assert visible_without_scrolling(browser, keep_away)
    first = browser.find_element(By.CSS_SELECTOR, "li[data-response]")
    assert visible_without_scrolling(browser, first), first.location


def test_overdose_question_within_two_screens(browser, server):
    find_sam(browser, server)
    question = browser.find_element(By.ID, "fact-overdose_injury_or_ligature")
    screen = browser.execute_script("return window.innerHeight")
    assert question.location["y"] < 2 * screen, (question.location, screen)
    # The decisions are folded away until needed.
    details = browser.find_element(By.ID, "form-capacity")
    assert details.get_attribute("open") is None


def test_search_near_miss_and_born(browser, server):
    sign_in(browser, server, "casey")
    go(browser.find_element(By.ID, "q"), "Sma Tailor", Keys.ENTER)
    check(browser, "search-near-miss")
    assert "Did you mean" in browser.find_element(By.ID, "results").text
    assert "born 1994-05-02" in browser.find_element(By.CSS_SELECTOR, ".results").text


def test_governance_pages(browser, server):
    sign_in(browser, server, "gwen")
    assert browser.current_url.endswith("/governance/audit")
    check(browser, "governance-audit")
    go(browser.find_element(By.LINK_TEXT, "Checks of the library"), Keys.ENTER)
    check(browser, "governance-checks")
    assert "files checked" in browser.find_element(By.ID, "main").text


def test_expired_session_keeps_the_form(browser, server):
    find_sam(browser, server)
    press(checkbox_for(browser, "not sleeping"), Keys.SPACE)
    press(browser.find_element(By.ID, "fact-self_harm"), "plans")
    browser.delete_cookie("crisisplan_session")
    button = browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Show')]")
    go(button, Keys.ENTER)
    assert "/login" in browser.current_url
    press(browser.find_element(By.ID, "user"), "casey", Keys.TAB)
    go(browser.switch_to.active_element, PASSWORD, Keys.ENTER)
    assert "/people/sam" in browser.current_url
    check(browser, "person-restored")
    assert "You were signed out before your answers were sent" in browser.find_element(By.ID, "main").text
    assert checkbox_for(browser, "not sleeping").is_selected()
    chosen = browser.find_element(By.CSS_SELECTOR, "#fact-self_harm option:checked")
    assert chosen.get_attribute("value") == "plans"
