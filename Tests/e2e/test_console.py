"""The console in a real headless Chromium against a running fleet (docs/console.md, "Browser tests")."""
import time
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import WAIT, ApiError, User, ai_available, api


def shared_project(owner, collaborator, name=None):
    """A project of `owner` with `collaborator` added, made through the API."""
    token = owner.access()
    project = api("POST", "/api/v1/projects", {"name": name or f"Shared {uuid.uuid4().hex[:6]}", "description": "e2e"}, token=token)
    api("POST", f"/api/v1/projects/{project['id']}/collaborators", {"userId": collaborator.id}, token=token)
    return project


def test_collaborative_editing_with_two_users_updates_the_other_page_live(browsers):
    """The seed's flow: Edit → indicator; the second user sees "locked by User 1"; Save releases; then they can edit."""
    one, two = User("Ada One"), User("Grace Two")
    project = shared_project(one, two)
    first, second = browsers("user1", "user2")
    first.login(one, f"/login?next=/projects/{project['id']}")
    second.login(two, f"/login?next=/projects/{project['id']}")
    first.text_is("project-title", project["name"])
    second.text_is("project-title", project["name"])
    first.live()
    second.live()

    first.click("edit-button")
    indicator = first.find("editing-indicator")
    assert "left" in indicator.text

    # The second user's page, never reloaded, shows the lock with the holder's display name.
    second.find("locked-message")
    second.text_is("locked-by", "Ada One")
    assert not second.driver.find_elements(By.CSS_SELECTOR, '[data-testid="edit-button"]')

    first.type("edit-name", "Renamed by Ada")
    first.click("save-button")
    first.text_is("project-title", "Renamed by Ada")
    first.find("edit-button")

    # Released: the second page offers Edit again and shows the new name, still without a reload.
    second.text_is("project-title", "Renamed by Ada")
    second.gone("locked-message")
    second.click("edit-button")
    second.find("editing-indicator")
    first.text_is("locked-by", "Grace Two")
    second.click("save-button")
    first.find("edit-button")


def test_the_sse_fallback_carries_the_same_live_updates(browsers):
    one, two = User("Sse Holder"), User("Sse Watcher")
    project = shared_project(one, two)
    first, second = browsers("holder", "watcher")
    first.login(one, f"/login?next=/projects/{project['id']}")
    second.login(two, f"/login?next=%2Fprojects%2F{project['id']}%3Ftransport%3Dsse")
    first.live()
    second.live()
    assert second.find("live-status").text == "live (SSE)"
    first.click("edit-button")
    second.text_is("locked-by", "Sse Holder")
    first.click("save-button")
    second.find("edit-button")


def test_a_save_after_someone_elses_save_is_shown_as_a_version_conflict(browsers):
    owner, other = User("Conflict Owner"), User("Conflict Other")
    project = shared_project(owner, other)
    page = browsers("owner")
    page.login(owner, f"/login?next=/projects/{project['id']}")
    page.live()
    page.click("edit-button")
    page.find("editing-indicator")
    page.type("edit-description", "written in the browser")

    # Meanwhile the same user saves from another client (a second session: claiming what one holds returns that claim).
    token = owner.access()
    claim = api("POST", f"/api/v1/projects/{project['id']}/claim", {}, token=token)
    api("PATCH", f"/api/v1/projects/{project['id']}", {"description": "written elsewhere"}, token=token,
        headers={"X-Claim-Token": claim["id"], "If-Match": f'"{project["version"]}"'})

    page.click("save-button")
    conflict = page.find("conflict-message")
    assert "VERSION_CONFLICT" in conflict.text
    assert "not saved" in conflict.text
    current = api("GET", f"/api/v1/projects/{project['id']}", token=token)
    assert current["description"] == "written elsewhere"
    page.click("conflict-reload")
    page.gone("conflict-message")


