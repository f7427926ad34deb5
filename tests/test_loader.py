"""load_bank: a LoadedBank or a BankError with every problem located; never anything else.

The golden files (tests/banks/invalid, via test_examples.py) hold the messages of
bad banks that can live in the repository; this file covers what cannot (missing
files, folders, links, sizes, permissions) and the properties: arbitrary text and
bytes give only BankError.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.loader import MAX_ARTICLE_BYTES, MAX_BANK_BYTES, LoadedBank, load_bank
from quiz.errors import BankError, Problem

VALID = Path(__file__).resolve().parent / "banks" / "valid"
SAMPLE = VALID / "ukraine-sample.toml"

SMALL = """\
format = 1

[bank]
id = "small"
title = "Small"

[article]
title = "A test article"
{article}

[sources.mayor]
name = "the mayor"

[figures.crowd]
source = "mayor"
measure = "crowd"
counts = "people who came"
value = 1_250
as_of = "2024-01"
quote = "The mayor said 1,250 people came"
explain = "{explain}"
"""
ARTICLE = "The mayor said 1,250 people came."


def small(tmp_path: Path, article: str | None = None, explain: str = "A count.") -> Path:
    line = f'text = "{ARTICLE}"' if article is None else f'text_file = "{article}"'
    path = tmp_path / "small.toml"
    path.write_text(SMALL.format(article=line, explain=explain), encoding="utf-8")
    return path


def problems(path: Path) -> list[Problem]:
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert caught.value.problems, "a BankError always carries its problems"
    return caught.value.problems


def only(path: Path) -> Problem:
    found = problems(path)
    assert len(found) == 1, found
    return found[0]


# -- valid banks ----------------------------------------------------------------------------


def test_loads_a_valid_bank() -> None:
    loaded = load_bank(SAMPLE)
    assert isinstance(loaded, LoadedBank)
    assert loaded.id == "ukraine-sample"
    assert loaded.path == SAMPLE
    assert loaded.digest == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert "5,937 soldiers" in loaded.article_text
    refugees = loaded.bank.figures["refugees-milley"]
    assert refugees.bounds == (15_000_000, 30_000_000)
    assert refugees.source in loaded.bank.sources


def test_error_path_never_runs_on_a_valid_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    """The source scanner and near-miss suggestions cost nothing when all is well."""
    import difflib

    from quiz.bank import locate

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("error-path helper called on a valid bank")

    monkeypatch.setattr(locate, "key_positions", refuse)
    monkeypatch.setattr(difflib, "get_close_matches", refuse)
    assert load_bank(SAMPLE).id == "ukraine-sample"


def test_inline_article_text(tmp_path: Path) -> None:
    assert load_bank(small(tmp_path)).article_text == ARTICLE


# -- files that are not bank files ----------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    problem = only(tmp_path / "nope.toml")
    assert str(problem) == f"{tmp_path / 'nope.toml'}: expected a bank file, found no such file"
    assert problem.line is None


def test_directory(tmp_path: Path) -> None:
    assert only(tmp_path).message == "expected a bank file, found a folder"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_special_file_is_not_read() -> None:
    """/dev/zero never ends: it must be refused, not read."""
    assert "special file" in only(Path("/dev/zero")).message


def test_over_the_size_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * (MAX_BANK_BYTES + 1))

    def refuse(source: str) -> None:
        raise AssertionError("parsed a file over the size limit")

    import tomli  # the loader imports it only when it parses

    monkeypatch.setattr(tomli, "loads", refuse)
    problem = only(path)
    assert problem.message == (
        f"expected a bank file of at most {MAX_BANK_BYTES:,} bytes,"
        f" found {MAX_BANK_BYTES + 1:,} bytes"
    )


def _deny(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make opening the file called `name` fail as a permission error would (chmod 000
    does not stop root, which runs some CI)."""
    real_open = Path.open

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == name:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", open_)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = small(tmp_path)
    _deny(monkeypatch, path.name)
    assert only(path).message == (
        "expected a bank file that can be read, found an error: Permission denied"
    )


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('format = 1\n[bank]\ntitle = "Café"\n'.encode("latin-1"))
    problem = only(path)
    assert (problem.line, problem.column) == (3, 13)
    assert problem.message == "expected a bank file in UTF-8, found the byte 0xe9"


# -- values the parser or the models refuse -------------------------------------------------


def test_two_megabyte_string(tmp_path: Path) -> None:
    problem = only(small(tmp_path, explain="x" * 2_000_000))
    assert problem.key == "figures.crowd.explain"
    assert problem.line == 21
    assert problem.message == "expected at most 4,000 characters, found 2,000,000"


