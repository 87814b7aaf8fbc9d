"""The body of an item is Markdown, rendered safely (kennis.opmaak)."""

from kennis.opmaak import markdown


def test_markdown_becomes_html():
    html = markdown(
        "# Kop\n\n**vet** en [Loket](https://www.loketgezondleven.nl/)\n\n- een\n- twee"
    )
    assert "<h2>Kop</h2>" in html
    assert "<strong>vet</strong>" in html
    assert 'href="https://www.loketgezondleven.nl/"' in html and "nofollow" in html
    assert "<li>een</li>" in html


def test_a_script_stays_text():
    html = markdown("<script>alert('x')</script>")
    assert "<script" not in html and "&lt;script&gt;" in html


def test_raw_html_is_not_taken_over():
    html = markdown('<img src=x onerror="alert(1)"> <a href="https://x.nl" onclick="y()">a</a>')
    assert "<img" not in html and "<a " not in html
    assert "&lt;img" in html  # shown as text, never as a tag


def test_javascript_and_data_links_are_dropped():
    for link in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
    ):
        html = markdown(f"[klik]({link})")
        assert "href" not in html, html
