"""Browser-test harness: Debian's Chromium driven by Playwright (sync API) against live_server.

Every browser test module sets ``pytestmark = BROWSER_MARKS`` (see below): the ``browser``
marker, and transactional database access with ``serialized_rollback`` so that the data the
migrations create (roles/groups, Wagtail's root page and Site, the legal pages) survives the
flush between tests. Helpers for the tests: ``login`` and ``assert_no_axe_violations`` (axe-core,
dangling ARIA/label references and 320 px reflow).

Wagtail finds the Site for http://localhost:PORT through its fallback to the default Site
(localhost:80, is_default_site=True, from Wagtail's migrations), so pages resolve under
live_server without adjusting the Site.
"""

import contextlib
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_TESTS = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DEMO_PASSWORD = "kim-demo-2026"  # load_demo's default (DEFAULT_DEMO_PASSWORD)
USER_PASSWORD = PASSWORD  # make_user's users

LOGIN_PATH = "/konto/anmelden/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# --- browser ---------------------------------------------------------------------------------


class _Chromium:
    """Playwright with one Chromium, started for the first browser test and stopped after the last.

    While Playwright's sync API is alive, an asyncio loop counts as running in the test thread.
    That has two consequences, which this class contains to the browser tests (the rest of the
    suite runs as if no browser had been there):

    - Django refuses ORM calls from the thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set
      only while Playwright runs: ``manage.py check --deploy`` in a subprocess (tests/portal)
      warns about it, and later tests should keep Django's protection.
    - While a loop runs, Django keeps the thread's database connections in a separate store: the
      tests would get fresh connection objects without the ``serialized_rollback`` data that
      setup_databases attached to the original ones, and nothing would be restored after the
      flush. The original connection objects are put into that store as well.
    """

    def __init__(self) -> None:
        self._playwright = None
        self._browser: Browser | None = None
        self._previous_async_unsafe: str | None = None

    def get(self) -> Browser:
        if self._browser is None:
            self._start()
        return self._browser

    def _start(self) -> None:
        if not CHROMIUM.exists():
            pytest.fail(
                f"Browser tests need Debian's Chromium at {CHROMIUM} "
                "(apt-get install -y chromium); Playwright cannot download its own browsers here.",
                pytrace=False,
            )
        originals = {alias: connections[alias] for alias in connections}
        self._previous_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        self._playwright = sync_playwright().start()
        for alias, connection in originals.items():
            connections[alias] = connection
        self._browser = self._playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )

    def stop(self) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()
        finally:
            self._browser = self._playwright = None
            if self._previous_async_unsafe is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self._previous_async_unsafe


_chromium = _Chromium()


@pytest.fixture(scope="session")
def _chromium_session():
    yield _chromium
    _chromium.stop()  # in case the run ended before pytest_runtest_teardown below could


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Stop the browser once the next test is not a browser test (after fixture teardown)."""
    yield
    if nextitem is None or not Path(nextitem.path).is_relative_to(BROWSER_TESTS):
        _chromium.stop()


@pytest.fixture
def browser(_chromium_session) -> Browser:
    """The Chromium shared by all browser tests in a row (started on first use)."""
    return _chromium_session.get()


# Every page records what its Content-Security-Policy blocked (docs/security.md): the event
# securitypolicyviolation in the page, and Chromium's console errors about the policy.
CSP_LISTENER_JS = """() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(
      `${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${document.location.pathname}`
      + (e.sample ? ` (${e.sample})` : "")
    );
  });
}"""


def csp_violations(page: Page) -> list[str]:
    """What the Content-Security-Policy blocked on this page and in its console so far."""
    found = list(getattr(page, "_kim_csp_console", []))
    with contextlib.suppress(Exception):  # a page that is navigating or closed
        found += page.evaluate("() => window.__cspViolations || []")
    return found


@pytest.fixture
def page(browser: Browser) -> Page:
    """A fresh context (no cookies) and page for each test, in German. The test fails if the
    Content-Security-Policy blocked anything on any page it visited."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    context.add_init_script(f"({CSP_LISTENER_JS})()")
    page = context.new_page()
    page._kim_csp_console = []
    page.on(
        "console",
        lambda message: (
            page._kim_csp_console.append(f"{message.text} ({message.location.get('url', '')})")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    blocked = page._kim_csp_console
    context.close()
    if blocked:
        pytest.fail(
            "the Content-Security-Policy blocked:\n" + "\n".join(f"    {b}" for b in blocked),
            pytrace=False,
        )


# --- database --------------------------------------------------------------------------------


# --- helpers ---------------------------------------------------------------------------------


def login(page: Page, live_server, username: str, password: str = USER_PASSWORD) -> None:
    """Log in by keyboard alone: focus the user name, type, Tab, type the password, Enter.

    Stays on the login page if the browser is already there (keeping its ``?next=``),
    and returns once the browser has left the login page.
    """
    if LOGIN_PATH not in page.url:
        page.goto(live_server.url + LOGIN_PATH)
    page.get_by_label("Benutzername").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: LOGIN_PATH not in url)


_axe = Axe()


def format_axe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}"
            f" <{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}")
            for line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {line.strip()}")
    return "\n".join(lines)


