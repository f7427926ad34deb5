"""Explanations: cards for every figure of the measure, the number located in each
quote, the log-scale chart with the guess (drawn where `quiz.present.chart` says it
belongs), and quotes located in the article."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import read_number
from quiz.bank.provenance import normalise
from quiz.game.explain import article_highlights, explain
from quiz.game.generate import Question, all_questions
from quiz.game.scoring import ChoiceAnswer, IntervalAnswer, NumberAnswer
from quiz.present.chart import player_chart


def _questions(bank: LoadedBank) -> dict[str, Question]:
    return {q.id: q for q in all_questions(bank)}


def _figure_of(bank: LoadedBank, source_name: str) -> str:
    """The id of the (first) figure given by the source of that name."""
    for figure_id, figure in bank.bank.figures.items():
        if bank.bank.sources[figure.source].name == source_name:
            return figure_id
    raise AssertionError(f"no figure from {source_name}")


def test_moscow_estimate_shows_every_figure_of_its_measure(shipped: LoadedBank) -> None:
    moscow = _figure_of(shipped, "Moscow")
    measure = shipped.bank.figures[moscow].measure
    same_measure = [f for f, fig in shipped.bank.figures.items() if fig.measure == measure]
    question = _questions(shipped)[f"estimate:{moscow}"]
    explanation = explain(shipped, question)

    cards = explanation.cards
    assert cards[0].figure_id == moscow
    assert sorted(c.figure_id for c in cards) == sorted(same_measure)
    assert [c.is_answer for c in cards] == [True] + [False] * (len(cards) - 1)
    assert "Gen. Mark Milley" in {c.source for c in cards}
    rest = [shipped.bank.figures[c.figure_id].middle for c in cards[1:]]
    assert rest == sorted(rest), "figures other than the answer read by value"

    first = cards[0]
    figure = shipped.bank.figures[moscow]
    assert first.source == "Moscow"
    assert first.role == shipped.bank.sources[figure.source].role
    assert (first.counts, first.as_of, first.explain) == (
        figure.counts,
        "September 2022",  # as_of = "2022-09", in words
        figure.explain,
    )
    assert first.value_text == f"5,937 {figure.unit.plural}"  # with its unit

    assert all(p.kind != "guess" for p in explanation.chart)
    points = player_chart(question, explanation, NumberAnswer(20_000, "20k"))
    assert [p.kind for p in points].count("guess") == 1
    guess = next(p for p in points if p.kind == "guess")
    assert (guess.low, guess.high) == (20_000, 20_000)
    answer_points = [p for p in points if p.kind == "answer"]
    assert [(p.label, p.low) for p in answer_points] == [("Moscow", figure.bounds[0])]
    assert len(points) == len(cards) + 1


@pytest.mark.parametrize("bank_name", ["shipped", "second_bank"])
def test_every_card_marks_its_number_in_the_quote(
    request: pytest.FixtureRequest, bank_name: str
) -> None:
    bank: LoadedBank = request.getfixturevalue(bank_name)
    for question in all_questions(bank):
        for card in explain(bank, question).cards:
            marked = card.quote[card.number_start : card.number_end]
            reading = read_number(marked)
            assert reading is not None, (card.figure_id, marked)
            figure = bank.bank.figures[card.figure_id]
            assert (reading.low, reading.high) == pytest.approx(figure.bounds)


def test_range_figures_mark_the_whole_range(second_bank: LoadedBank) -> None:
    question = _questions(second_bank)["estimate:storm-cost-insurers"]
    explanation = explain(second_bank, question)
    cards = explanation.cards
    insurers = cards[0]
    assert insurers.quote[insurers.number_start : insurers.number_end] == "40 and 60 million"
    assert insurers.value_text == "about 40 million–60 million euros"  # approximate, unit
    assert {c.figure_id for c in cards} == {"storm-cost-insurers", "storm-cost-mayor"}
    chart = player_chart(question, explanation, IntervalAnswer(1e7, 5e7))
    assert chart[-1].kind == "guess" and (chart[-1].low, chart[-1].high) == (1e7, 5e7)


def test_compare_questions_explain_both_figures_and_leave_the_ratio_off_the_chart(
    shipped: LoadedBank,
) -> None:
    ratios = [q for q in all_questions(shipped) if q.kind == "compare" and q.is_numeric]
    for question in ratios:
        explanation = explain(shipped, question)
        answered = [c.figure_id for c in explanation.cards if c.is_answer]
        assert answered == list(question.figure_ids)
        chart = player_chart(question, explanation, NumberAnswer(3))
        assert chart and all(p.kind != "guess" for p in chart)


def test_source_and_choice_questions_show_the_measure_without_a_guess(
    second_bank: LoadedBank,
) -> None:
    questions = _questions(second_bank)
    for question_id in ("source:population-stats", "choice:population-stats"):
        question = questions[question_id]
        explanation = explain(second_bank, question)
        assert [c.figure_id for c in explanation.cards] == ["population-stats", "population-mayor"]
        chart = player_chart(question, explanation, ChoiceAnswer(0))
        assert [p.kind for p in chart] == ["answer", "figure"]


def test_written_questions_carry_their_note(second_bank: LoadedBank) -> None:
    written = [q for q in all_questions(second_bank) if q.kind == "written"]
    for question, source in zip(written, second_bank.bank.questions, strict=True):
        explanation = explain(second_bank, question)
        assert explanation.note == source.explain
        if source.figure is None:
            assert explanation.cards == ()
        else:
            assert explanation.cards[0].figure_id == source.figure
    numeric = next(q for q in written if q.is_numeric)
    chart = player_chart(numeric, explain(second_bank, numeric), NumberAnswer(5e7))
    assert [(p.kind, p.low, p.high) for p in chart] == [
        ("answer", numeric.low, numeric.high),
        ("guess", 5e7, 5e7),
    ]


@pytest.mark.parametrize("bank_name", ["shipped", "second_bank"])
def test_article_highlights_locate_every_quote(
    request: pytest.FixtureRequest, bank_name: str
) -> None:
    bank: LoadedBank = request.getfixturevalue(bank_name)
    spans = article_highlights(bank)
    assert spans == sorted(spans)
    assert sorted(f for _, _, f in spans) == sorted(bank.bank.figures)
    for start, end, figure_id in spans:
        shown = bank.article_text[start:end]
        assert normalise(shown) == normalise(bank.bank.figures[figure_id].quote)
        assert not shown[0].isspace() and not shown[-1].isspace()


def test_article_highlights_survive_typographic_differences(second_bank: LoadedBank) -> None:
    """Case, runs of whitespace, line breaks and no-break spaces in the article still map
    to exact positions in the original text."""
    changed = "The City of  Riverton\nnow has 412,000\u00a0residents"
    article = second_bank.article_text.replace(
        "The city of Riverton now has 412,000 residents", changed
    )
    assert changed in article
    bank = LoadedBank(second_bank.bank, second_bank.path, article, second_bank.digest)
    spans = {f: (s, e) for s, e, f in article_highlights(bank)}
    start, end = spans["population-mayor"]
    assert article[start:end] == changed
    # Every later quote moved by the same few characters and is still found exactly.
    for figure_id, (start, end) in spans.items():
        quote = second_bank.bank.figures[figure_id].quote
        assert normalise(article[start:end]) == normalise(quote)


@pytest.mark.parametrize("bank_name", ["shipped", "second_bank"])
def test_the_word_index_finds_what_a_scan_finds(
    request: pytest.FixtureRequest, bank_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large banks search through a word index; it must agree with a plain scan."""
    import quiz.bank.provenance

    bank: LoadedBank = request.getfixturevalue(bank_name)
    scanned = article_highlights(bank)
    monkeypatch.setattr(quiz.bank.provenance, "_INDEX_ABOVE", 0)
    assert article_highlights(bank) == scanned


@pytest.mark.parametrize("indexed", [False, True])
def test_article_highlights_skip_a_quote_cut_out_of_a_longer_number(
    second_bank: LoadedBank, indexed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader accepts "7,000 workers left" only where it stands whole, so the
    highlight must not land on "37,000 workers left" earlier in the article."""
    import quiz.bank.provenance

    if indexed:
        monkeypatch.setattr(quiz.bank.provenance, "_INDEX_ABOVE", 0)
    figure_id, figure = next(iter(second_bank.bank.figures.items()))
    article = "In 2020, 37,000 workers left the city. In 2021, 7,000 workers left again."
    figures = {figure_id: replace(figure, quote="7,000 workers left")}
    bank = replace(second_bank.bank, figures=figures)
    loaded = LoadedBank(bank, second_bank.path, article, second_bank.digest)
    [(start, end, found)] = article_highlights(loaded)
    assert found == figure_id
    assert (start, end) == (article.index("In 2021") + 9, article.index(" again"))
