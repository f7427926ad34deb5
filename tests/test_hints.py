"""Hints never come from the bank; the start screen's texts state nothing a question asks;
the article is open only once no question is left (issue 10, points 2 and 3).

The numbers a hint must avoid are collected here independently of `quiz.game.hints`
(figures, hand-written answers, bounds and options, the quiz's options), so a hint
that slips back to a bank's number fails whatever the engine thinks it avoided.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from quiz.questions import default_bank

from quiz.bank.loader import LoadedBank, load_bank
from quiz.bank.numbers import find_numbers, read_number
from quiz.classroom.protocol import QuestionMsg
from quiz.classroom.room import Room
from quiz.game import hints
from quiz.game.generate import Question, Settings, generate
from quiz.game.hints import AWAY, NONE, examples
from quiz.game.scoring import ChoiceAnswer, read_answer
from quiz.game.session import ARTICLE_CLOSED, Session, article_open
from quiz.game.start_texts import MASK, mask, start_texts

BANKS = Path(__file__).parent / "banks"
ALL_BANKS = [
    default_bank(),
    BANKS / "valid" / "ukraine-sample.toml",
    BANKS / "march" / "march.toml",
]
SEEDS = range(0, 200, 7)
OLD_EXAMPLES = ("7.8m", "7,800,000", "40k", "15-30 million", "50,000-200,000", "15m")


def forbidden(loaded: LoadedBank, questions: list[Question]) -> list[float]:
    """The bank's figures, ranges, hand-written answers and options, the quiz's options."""
    numbers: list[float] = []
    for figure in loaded.bank.figures.values():
        numbers += figure.bounds
    for written in loaded.bank.questions:
        numbers += [float(v) for v in (written.answer, written.low, written.high) if _num(v)]
        for option in written.options or []:
            numbers += [n for r in find_numbers(option) for n in (r.low, r.high)]
    for question in questions:
        numbers += [n for n in (question.low, question.high) if n is not None]
        for option in question.options:
            reading = read_number(option, units=question.unit_words)
            numbers += [reading.low, reading.high] if reading else []
    return numbers


def _num(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def shown_numbers(text: str) -> list[float]:
    """Every number a player reads in a hint, a range's middle included."""
    numbers = []
    for reading in find_numbers(text):
        numbers += [reading.low, reading.high, (reading.low * reading.high) ** 0.5]
    return numbers


def near(value: float, numbers: list[float]) -> float | None:
    return next((n for n in numbers if n > 0 and n / AWAY <= value <= n * AWAY), None)


@pytest.fixture(scope="module", params=ALL_BANKS, ids=lambda p: p.stem)
def any_bank(request: pytest.FixtureRequest) -> LoadedBank:
    return load_bank(request.param)


@pytest.mark.parametrize("count", [5, 10, 20])
def test_no_hint_is_within_a_factor_1_5_of_a_bank_or_quiz_number(
    any_bank: LoadedBank, count: int
) -> None:
    for seed in SEEDS:
        questions = generate(any_bank, Settings(count=count, seed=seed))
        hint = examples(any_bank, questions)
        avoid = forbidden(any_bank, questions)
        for text in (hint.placeholder, hint.typed, hint.bounds):
            for value in shown_numbers(text):
                assert near(value, avoid) is None, (seed, text, value, near(value, avoid))


def test_hints_are_of_the_banks_own_scale(any_bank: LoadedBank) -> None:
    """Never "6.4-12.8 billion" beside soldier counts: every example is within x10 of the
    bank's smallest and largest figures (found here from the figures, not the engine)."""
    middles = [(f.bounds[0] * f.bounds[1]) ** 0.5 for f in any_bank.bank.figures.values()]
    lowest, highest = min(middles) / 10, max(middles) * 10
    shown = 0
    for seed in SEEDS:
        for count in (5, 10, 20):
            hint = examples(any_bank, generate(any_bank, Settings(count=count, seed=seed)))
            for text in (hint.placeholder, hint.typed, hint.bounds):
                for value in shown_numbers(text):
                    shown += 1
                    assert lowest <= value <= highest, (seed, count, text, value)
    assert shown  # the examples had numbers to check


def test_hints_show_every_input_style_and_read_as_numbers(any_bank: LoadedBank) -> None:
    hint = examples(any_bank, generate(any_bank, Settings(seed=3)))
    assert re.fullmatch(r"[\d.]+(k|m|bn)", hint.short), hint.short
    assert re.fullmatch(r"\d{1,3}(,\d{3})+", hint.digits), hint.digits
    assert re.fullmatch(r"about [\d.]+(k|m|bn)", hint.about), hint.about
    assert re.fullmatch(r"[\d.]+-[\d.]+ (thousand|million|billion)", hint.range), hint.range
    for text in (hint.short, hint.digits, hint.words, hint.about, hint.range, hint.interval):
        assert read_number(text) is not None, text
    assert read_number(hint.range).is_range  # type: ignore[union-attr]  # just read above
    assert read_number(hint.interval).is_range  # type: ignore[union-attr]  # just read above
    for old in OLD_EXAMPLES:
        assert old not in hint.placeholder + hint.typed + hint.bounds


