"""Markdown, rendered safely: markdown-it (CommonMark) with raw HTML off, so `<script>` stays
text, then nh3 keeps only the tags and attributes below and links to http(s) and mailto."""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTEN = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
SCHEMAS = {"http", "https", "mailto"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)


def markdown(tekst: str) -> SafeString:
    """The HTML of a Markdown text; headings start at h2 (the page has the h1)."""
    html = _md.render(tekst or "")
    for n in (3, 2, 1):  # shift down from the deepest, so h1 → h2 and h2 → h3 each once
        html = html.replace(f"<h{n}>", f"<h{n + 1}>").replace(f"</h{n}>", f"</h{n + 1}>")
    schoon = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTEN,
        url_schemes=SCHEMAS,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(schoon)  # noqa: S308 - cleaned by nh3 just above
