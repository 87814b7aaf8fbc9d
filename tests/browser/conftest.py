"""Browser tests: Python Playwright driving Debian's Chromium against pytest-django's live_server.

They skip, with a message saying how to get Chromium, only when no Chromium can be found.
"""

import os

import pytest

from tools.machine import CHROMIUM_ARGS, chromium_path

# Playwright's sync API runs an event loop; the ORM calls in these tests run outside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("GG_CI"):
            pytest.fail("GG_CI is gezet, maar er is geen Chromium gevonden.")
        pytest.skip(
            "Geen Chromium gevonden: installeer het met 'apt-get install -y chromium' "
            "(of zet CHROMIUM=/pad/naar/chromium) om de browsertests te draaien."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def http_cookies(settings):
    """The live server speaks plain http, as a developer's machine does: a browser keeps no
    Secure or __Host- cookie over http, so these tests use the plain ones (the headers and
    cookie flags of production are tested in tests/test_security.py)."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME = "sessionid", "csrftoken"


def nieuwe_context(browser, live_server, **opties):
    """A fresh browser profile on the live server. Reduced motion: the theme scrolls smoothly
    otherwise, and a check right after a Tab would see the page halfway."""
    return browser.new_context(
        base_url=live_server.url, locale="nl-NL", reduced_motion="reduce", **opties
    )


@pytest.fixture
def page(browser, live_server):
    context = nieuwe_context(browser, live_server)
    page = context.new_page()
    yield page
    context.close()


def inloggen(browser, live_server, user, **opties):
    """A browser context logged in as `user`: the session of a logged-in test client, handed to
    the browser as its cookie."""
    from django.conf import settings
    from django.test import Client

    from tests.conftest import recent_ingelogd

    client = Client()
    recent_ingelogd(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = nieuwe_context(browser, live_server, **opties)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": live_server.url,
                "secure": settings.SESSION_COOKIE_SECURE,
                "httpOnly": True,
            }
        ]
    )
    return context
