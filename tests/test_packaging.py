"""Installation and release: one version, a changelog, the documented rev, and a wheel that carries its data.

The wheel is built as docs/release.md says (``python -m build``: the sdist, then the wheel from the sdist,
each in an isolated environment with the build requirements of pyproject.toml), from a copy of the
checkout so the test leaves no build/ or egg-info behind. It takes a few seconds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from budgetlint import __version__
from conftest import EXAMPLE, ROOT

try:
    import tomllib
except ImportError:  # Python 3.10: the same parser, a dependency there
    import tomli as tomllib  # type: ignore[no-redef]

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Documents that tell users which rev/tag to install; they must name the current version's tag.
PINNED_DOCS = ("docs/ci.md", "docs/release.md", "docs/editors.md", "README.md")


def test_the_version_is_written_once() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "budgetlint.__version__"}
    assert metadata.version("budgetlint") == __version__  # what pip installed is what the package says
    out = subprocess.run([sys.executable, "-m", "budgetlint", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"budgetlint {__version__}"


def test_changelog_has_the_current_version_first() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\d+\.\d+\.\d+)", changelog, re.M)
    assert versions and versions[0] == __version__


@pytest.mark.parametrize("name", PINNED_DOCS)
def test_install_docs_use_the_current_tag(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    tags = set(re.findall(r"(?<![\w/-])v(\d+\.\d+\.\d+)\b", text))
    assert tags == {__version__}, f"{name} names {sorted(tags)}: docs/release.md step 1"
    # budgetlint is not on PyPI: installing it by bare name would fetch nothing, or someone else's package
    # (a direct reference “budgetlint[lsp] @ git+…” and --no-index --find-links installs are fine)
    assert not re.search(r"pip install ['\"]?budgetlint(\[\w+\])?['\"]?(?!\s*@)(?=[\s`]|$)", text, re.M)


def test_precommit_snippet_pins_the_tag() -> None:
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert re.search(rf"^\s+rev: v{re.escape(__version__)}\b", ci, re.M)
    assert "<版本标签>" not in ci


def _copy_checkout(target: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv*", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                    ".hypothesis", "out")
    return Path(shutil.copytree(ROOT, target, ignore=ignore))


def _package_data() -> set[str]:
    """Every data file the installed package must carry, from pyproject's package-dir and package-data."""
    tool = PYPROJECT["tool"]["setuptools"]
    dirs = tool["package-dir"]
    wanted = set()
    for package, patterns in tool["package-data"].items():
        source = ROOT / dirs.get(package, package.replace(".", "/"))
        for pattern in patterns:
            wanted |= {f"{package.replace('.', '/')}/{p.name}" for p in source.glob(pattern)}
    return wanted


def test_a_wheel_builds_and_carries_every_data_file(tmp_path: Path) -> None:
    src = _copy_checkout(tmp_path / "src")
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(src)],
                           capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    assert wheel.name == f"budgetlint-{__version__}-py3-none-any.whl"
    assert sdist.name == f"budgetlint-{__version__}.tar.gz"

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        meta = archive.read(f"budgetlint-{__version__}.dist-info/METADATA").decode("utf-8")
        entry_points = archive.read(f"budgetlint-{__version__}.dist-info/entry_points.txt").decode("utf-8")
        archive.extractall(tmp_path / "wheel")
    data = _package_data()
    assert {"budgetlint/profiles/national.yaml", "budgetlint/schemas/disclosure-v1.schema.json",
            "budgetlint/rules_d/identities.yaml"} <= data  # the globs found the files they should
    assert data <= names, sorted(data - names)
    rules = {f"budgetlint/rules_d/{p.name}" for p in (ROOT / "rules.d").glob("bl*.py")}
    assert rules <= names, sorted(rules - names)
    assert f"Version: {__version__}" in meta.splitlines()
    assert "budgetlint = budgetlint.cli:main" in entry_points
    with tarfile.open(sdist) as archive:  # the wheel was built from this sdist: it holds the sources of the data
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    assert {"rules.d/identities.yaml", "schemas/profile.schema.json", "budgetlint/profiles/henan.yaml"} <= members

    # the unpacked wheel, first on the path, loads its own profiles, schema and rules
    wheel_dir = tmp_path / "wheel"
    assert Path(_origin(wheel_dir)).is_relative_to(wheel_dir)
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from budgetlint.cli import main; "
              "raise SystemExit(main(['check', '--no-config', '--format', 'parsable', sys.argv[2]]))")
    run = subprocess.run([sys.executable, "-I", "-c", script, str(wheel_dir), str(EXAMPLE)],
                         capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.returncode == 1, run.stderr
    assert "[BL211]" in run.stdout and "[BL001]" not in run.stdout


def _origin(path: Path) -> str:
    """The file ``budgetlint`` is imported from with the unpacked wheel first on the path (not the checkout)."""
    script = "import sys; sys.path.insert(0, sys.argv[1]); import budgetlint; print(budgetlint.__file__)"
    out = subprocess.run([sys.executable, "-I", "-c", script, str(path)], capture_output=True, text=True, check=True)
    return out.stdout.strip()