def test_integer_of_thousands_of_digits(tmp_path: Path) -> None:
    path = small(tmp_path)
    text = path.read_text().replace("value = 1_250", "value = " + "9" * 5000)
    path.write_text(text)
    problem = only(path)
    if sys.version_info >= (3, 11):
        # int() refuses more than 4,300 digits; the loader finds the line itself.
        assert problem.message.startswith("invalid TOML: expected numbers of at most 4,300 digits")
        assert (problem.line, problem.column) == (18, 9)
    else:
        assert problem.key == "figures.crowd.value"


def test_all_problems_at_once(tmp_path: Path) -> None:
    """A schema error, a dangling source and a misquote, in three figures, together."""
    path = small(tmp_path)
    text = path.read_text() + (
        '\n[figures.b]\nsource = "nobody"\nmeasure = "m"\ncounts = "c"\nvalue = 1_250\n'
        'as_of = 2024\nquote = "The mayor said 1,250 people came"\nexplain = "e"\n'
        '\n[figures.c]\nsource = "mayor"\nmeasure = "m"\ncounts = "c"\nvalue = 9\n'
        'as_of = 2024\nquote = "The mayor said 1,250 people came"\nexplain = "e"\n'
    )
    text = text.replace('counts = "people who came"', "counts = 7")
    path.write_text(text)
    found = [(p.key, p.line) for p in problems(path)]
    assert found == [
        ("figures.crowd.counts", 17),
        ("figures.b.source", 24),
        ("figures.c.value", 36),
    ]


# -- the article file -----------------------------------------------------------------------


def test_article_file_beside_the_bank(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("\ufeff" + ARTICLE, encoding="utf-8")
    assert load_bank(small(tmp_path, "article.txt")).article_text == ARTICLE


def test_article_symlink_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE)
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    problem = only(small(folder, "link.txt"))
    assert problem.key == "article.text_file"
    assert problem.line == 9
    assert problem.message == (
        'expected a file inside the bank\'s folder, found "link.txt", through a link,'
        " which leads out"
    )


def test_article_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(ARTICLE)
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert load_bank(small(tmp_path, "link.txt")).article_text == ARTICLE


def test_article_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "article").mkdir()
    assert only(small(tmp_path, "article")).message == (
        'expected an article file at "article", found a folder'
    )


def test_article_over_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + " " * MAX_ARTICLE_BYTES)
    assert "of at most" in only(small(tmp_path, "a.txt")).message


def test_article_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    bank = small(tmp_path, "a.txt")
    _deny(monkeypatch, "a.txt")
    problem = only(bank)
    assert (problem.key, problem.line) == ("article.text_file", 9)
    assert problem.message == (
        'expected an article file at "a.txt" that can be read, found an error: Permission denied'
    )


def test_article_with_an_escape_sequence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + "\nline two \x1b[2J")
    assert only(small(tmp_path, "a.txt")).message == (
        'expected plain text in "a.txt", found a control character (U+001B)'
        " at line 2, column 10 of it"
    )


# -- properties -----------------------------------------------------------------------------

_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _load_anything(path: Path) -> None:
    try:
        load_bank(path)
    except BankError as exc:
        assert exc.problems
        assert all(isinstance(p, Problem) and p.message for p in exc.problems)


@_SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_gives_only_bank_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _load_anything(path)


@_SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_only_bank_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.toml"
    path.write_bytes(data)
    _load_anything(path)


_LINES = SAMPLE.read_text(encoding="utf-8").splitlines()
_NOISE = st.sampled_from(
    [
        "[figures.x]",
        "[[questions]]",
        "value = -1",
        "low = 5",
        'answer = "x"',
        "options = []",
        'quote = """',
        "source = 3",
        "[sources]",
        "figure = 'nope'",
        'text_file = "../x"',
        "as_of = 2022-13-40",
        "x = {a = 1}",
        "questions = 1",
        '"$schema" = 1',
    ]
)


@_SETTINGS
@given(
    keep=st.lists(st.booleans(), min_size=len(_LINES), max_size=len(_LINES)),
    extra=st.lists(
        st.tuples(st.integers(0, len(_LINES)), st.one_of(st.sampled_from(_LINES), _NOISE)),
        max_size=4,
    ),
)
def test_mangled_banks_give_only_bank_error(
    tmp_path: Path, keep: list[bool], extra: list[tuple[int, str]]
) -> None:
    """A real bank with lines dropped, repeated or mixed with noise: unlike random
    text, these reach the schema, the cross-checks and provenance."""
    (tmp_path / "ukraine-war-casualties.txt").write_text(
        (VALID / "ukraine-war-casualties.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    lines = [line for line, kept in zip(_LINES, keep, strict=True) if kept]
    for index, line in extra:
        lines.insert(index, line)
    path = tmp_path / "mangled.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    _load_anything(path)
