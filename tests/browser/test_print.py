import re

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def test_the_matrix_prints_on_one_a4_landscape_page(page, referentie):
    page.goto("/matrix/2025/")
    pdf = page.pdf(prefer_css_page_size=True)
    assert _pages(pdf) == 1
    # A4 landscape: 297 × 210 mm is 842 × 595 points.
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box and round(float(box[1])) == 842 and round(float(box[2])) == 595
