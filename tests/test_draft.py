"""`quiz draft`: one figure per count in an article, a bank that checks as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.draft import find_figures
from quiz.bank.loader import LoadedBank, load_bank
from quiz.bank.provenance import states
from quiz.cli.main import main

SHIPPED_ARTICLE = (
    Path(__file__).resolve().parent.parent / "questions" / "ukraine-war-casualties.txt"
)

# An article the tests invent: numbers in words, percentages, lengths, attribution of
# every kind, and numbers a bank must not ask about (years, dates, ages, durations).
INVENTED = """\
Marchers fill Riverton

About two million people watched the march on television, according to the city's \
broadcaster. The organisers said 250,000 people walked the 4.5 km route on 14 March 2024, \
while the police put the crowd at between 90,000 and 110,000.

Police made 12 arrests, a spokesman said. A 45-year-old man, aged 45, was held for three \
days. Half a million leaflets were printed, the printers reported. Turnout was 38% in the \
last election in 2019, up from 1998.

"We counted a dozen buses," said Ana Lima, who has marched every year since 2010. She \
added that 1,400 volunteers helped.
"""


def _draft(article: str, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "article.txt"
    path.write_text(article, encoding="utf-8")
    assert main(["draft", str(path)]) == 0
    bank = path.with_suffix(".toml")
    return bank, bank.read_text(encoding="utf-8")


def test_the_draft_of_the_shipped_article_finds_every_figure_of_the_shipped_bank(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    text = SHIPPED_ARTICLE.read_text(encoding="utf-8")
    found = find_figures(text)
    for figure_id, figure in shipped.bank.figures.items():
        low, high = figure.bounds
        same = [f for f in found if (f.low, f.high) == (low, high)]
        assert same, f"{figure_id}: {low}-{high} not found"
        # Each has a quote that states the number and occurs in the article.
        assert all(states(f.quote, low, high) and f.quote in text for f in same)
    # One figure per count: exactly the shipped bank's values, nothing more.
    assert sorted((f.low, f.high) for f in found) == sorted(
        f.bounds for f in shipped.bank.figures.values()
    )
    # No year ("between 1979 and 1989") and no date ("February 24") is proposed.
    assert not any(1000 <= f.low <= 2999 and f.low == int(f.low) for f in found)
    assert not any(f.low == 24 for f in found)


def test_the_draft_of_the_shipped_article_guesses_the_named_sources(tmp_path: Path) -> None:
    by_value = {f.low: f for f in find_figures(SHIPPED_ARTICLE.read_text(encoding="utf-8"))}
    assert by_value[5937].source == "Moscow"
    assert by_value[9000].source == "Valeriy Zaluzhniy"
    assert by_value[7.8e6].source == "the UN"
    assert by_value[40_000].source == "Gen. Mark Milley"
    assert by_value[15e6].source == "Gen. Milley"  # "He added": the last source named
    assert by_value[15_000].source is None  # "it was estimated": nobody named
    assert by_value[40_000].approximate  # "40,000 or so"
    assert (by_value[9000].unit, by_value[9000].counts) == ("soldiers", "Ukrainian soldiers")


def test_the_drafted_shipped_bank_passes_quiz_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank, text = _draft(SHIPPED_ARTICLE.read_text(encoding="utf-8"), tmp_path)
    loaded = load_bank(bank, use_cache=False)
    assert len(loaded.bank.figures) == 10
    assert {s.name for s in loaded.bank.sources.values()} >= {"Gen. Mark Milley", "Moscow"}
    # ask and explain are for the author: offered as comments, never invented.
    assert all(f.ask is None and f.explain is None for f in loaded.bank.figures.values())
    assert "# ask = " in text and "# explain = " in text
    assert main(["check", str(bank)]) == 0
    assert "ok, 10 figures" in capsys.readouterr().out


def test_an_invented_article(tmp_path: Path) -> None:
    bank, _ = _draft(INVENTED, tmp_path)
    loaded = load_bank(bank, use_cache=False)
    figures = list(loaded.bank.figures.values())
    names = {f.source: loaded.bank.sources[f.source].name for f in figures}
    found = {(f.low, f.high, f.value) for f in figures}
    values = sorted(f.value or f.low or 0 for f in figures)
    # Counts in digits and in words, ranges, a length and a percentage...
    assert values == sorted([2e6, 250_000, 4.5, 90_000, 12, 500_000, 38, 12, 1_400])
    assert (90_000, 110_000, None) in found
    # ...and no year (2024, 2019, 1998, 2010), date (14 March), age (45) or duration (three).
    assert not {2024.0, 2019.0, 1998.0, 2010.0, 14.0, 45.0, 3.0} & set(values)
    by_value = {f.value or f.low: f for f in figures}
    assert names[by_value[2e6].source] == "the city's broadcaster"  # "according to" it
    assert names[by_value[250_000].source] == "the organisers"
    assert names[by_value[90_000].source] == "the police"  # "..., while the police put"
    assert names[by_value[500_000].source] == "the printers"
    assert names[by_value[1_400].source] == "Ana Lima"  # "She added": the last source named
    assert by_value[2e6].approximate
    km = by_value[4.5]
    assert km.unit.plural == "km" and km.value == 4.5 and km.kind == "amount"
    percent = by_value[38]
    assert percent.kind == "percentage" and percent.unit.abbreviation == "%"
    assert by_value[12].unit.plural in ("arrests", "buses")


def test_a_bank_written_elsewhere_gets_a_copy_of_its_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "in" / "story.txt"
    article.parent.mkdir()
    article.write_text(INVENTED, encoding="utf-8")
    out = tmp_path / "banks" / "march.toml"
    assert main(["draft", str(article), "-o", str(out)]) == 0
    assert (tmp_path / "banks" / "march.txt").read_text(encoding="utf-8") == INVENTED
    load_bank(out, use_cache=False)
    said = capsys.readouterr().out
    assert "article copied to" in said and f"quiz check {out}" in said


def test_an_existing_bank_is_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank, _ = _draft(INVENTED, tmp_path)
    bank.write_text("mine", encoding="utf-8")
    assert main(["draft", str(tmp_path / "article.txt")]) == 1
    assert "already exists" in capsys.readouterr().err
    assert bank.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"\xff\xfe bad", "expected UTF-8 text"), (None, "found none")],
)
def test_an_unreadable_article_gets_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, words: str
) -> None:
    path = tmp_path / "a.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["draft", str(path)]) == 1
    assert words in capsys.readouterr().err


def test_an_article_without_counts_still_gives_a_bank_that_checks(tmp_path: Path) -> None:
    # Nothing to ask about: the draft says so, and still checks as written once a figure
    # exists; with none, `quiz check` asks for one (figures are required).
    path = tmp_path / "empty.txt"
    path.write_text("Nothing happened in 2020.\n", encoding="utf-8")
    main(["draft", str(path)])
    text = path.with_suffix(".toml").read_text(encoding="utf-8")
    assert "found no counts" in text