# axe-core reports an ARIA attribute that names no element (aria-describedby="id_x_error" when
# the message has id="id_x-error") only as "incomplete" (needs review): these rules fail here.
AXE_INCOMPLETE_FAILURES = {"aria-valid-attr-value"}

# ID references that point at no element, including label[for] (axe does not check those).
DANGLING_REFERENCES_JS = """() => {
  const out = [];
  const attributes = ["aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage"];
  for (const attr of attributes) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          const name = el.getAttribute("name") || "";
          out.push(`${attr}="${id}" on <${el.tagName.toLowerCase()} name="${name}">`);
        }
      }
    }
  }
  for (const label of document.querySelectorAll("label[for]")) {
    if (!document.getElementById(label.htmlFor)) out.push(`<label for="${label.htmlFor}">`);
  }
  return out;
}"""

REFLOW_WIDTH = 320  # CSS px, WCAG 2.1 SC 1.4.10

# The elements that stick out of the page at the current width: those wider than their parent.
# Elements inside a container that scrolls by itself do not make the page scroll, unless they
# are positioned absolutely against something outside it (a visually hidden text in a table
# cell, when the scroll container is not position: relative).
OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const overflow = root.scrollWidth - root.clientWidth;
  const culprits = [];
  if (overflow > 0) {
    const scrolls = (el) => {
      if (["absolute", "fixed"].includes(getComputedStyle(el).position)) return false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === "auto" || x === "scroll" || x === "hidden") return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      const edge = root.clientWidth + 1;
      const parent = el.parentElement;
      const positioned = ["absolute", "fixed"].includes(getComputedStyle(el).position);
      const parentFits = parent === document.body || parent.getBoundingClientRect().right <= edge;
      if (box.width && box.right > edge && !scrolls(el) && (parentFits || positioned)) {
        const id = el.id ? `#${el.id}` : "";
        const cls = el.classList.length ? `.${[...el.classList].join(".")}` : "";
        const text = (el.textContent || "").trim().slice(0, 40);
        const tag = `<${el.tagName.toLowerCase()}${id}${cls}>`;
        culprits.push(`${tag} "${text}" ends at ${Math.round(box.right)}px`);
      }
      if (culprits.length >= 5) break;
    }
  }
  return {overflow, culprits};
}"""


def axe_problems(page: Page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations and its best practices (such as unique
    landmark names, which every table's scroll region must keep), and its "incomplete" results
    for ARIA attributes that reference no element, as readable lines (empty when all is well)."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]},
            "resultTypes": ["violations", "incomplete"],
        },
    ).response
    problems = []
    if results["violations"]:
        problems.append(
            f"{len(results['violations'])} WCAG A/AA or best-practice violation(s):\n"
            + format_axe_violations(results["violations"])
        )
    incomplete = [r for r in results["incomplete"] if r["id"] in AXE_INCOMPLETE_FAILURES]
    if incomplete:
        problems.append(
            "ARIA references axe could not resolve (reported as incomplete):\n"
            + format_axe_violations(incomplete)
        )
    dangling = page.evaluate(DANGLING_REFERENCES_JS)
    if dangling:
        problems.append(
            "references to no element (WCAG 1.3.1, 3.3.1, 4.1.2):\n"
            + "\n".join(f"    {ref}" for ref in dangling)
        )
    return problems


def reflow_problem(page: Page) -> str | None:
    """At 320 CSS px the page must not scroll sideways (only a table in its own scroll
    container may). Checks at that width and restores the viewport."""
    viewport = page.viewport_size or {"width": 1280, "height": 800}
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": viewport["height"]})
    try:
        result = page.evaluate(OVERFLOW_JS)
    finally:
        page.set_viewport_size(viewport)
    if result["overflow"] > 0:
        return (
            f"the page scrolls sideways by {result['overflow']}px at {REFLOW_WIDTH}px width "
            "(WCAG 1.4.10 reflow):\n" + "\n".join(f"    {c}" for c in result["culprits"])
        )
    return None


def assert_no_axe_violations(page: Page) -> None:
    """Fail listing what a user of assistive technology or a narrow screen would hit here:
    axe-core's WCAG 2.0/2.1 A and AA violations, ARIA and label references that point at no
    element, sideways scrolling of the whole page at 320 px width, and whatever the
    Content-Security-Policy blocked (a script or style that did not apply)."""
    problems = axe_problems(page)
    if blocked := csp_violations(page):
        problems.append(
            "the Content-Security-Policy blocked:\n" + "\n".join(f"    {b}" for b in blocked)
        )
    if (reflow := reflow_problem(page)) is not None:
        problems.append(reflow)
    if problems:
        pytest.fail(f"accessibility on {page.url}:\n" + "\n".join(problems), pytrace=False)
