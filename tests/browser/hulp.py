"""What the browser tests share: driving a page by mouse or by keyboard alone, the keyboard
checks (visible focus, skip link, no trap), axe-core, reflow, and logging in for real."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Locator, Page, expect

from tests.factories import PASSWORD

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# What has the focus, and can a sighted keyboard user see it: an outline or a box shadow, on
# screen and not hidden under another element (a sticky bar, say). WCAG 2.4.7 and 2.4.11.
_FOCUS = """(doel) => {
  const el = document.activeElement;
  if (!el || el === document.body) return {ergens: false, doel: false};
  const stijl = getComputedStyle(el);
  const lijn = stijl.outlineStyle !== "none" && parseFloat(stijl.outlineWidth) > 0;
  const schaduw = stijl.boxShadow !== "none";
  const r = el.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + Math.min(r.height, 20) / 2, 0), innerHeight - 1);
  const boven = document.elementFromPoint(x, y);
  const label = el.labels && el.labels[0];
  const zichtbaar = r.bottom > 0 && r.top < innerHeight && boven !== null
    && (el.contains(boven) || boven.contains(el) || (label && label.contains(boven)));
  return {
    ergens: true,
    doel: doel !== null && el === doel,
    naam: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.name ? "[name=" + el.name + "]" : "") + " " + (el.textContent || "").trim().slice(0, 40),
    omlijnd: lijn || schaduw,
    zichtbaar: zichtbaar,
    bedekt_door: boven ? boven.tagName.toLowerCase() + "." + boven.className + " @" + Math.round(x) + "," + Math.round(y) + " r=" + JSON.stringify(r) : null,
  };
}"""


class Bediening:
    """Does what a person does on a page: with the mouse, or (toetsenbord=True) with the
    keyboard alone, Tab by Tab, checking at every stop that the focus can be seen."""

    MAX_TABS = 700

    def __init__(self, page: Page, toetsenbord: bool):
        self.page = page
        self.toetsenbord = toetsenbord

    def focus_op(self, locator: Locator) -> None:
        """Tab until `locator` has the focus (round the page if need be): a trap or an element
        that cannot be reached fails, and so does any stop without a visible focus."""
        locator.wait_for()
        doel = locator.element_handle()
        for _ in range(self.MAX_TABS):
            stop = self.page.evaluate(_FOCUS, doel)
            if stop["ergens"]:
                assert stop["omlijnd"], f"geen zichtbare focus op {stop['naam']}"
                assert stop["zichtbaar"], (
                    f"focus buiten beeld of bedekt: {stop['naam']} ({stop['bedekt_door']})"
                )
            if stop["doel"]:
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"met Tab niet te bereiken: {locator}")

    def klik(self, locator: Locator) -> None:
        if not self.toetsenbord:
            locator.click()
            return
        self.focus_op(locator)
        soort = locator.evaluate("el => el.type || el.tagName.toLowerCase()")
        self.page.keyboard.press("Space" if soort in ("checkbox", "radio") else "Enter")

    def vul(self, locator: Locator, tekst: str) -> None:
        if not self.toetsenbord:
            locator.fill(tekst)
            return
        self.focus_op(locator)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(tekst)

    def kies(self, locator: Locator, waarde: str) -> None:
        """Choose an option of a <select> (with the arrow keys on the keyboard)."""
        if not self.toetsenbord:
            locator.select_option(waarde)
            return
        self.focus_op(locator)
        opties = locator.evaluate("el => [...el.options].map(o => o.value)")
        stappen = opties.index(waarde) - opties.index(locator.input_value())
        for _ in range(abs(stappen)):
            self.page.keyboard.press("ArrowDown" if stappen > 0 else "ArrowUp")
        assert locator.input_value() == waarde


def inloggen_met_wachtwoord(bediening: Bediening, user, totp_secret: str | None = None) -> None:
    """Log in on the login page, with the second factor when the user has one."""
    page = bediening.page
    page.goto("/accounts/login/")
    bediening.vul(page.locator("input[name=login]"), user.email)
    bediening.vul(page.locator("input[name=password]"), PASSWORD)
    bediening.klik(page.get_by_role("button", name="Inloggen", exact=True))
    if totp_secret:
        expect(page.locator("input[name=code]")).to_be_visible()
        if time.time() % 30 > 25:  # let the code not expire between typing and checking
            time.sleep(30 - time.time() % 30 + 0.5)
        code = format_hotp_value(hotp_value(totp_secret, int(time.time()) // 30))
        bediening.vul(page.locator("input[name=code]"), code)
        bediening.klik(page.locator("main form button[type=submit]").first)
    expect(page.locator(".gg-account__who")).to_have_text(f"Ingelogd als {user.get_full_name()}")


def totp_secret(user) -> str:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]


def controleer_skiplink(page: Page) -> None:
    """The first Tab lands on a visible skip link, and Enter takes the focus to the content."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    link = page.locator(".utrecht-skip-link")
    expect(link).to_be_focused()
    doos = link.bounding_box()
    assert doos and doos["width"] > 20 and doos["height"] > 10 and doos["y"] >= 0, doos
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()


