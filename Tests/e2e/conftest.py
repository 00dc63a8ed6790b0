"""Fixtures of the console's browser tests: the gateway under test, API calls, and headless Chromium sessions.

Run by `make test` (Deploy/local/e2e.sh) against the fleet it started; by hand:
    E2E_GATEWAY_URL=http://127.0.0.1:18080 .run/venv-e2e/bin/pytest Tests/e2e
Each browser is its own profile (separate storage), so two of them are two users on two machines. When a test fails,
a screenshot of every browser it opened goes to $E2E_SCREENSHOT_DIR (default .run/test/screenshots/).
"""
import json
import os
import pathlib
import tempfile
import urllib.error
import urllib.request
import uuid

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("E2E_GATEWAY_URL", "http://127.0.0.1:18080").rstrip("/")
SCREENSHOTS = pathlib.Path(os.environ.get("E2E_SCREENSHOT_DIR", ".run/test/screenshots"))
# Generous: the tests measure behaviour, not speed (make bench measures the feed's latency).
WAIT = float(os.environ.get("E2E_WAIT_SECONDS", "15"))


class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


def api(method, path, body=None, token=None, headers=None):
    """One call to the gateway; the decoded JSON body (None for 204). Raises ApiError for a non-2xx answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE_URL + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        raise ApiError(error.code, error.read().decode()) from None


class User:
    def __init__(self, display_name=None):
        tag = uuid.uuid4().hex[:10]
        self.email = f"e2e-{tag}@example.com"
        self.password = f"pw-{tag}-secret"
        self.display_name = display_name or f"User {tag}"
        registered = api("POST", "/api/v1/auth/register",
                         {"email": self.email, "password": self.password, "displayName": self.display_name})
        self.id = registered["user"]["id"]

    def token(self):
        """A fresh login of this user (its own session): the AuthToken."""
        return api("POST", "/api/v1/auth/login", {"email": self.email, "password": self.password})

    def access(self):
        return self.token()["accessToken"]


@pytest.fixture
def new_user():
    return User


class Browser:
    """One headless Chromium with its own profile, and the console's steps on it."""

    def __init__(self, name):
        self.name = name
        self.profile = tempfile.mkdtemp(prefix=f"e2e-{name}-")
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", f"--user-data-dir={self.profile}", "--no-first-run"):
            options.add_argument(flag)
        service = Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_page_load_timeout(60)

    def open(self, path):
        self.driver.get(BASE_URL + path)

    def find(self, testid, timeout=WAIT):
        return WebDriverWait(self.driver, timeout).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, f'[data-testid="{testid}"]')))

    def gone(self, testid, timeout=WAIT):
        WebDriverWait(self.driver, timeout).until(
            EC.invisibility_of_element_located((By.CSS_SELECTOR, f'[data-testid="{testid}"]')))

    def text_is(self, testid, text, timeout=WAIT):
        WebDriverWait(self.driver, timeout).until(
            lambda driver: any(e.text == text for e in driver.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')),
            message=f"{testid} never read {text!r}")
        return self.find(testid)

    def text_contains(self, testid, text, timeout=WAIT):
        WebDriverWait(self.driver, timeout).until(
            lambda driver: any(text in e.text for e in driver.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')),
            message=f"{testid} never contained {text!r}")
        return self.find(testid)

    def click(self, testid):
        element = WebDriverWait(self.driver, WAIT).until(
            EC.element_to_be_clickable((By.CSS_SELECTOR, f'[data-testid="{testid}"]')))
        element.click()
        return element

    def type(self, testid, text, clear=True):
        element = self.find(testid)
        if clear:
            element.clear()
        element.send_keys(text)
        return element

    def login(self, user, path="/login"):
        self.open(path)
        self.type("login-email", user.email)
        self.type("login-password", user.password)
        self.click("login-submit")
        self.find("logout-button")
        WebDriverWait(self.driver, WAIT).until(lambda driver: "/login" not in driver.current_url)

    def live(self):
        """Waits until the live feed is connected (the header says so)."""
        WebDriverWait(self.driver, WAIT).until(
            lambda driver: driver.find_element(By.ID, "live-status").get_attribute("data-state") == "live",
            message="the live feed never connected")

    def script(self, source, *args):
        return self.driver.execute_script(source, *args)

    def screenshot(self, label):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{label}-{self.name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def quit(self):
        try:
            self.driver.quit()
        finally:
            pass


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.failed_call = report.failed


@pytest.fixture
def browsers(request):
    """browsers("alice", "bob") → Browser objects; screenshots of each on failure (or always with E2E_SCREENSHOTS=1)."""
    opened = []

    def make(*names):
        made = [Browser(name) for name in names]
        opened.extend(made)
        return made if len(made) > 1 else made[0]

    yield make
    always = os.environ.get("E2E_SCREENSHOTS") == "1"
    for browser in opened:
        try:
            if getattr(request.node, "failed_call", False) or always:
                path = browser.screenshot(request.node.name)
                print(f"screenshot: {path}")
        finally:
            browser.quit()


def ai_available():
    """None when POST /api/v1/ai/analyze answers on this fleet, else why not."""
    try:
        token = User().access()
        api("POST", "/api/v1/ai/analyze", {"code": "print(1)\n", "language": "python"}, token=token)
        return None
    except ApiError as error:
        return f"POST /api/v1/ai/analyze answered {error.status} ({error.body[:200]})"
    except OSError as error:
        return f"the gateway cannot be reached: {error}"
