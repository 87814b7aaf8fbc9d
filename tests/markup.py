"""Reading a page as a user does, by its elements and its text, rather than by exact markup.

For one element with known attributes and text, prefer
`pytest_django.asserts.assertContains(response, snippet, html=True)`; these helpers are for
what that cannot say: elements picked by one class or attribute, counted, or read as text."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.html import VOID_ELEMENTS

# Elements a browser shows on a line of their own: their text never runs into the next word.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "legend", "li", "main", "nav", "ol", "p", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list["Element"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text inside the element, whitespace collapsed as a browser shows it."""
        return " ".join("".join(self.parts).split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.handle_data(" ")
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.handle_data(" ")
        for n in range(len(self.open) - 1, 0, -1):
            if self.open[n].tag == tag:
                del self.open[n:]
                return

    def handle_data(self, data):
        for element in self.open:
            element.parts.append(data)


def parse(page) -> Element:
    """The document of a response (or of a string of HTML), as a tree of elements."""
    if isinstance(page, Element):
        return page
    parser = _Parser()
    parser.feed(page if isinstance(page, str) else page.content.decode())
    parser.close()
    return parser.root


def find_all(page, tag: str | None = None, *, cls: str | None = None, **attrs) -> list[Element]:
    """Every element of `tag` (any tag when None) inside `page`, in document order, that has the
    class `cls` and the attributes `attrs` (a trailing underscore is dropped, and an underscore
    in the name reads as a hyphen: `aria_label=...`)."""
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    found = []

    def walk(element):
        for child in element.children:
            if (
                (tag is None or child.tag == tag)
                and (cls is None or cls in child.classes)
                and all(child.attrs.get(name) == value for name, value in wanted.items())
            ):
                found.append(child)
            walk(child)

    walk(parse(page))
    return found


def find(page, tag: str | None = None, *, cls: str | None = None, **attrs) -> Element:
    """The one element that matches; fails when there is none or more than one."""
    found = find_all(page, tag, cls=cls, **attrs)
    assert len(found) == 1, f"{len(found)} elements <{tag or '*'} {cls or ''} {attrs}>"
    return found[0]


def page_text(page) -> str:
    """The text of the page's body, whitespace collapsed."""
    return find(page, "body").text


def title(page) -> str:
    return find(page, "title").text