def test_hostile_project_and_display_names_render_as_text(browsers):
    hostile_name = '<img src=x onerror="window.__xss=1"><b>Mallory</b>'
    hostile_project = '<script>window.__xss=2</script><i>boom</i>" onmouseover="window.__xss=3'
    mallory, victim = User(hostile_name), User("Victim")
    project = shared_project(mallory, victim, name=hostile_project)
    token = mallory.access()
    api("POST", f"/api/v1/projects/{project['id']}/claim", {"ttlSeconds": 120}, token=token)

    page = browsers("victim")
    page.login(victim)
    page.find("project-link")
    links = page.driver.find_elements(By.CSS_SELECTOR, '[data-testid="project-link"]')
    assert hostile_project in [link.text for link in links]
    page.open(f"/projects/{project['id']}")
    page.text_is("project-title", hostile_project)
    page.text_is("locked-by", hostile_name)
    assert page.script("return window.__xss === undefined")
    assert not page.driver.find_elements(By.CSS_SELECTOR, "main img, main script, main b, main i")
    assert page.find("who-name").text == "Victim"


def test_login_refresh_revocation_and_logout(browsers):
    user = User("Token Tester")
    page = browsers("tokens")
    page.login(user)
    page.find("project-create")
    first_refresh = page.script("return sessionStorage.getItem('devmentor.refresh')")
    assert first_refresh
    assert page.script("return Object.keys(localStorage).length") == 0

    # The rotation the timer does before expiry, now: a new refresh token, the old one spent.
    page.script("document.dispatchEvent(new Event('devmentor:refresh-now'))")
    WebDriverWait(page.driver, WAIT).until(
        lambda driver: driver.execute_script("return sessionStorage.getItem('devmentor.refresh')") not in (None, first_refresh))
    with pytest.raises(ApiError) as spent:
        api("POST", "/api/v1/auth/refresh", {"refreshToken": first_refresh})
    assert spent.value.status == 401
    # …which, presented again, revoked the whole session (refresh reuse): the page is sent to log in, with words.
    page.script("document.dispatchEvent(new Event('devmentor:refresh-now'))")
    page.find("login-message")
    page.text_contains("login-message", "session has ended")
    assert page.script("return sessionStorage.getItem('devmentor.refresh')") is None

    # A fresh login, then logout: the session ends at the API too.
    page.login(user)
    page.find("project-create")
    refresh = page.script("return sessionStorage.getItem('devmentor.refresh')")
    page.click("logout-button")
    page.text_contains("login-message", "logged out")
    with pytest.raises(ApiError) as ended:
        api("POST", "/api/v1/auth/refresh", {"refreshToken": refresh})
    assert ended.value.status == 401


def test_a_deep_link_survives_a_reload(browsers):
    user = User("Reloader")
    project = api("POST", "/api/v1/projects", {"name": "Deep link"}, token=user.access())
    page = browsers("reload")
    page.login(user, f"/login?next=/projects/{project['id']}")
    page.text_is("project-title", "Deep link")
    page.driver.refresh()
    page.text_is("project-title", "Deep link")
    assert page.driver.current_url.endswith(f"/projects/{project['id']}")


def test_projects_are_created_and_listed(browsers):
    user = User("Creator")
    page = browsers("create")
    page.login(user)
    page.type("project-name", "Made in the browser")
    page.type("project-description", "by the e2e suite")
    page.click("project-create")
    page.text_is("project-title", "Made in the browser")
    page.open("/projects")
    page.text_is("project-link", "Made in the browser")


def test_a_quiz_is_taken_to_its_score(browsers):
    user = User("Learner")
    page = browsers("learner")
    page.login(user, "/login?next=/learning")
    page.find("learning-path")
    page.click("quiz-open")
    page.find("quiz-form")
    for fieldset in page.driver.find_elements(By.CSS_SELECTOR, '[data-testid="quiz-form"] fieldset'):
        fieldset.find_element(By.CSS_SELECTOR, 'input[type="radio"]').click()
    page.click("quiz-submit")
    score = page.find("quiz-score")
    assert "Score" in score.text and "correct" in score.text