def test_a_bank_with_numbers_at_every_scale_gets_hints_with_no_number(
    shipped: LoadedBank,
) -> None:
    figure = next(iter(shipped.bank.figures.values()))
    crowded = {
        f"f{i}": replace(figure, value=1.2**i, low=None, high=None, ask=None) for i in range(1, 200)
    }
    loaded = replace(shipped, bank=replace(shipped.bank, figures=crowded, questions=[]))
    hint = examples(loaded)
    assert hint is NONE
    assert not re.search(r"\d", hint.placeholder + hint.typed + hint.bounds)
    assert "about" in hint.placeholder and "suffix" in hint.placeholder


def test_a_mistyped_number_is_answered_with_the_engines_examples_only(
    shipped: LoadedBank,
) -> None:
    questions = generate(shipped, Settings(seed=1, kinds=("estimate",)))
    hint = examples(shipped, questions)
    with pytest.raises(ValueError, match=re.escape(hint.typed)):
        read_answer(questions[0], "lots", examples=hint)
    with pytest.raises(ValueError) as refused:
        read_answer(questions[0], "lots")
    assert not re.search(r"\d", str(refused.value).replace("'lots'", ""))


def test_the_classroom_sends_the_host_engines_hints(shipped: LoadedBank) -> None:
    questions = generate(shipped, Settings(seed=2, kinds=("estimate",)))
    room = Room(questions, loaded=shipped)
    sent = room.examples_for(questions[0])
    assert sent == examples(shipped, questions).placeholder
    message = QuestionMsg.of(questions[0], 1, len(questions), 30.0, examples=sent)
    assert message.examples == sent
    assert QuestionMsg.model_validate_json(message.model_dump_json()).examples == sent


# -- the start screen's texts ------------------------------------------------------------


def test_the_shipped_title_and_description_are_masked(shipped: LoadedBank) -> None:
    texts = start_texts(shipped)
    assert texts.article_title == (
        f"Gen. Milley: {MASK} Russian and {MASK} Ukrainian soldiers killed or injured; "
        "'a window' for talks"
    )
    assert texts.description is not None
    assert f"a factor of up to {MASK} because" in texts.description
    # What answers nothing stays: the count of figures and the month.
    assert texts.description.startswith("Ten figures from one news report of November 2022")
    assert texts.title == shipped.bank.bank.title  # no number in it to mask


def test_no_start_text_states_a_number_a_question_asks(any_bank: LoadedBank) -> None:
    """Within x1.5 of a figure or a written estimate's answer gives an estimate away; a
    number in a written option ("9 November") only when stated exactly."""
    texts = start_texts(any_bank)
    shown = " ".join([texts.title, texts.description or "", texts.article_title])
    bank = any_bank.bank
    asked = [n for f in bank.figures.values() for n in f.bounds]
    asked += [float(v) for q in bank.questions for v in (q.answer, q.low, q.high) if _num(v)]
    options = {n for q in bank.questions for o in q.options or [] for n in shown_numbers(o)}
    for reading in find_numbers(shown):
        for value in (reading.low, reading.high):
            assert near(value, asked) is None, (shown, value)
            assert value not in options, (shown, value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Milley's count is 17 times Moscow's", f"Milley's count is {MASK} times Moscow's"),
        ("differ by a factor of about 3", f"differ by a factor of about {MASK}"),
        ("a 12-fold gap", f"a {MASK}-fold gap"),
        ("The retreat from kherson began", f"The retreat from {MASK} began"),
        ("Between 20,000 and 30,000 troops", f"Between {MASK} troops"),
        ("In 1979, 3 soldiers", "In 1979, 3 soldiers"),
        ("on 9 November", f"on {MASK} November"),
        # Number words: the same rule as digits.
        ("A hundred thousand Russian soldiers", f"{MASK} Russian soldiers"),
        ("seventeen times Moscow's count", f"{MASK} times Moscow's count"),
        ("differ by a factor of up to seventeen", f"differ by a factor of up to {MASK}"),
        ("some forty thousand civilians", f"some {MASK} civilians"),
        ("between fifteen and thirty million people", f"between {MASK} people"),
        ("three hundred thousand reservists", f"{MASK} reservists"),
        ("Ten figures from one report", "Ten figures from one report"),
        ("half a million tourists", "half a million tourists"),  # near no figure
    ],
)
def test_mask_hides_ratios_answers_and_figures(
    shipped: LoadedBank, text: str, expected: str
) -> None:
    assert mask(text, shipped) == expected


# -- the article's rule ----------------------------------------------------------------