def controleer_geen_val(page: Page) -> None:
    """Tab through the whole page: every tabbable element is reached, each with a visible
    focus, and the focus comes round to the start again (no keyboard trap)."""
    tabbaar = page.evaluate(
        """() => [...document.querySelectorAll(
             'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
           .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length
                   && getComputedStyle(el).visibility !== 'hidden').length"""
    )
    page.evaluate("document.activeElement && document.activeElement.blur()")
    gezien = set()
    for _ in range(tabbaar + 5):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUS, None)
        if not stop["ergens"]:
            break  # round the page: the focus went back to the browser
        assert stop["omlijnd"], f"geen zichtbare focus op {stop['naam']}"
        assert stop["zichtbaar"], (
            f"focus buiten beeld of bedekt: {stop['naam']} ({stop['bedekt_door']})"
        )
        sleutel = page.evaluate(
            "() => { const el = document.activeElement;"
            " el.dataset.ggTab = el.dataset.ggTab || String(Math.random()); return el.dataset.ggTab; }"
        )
        if sleutel in gezien:
            break  # round the page, back at an element seen before
        gezien.add(sleutel)
    else:
        raise AssertionError("de focus komt niet rond: toetsenbordval?")
    assert len(gezien) >= tabbaar, f"{len(gezien)} van {tabbaar} elementen bereikt met Tab"


def axe_schendingen(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    resultaat = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
            for n in v["nodes"][:5]
        )
        for v in resultaat.response["violations"]
    ]


def zijwaarts_scrollen(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when it reflows)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# Every word in `el` whose letters sit on more than one line: a word broken inside itself. A
# hyphen or a slash is a place where a line may break, so the parts around it count apart.
GEBROKEN_WOORDEN = """(el) => {
  const gebroken = [];
  const verborgen = (e) => {  // visually hidden (for screen readers only) or not shown
    for (; e && e !== el.parentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.clipPath !== "none" || s.display === "none" || s.visibility === "hidden") return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (verborgen(node.parentElement)) continue;
    const re = /[^\\s\\-\\/‐–—]+/g;
    let m;
    while ((m = re.exec(node.textContent))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const regels = new Set([...range.getClientRects()].filter((r) => r.width > 0)
        .map((r) => Math.round(r.top)));
      if (regels.size > 1) gebroken.push(m[0]);
    }
  }
  return gebroken;
}"""


def gebroken_woorden(page, paden) -> dict[str, list[str]]:
    """Per page of `paden`: the words in its main content broken inside themselves."""
    gebroken = {}
    for pad in paden:
        page.goto(pad)
        page.locator("main").wait_for()
        woorden = page.evaluate(GEBROKEN_WOORDEN, page.locator("main").element_handle())
        if woorden:
            gebroken[pad] = woorden[:8]
    return gebroken
