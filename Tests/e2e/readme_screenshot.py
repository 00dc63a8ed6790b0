"""Takes docs/console.png for the README: Grace's project page while Ada is editing (headless Chromium).
Run against a fleet:
    E2E_GATEWAY_URL=http://127.0.0.1:18080 .run/venv-e2e/bin/python Tests/e2e/readme_screenshot.py docs/console.png
"""
import sys

from conftest import Browser, User, api


def main(out):
    ada, grace = User("Ada Lovelace"), User("Grace Hopper")
    token = ada.access()
    project = api("POST", "/api/v1/projects", {"name": "Payment service", "description": "Checkout API and its fraud rules."}, token=token)
    api("POST", f"/api/v1/projects/{project['id']}/collaborators", {"userId": grace.id}, token=token)
    first, second = Browser("ada"), Browser("grace")
    try:
        first.login(ada, f"/login?next=/projects/{project['id']}")
        second.login(grace, f"/login?next=/projects/{project['id']}")
        first.live()
        second.live()
        first.click("edit-button")
        first.find("editing-indicator")
        second.text_is("locked-by", "Ada Lovelace")
        second.driver.set_window_size(1100, 760)
        second.driver.save_screenshot(out)
    finally:
        first.quit()
        second.quit()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/console.png")