def test_the_article_opens_only_from_the_last_reveal_on(shipped: LoadedBank) -> None:
    questions = generate(shipped, Settings(count=3, seed=4, kinds=("choice",)))
    session = Session(questions)
    assert not article_open(None)  # no quiz yet: the start screen
    seen = []
    for _ in range(2 * session.total):  # bounded: a walk that stops advancing fails, never hangs
        if session.state == "finished":
            break
        seen.append((session.state, session.position, article_open(session)))
        if session.state == "question":
            session.answer(ChoiceAnswer(0))
        else:
            session.next()
    assert session.state == "finished"
    assert article_open(session)
    assert seen == [
        ("question", 1, False),
        ("reveal", 1, False),
        ("question", 2, False),
        ("reveal", 2, False),
        ("question", 3, False),
        ("reveal", 3, True),
    ]
    assert "after your last answer" in ARTICLE_CLOSED


def test_hints_module_reads_no_bank_through_a_fixed_example() -> None:
    """The old fixed examples (the shipped bank's answers) are gone from the source."""
    source = Path(hints.__file__).read_text(encoding="utf-8")
    code = source.split('"""', 2)[2]  # after the module docstring, which quotes them
    for old in OLD_EXAMPLES:
        assert old not in code


# -- "how many times" questions ------------------------------------------------------------

SCALED = re.compile(r"\d(k|m|bn)\b|thousand|million|billion|\d,\d{3}")
"""How a count is written and a ratio never is ("64k", "460 thousand", "64,000")."""


def _ratios_of(loaded: LoadedBank) -> list[float]:
    """Every ratio of two figures of one measure, worked out here, not by the engine."""
    values: dict[str, list[float]] = {}
    for figure in loaded.bank.figures.values():
        values.setdefault(figure.measure, []).extend(figure.bounds)
    return [a / b for v in values.values() for a in v for b in v if a > b > 0]


def test_a_how_many_times_question_gets_ratio_sized_hints_clear_of_the_bank(
    any_bank: LoadedBank,
) -> None:
    asked = 0
    for seed in SEEDS:
        questions = generate(any_bank, Settings(count=10, seed=seed))
        hint = examples(any_bank, questions)
        avoid = forbidden(any_bank, questions) + _ratios_of(any_bank)
        for question in questions:
            shown = hint.for_question(question)
            if question.unit != "times":
                assert shown == hint
                continue
            asked += 1
            text = " ".join((shown.placeholder, shown.typed, shown.bounds))
            assert not SCALED.search(text), (seed, text)
            for value in shown_numbers(text):
                assert near(value, avoid) is None, (seed, text, value, near(value, avoid))
            if shown.short:
                assert read_number(shown.short, units=question.unit_words) is not None
            else:
                assert "with or without an x" in shown.placeholder
    assert asked, "each test bank asks a 'how many times' question in some quiz"


def _ratio_seed(loaded: LoadedBank) -> int:
    seed = next(
        (
            s
            for s in range(100)
            if generate(loaded, Settings(count=1, kinds=("compare",), seed=s))[0].unit == "times"
        ),
        None,
    )
    assert seed is not None, "no seed in 100 starts with a 'how many times' question"
    return seed


@pytest.mark.parametrize("bank_path", [BANKS / "valid" / "ukraine-sample.toml", default_bank()])
async def test_the_estimate_field_of_a_ratio_question_shows_ratio_examples(
    bank_path: Path, tmp_path: Path
) -> None:
    """ukraine-sample leaves room for a ratio example; the shipped bank's ratios leave
    none, and the field says how to type one instead, with no "e.g."."""
    from quiz.screens.widgets.number_input import NumberInput
    from ui_app import build

    loaded = load_bank(bank_path)
    app = build(loaded, tmp_path, count=1, kinds=("compare",), seed=_ratio_seed(loaded))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one(NumberInput)
        placeholder = field.input.placeholder
        assert not SCALED.search(placeholder), placeholder
        if bank_path == default_bank():
            assert placeholder == "a plain number, with or without an x"
        else:
            assert re.fullmatch(r"e\.g\. [\d.]+x, .*", placeholder), placeholder
        await pilot.press(*"lots", "enter")
        await pilot.pause()
        assert not SCALED.search(field.reading_text), field.reading_text
        assert "x" in field.reading_text, field.reading_text


@pytest.mark.parametrize(
    ("examples", "shown"),
    [
        ("5.8x, 5.8, about 9.1x, 34-51", "e.g. 5.8x, 5.8, about 9.1x, 34-51"),
        (hints.NO_RATIO.placeholder, "a plain number, with or without an x"),
        (NONE.placeholder, hints.NO_EXAMPLE),
    ],
)
def test_the_field_says_e_g_only_before_example_numbers(examples: str, shown: str) -> None:
    """The student app gets the host's words, not its `Examples`: the field itself
    knows "e.g. a plain number" is no example."""
    from quiz.screens.widgets.number_input import NumberInput

    assert NumberInput(examples=examples).placeholder == shown
