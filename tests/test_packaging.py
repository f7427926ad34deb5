"""pyproject.toml lists every package and style file, so a wheel install has them all.

The package list is explicit because `screens/` and `questions/` are mapped into `quiz`;
an editable install finds a forgotten sub-package anyway, so only this test notices.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _package_of(folder: Path) -> str:
    """The installed package name of a source folder, through `package-dir`."""
    for name, source in sorted(CONFIG["package-dir"].items(), key=lambda kv: -len(kv[1])):
        base = ROOT / source
        if folder == base or base in folder.parents:
            rest = folder.relative_to(base).parts
            return ".".join((name, *rest))
    raise AssertionError(f"{folder} is under no package-dir entry")


def _source_packages() -> dict[str, Path]:
    found = {}
    for source in set(CONFIG["package-dir"].values()):
        for init in (ROOT / source).rglob("__init__.py"):
            found[_package_of(init.parent)] = init.parent
    return found


def test_every_package_is_listed() -> None:
    assert sorted(_source_packages()) == sorted(CONFIG["packages"])


def test_every_style_and_data_file_is_package_data() -> None:
    data = CONFIG["package-data"]
    for name, folder in _source_packages().items():
        for path in folder.iterdir():
            if path.suffix in {".tcss", ".toml", ".txt", ".json"}:
                patterns = data.get(name, [])
                assert any(fnmatch(path.name, p) for p in patterns), f"{path} is not package data"
