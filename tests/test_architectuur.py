"""The apps depend one way (STYLE.md): core ← accounts ← experts ← inspanningen ← kennis ← demo. The
import-linter contract in pyproject.toml holds it in `make lint`; here it is shown to hold now,
and to fail when someone breaks it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PAKKETTEN = ["gezondgewicht", "demo", "kennis", "inspanningen", "experts", "accounts", "core"]


def _lint(map: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=map,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(map), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def kopie(tmp_path):
    for pakket in PAKKETTEN:
        shutil.copytree(ROOT / pakket, tmp_path / pakket, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_apps_depend_one_way(kopie):
    result = _lint(kopie)
    assert result.returncode == 0, result.stdout
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "regel"),
    [
        ("experts/forms.py", "from inspanningen.models import Betrokkenheid"),
        ("accounts/models.py", "from experts.models import Expert"),
        ("core/access.py", "import accounts.roles"),
    ],
)
def test_an_import_against_the_direction_breaks_the_contract(kopie, module, regel):
    pad = kopie / module
    pad.write_text(regel + "  # noqa\n" + pad.read_text())
    result = _lint(kopie)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