def test_the_memory_page_lists_stores_views_invalidates_and_searches(browsers):
    user = User("Rememberer")
    token = user.access()
    vector_id = str(uuid.uuid4())
    api("PUT", f"/api/v1/memory/embeddings/{vector_id}", {"vector": [1.0, 0.0, 0.0], "metadata": {"label": "<b>x</b>"}}, token=token)
    # Stored before the visit (by another client): the page lists the user's keys, not only those it touched.
    api("PUT", "/api/v1/memory/kv/cache%3Aearlier", {"data": 1, "ttlSeconds": 600}, token=token)
    page = browsers("memory")
    page.login(user, "/login?next=/memory")
    page.text_contains("memory-keys", "cache:earlier")
    page.text_contains("memory-keys", "expires")
    page.type("memory-key", "e2e-note")
    page.type("memory-data", '{"text": "<script>alert(1)</script>"}')
    page.click("memory-store")
    page.text_contains("memory-message", "Stored e2e-note")
    page.text_contains("memory-keys", "e2e-note")
    page.click("memory-view")
    assert "<script>alert(1)</script>" in page.find("memory-value").text
    page.type("memory-pattern", "e2e-*")
    page.click("memory-invalidate")
    page.text_contains("memory-message", "1 key invalidated")
    WebDriverWait(page.driver, WAIT).until(lambda driver: "e2e-note" not in page.find("memory-keys").text,
                                           message="the invalidated key stayed in the list")
    assert "cache:earlier" in page.find("memory-keys").text
    page.click("memory-view")
    page.text_contains("memory-message", "NOT_FOUND")
    page.type("memory-vector", "1, 0, 0")
    page.click("memory-search")
    match = page.find("memory-match")
    assert vector_id in match.text and "<b>x</b>" in match.text


def test_the_analysis_page_finds_an_sql_injection(browsers):
    reason = ai_available()
    assert reason is None, f"the AI gateway's analysis is not available on this fleet: {reason}"
    user = User("Analyst")
    page = browsers("analysis")
    page.login(user, "/login?next=/analysis")
    code = (
        "import sqlite3\n"
        "def find(conn, name):\n"
        "    cursor = conn.cursor()\n"
        "    cursor.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")\n"
        "    return cursor.fetchall()\n"
    )
    page.find("analysis-code").send_keys(code)
    page.type("analysis-language", "python")
    page.click("analysis-submit")
    page.find("analysis-solution")
    messages = [element.text for element in page.driver.find_elements(By.CSS_SELECTOR, '[data-testid="finding"]')]
    assert any("sql" in text.lower() and "line 4" in text for text in messages), messages
    page.find("providers")


def test_api_errors_are_shown_in_words(browsers):
    user = User("Wrong Password")
    page = browsers("errors")
    page.open("/login")
    page.type("login-email", user.email)
    page.type("login-password", "not the password")
    page.click("login-submit")
    page.text_contains("login-message", "INVALID_CREDENTIALS")
    page.open(f"/projects/{uuid.uuid4()}")
    page.type("login-email", user.email)
    page.type("login-password", user.password)
    page.click("login-submit")
    page.text_contains("project-message", "NOT_FOUND")


def test_phone_width_keeps_the_editing_controls_usable(browsers):
    user = User("Phone")
    project = api("POST", "/api/v1/projects", {"name": "Small screen"}, token=user.access())
    page = browsers("phone")
    page.driver.set_window_size(390, 844)
    page.login(user, f"/login?next=/projects/{project['id']}")
    page.text_is("project-title", "Small screen")
    page.click("edit-button")
    page.find("editing-indicator")
    width = page.script("return document.documentElement.scrollWidth")
    assert width <= page.script("return window.innerWidth") + 1
    page.click("save-button")
    page.find("edit-button")
