"""What every screen of a quiz states, and which answers that gives away.

A quiz tests what it teaches only if nothing answers a question before it is asked.
This module reads every text the engine shows (a question's prompt and options, its
reveal: every card of the measure, the hand-written explanation, the right answer;
the start screen) and lists the *facts* it states, so selection (`quiz.game.select`)
can order a quiz in which no question's answer was stated before it is answered.

Facts, read from the text itself rather than from what the text is meant to be about,
so an explanation that mentions another figure in passing counts too:

- `v:<figure>`: the text states a number equal to the figure's value (either end of
  a range). Read conservatively: "Milley's 100,000" in one explanation states every
  figure that is 100,000, because a player who read it would answer any of them.
- `s:<figure>`: the text states the figure's value *and* names its source: it tells
  who gave it ("who put X at N?", "which source gave the highest?").
- `w:<n>`: the text holds every content word of hand-written question n's answer
  (word stems; "Kherson", "several weeks", "death toll information").
- numbers: every number stated, and those stated as ratios ("about 17 times"), for
  answers that are numbers of no figure (a ratio, a hand-written estimate).

A question's *secret* is what would give it away: its figure's value (estimate,
choice), who gave its figure (source, which source gave the highest/lowest), its
answer's words (hand-written choice) or its number (ratio, hand-written estimate).
The article screen is not a screen of the quiz: the game opens it only after the last
answer (and from the summary). The start screen masks every number that would give an
answer away (`quiz.game.start_texts`). Hints are made by `quiz.game.hints`, never from
the bank. The reading's vocabulary (stems, numbers, `Facts`, `Secret`) is
`quiz.game.facts`.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable

from quiz.bank.dates import figure_date
from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import find_numbers, spans
from quiz.game.facts import (
    NUMBER_WORDS,
    STOP,
    TIMES,
    VALUE_SLACK,
    WORD,
    Facts,
    Reading,
    Secret,
    digits_of,
    says_a_number_in_words,
    states,
    stems,
)
from quiz.game.question import Question
from quiz.game.spoken import FRACTIONS, spoken_numbers


class Disclosure:
    """The facts of a bank's texts, each text read once.

    A reveal shows every figure of its question's measure(s), and what a card states
    depends on the figure alone: card facts are cached per figure and their union per
    measure, computed on first use (selection tries only some measures), so reading a
    candidate's reveal costs its prompt, options, answer and note, not its cards.

    Cost: a quiz of thousands of questions reads thousands of prompts and cards, so a
    text is read once into a `Reading` that already holds what a screen needs from it
    (the figures whose value it states, the answer stems it holds); a screen's facts
    are then unions of those, with no second pass over its text but a test for the
    sources named beside the values it states. Keys ("v:f1") are made once per figure,
    so their hashes are computed once.
    """

    def __init__(self, loaded: LoadedBank) -> None:
        self.loaded = loaded
        bank = loaded.bank
        self.language = bank.bank.language
        self.english = self.language.split("-")[0].lower() == "en"
        ends: list[tuple[float, str]] = []
        self.bounds = {figure_id: figure.bounds for figure_id, figure in bank.figures.items()}
        self.by_measure: dict[str, list[str]] = {}
        self._value_key: dict[str, str] = {}
        self._source_key: dict[str, str] = {}
        self._source_of: dict[str, int] = {}
        """Figure -> the number of its source's name (sources sharing a name share it)."""
        numbered: dict[str, int] = {}
        for figure_id, figure in bank.figures.items():
            low, high = figure.bounds
            for end in {low, high}:
                ends.append((end, figure_id))
            self.by_measure.setdefault(figure.measure, []).append(figure_id)
            self._value_key[figure_id] = "v:" + figure_id
            self._source_key[figure_id] = "s:" + figure_id
            name = bank.sources[figure.source].name
            self._source_of[figure_id] = numbered.setdefault(name, len(numbered))
        self._names = list(numbered)
        self._folded_names = [name.casefold() for name in numbered]
        self._patterns: dict[int, re.Pattern[str]] = {}
        ends.sort()
        self._ends = [end for end, _ in ends]
        self._end_ids = [(figure_id, end) for end, figure_id in ends]
        # A text gives a hand-written answer away only if it holds all of its stems, so
        # each answer is filed under one of them: a text is checked against the answers
        # filed under its own words, not against every answer of the bank. A text keeps
        # only the stems some answer has: no other stem can state one.
        self.written_stems: list[frozenset[str]] = []
        self._written_by_stem: dict[str, list[int]] = {}
        self._written_key: list[str] = []
        for number, question in enumerate(bank.questions):
            wanted = stems(str(question.answer)) if question.kind == "choice" else frozenset()
            self.written_stems.append(wanted)
            self._written_key.append(f"w:{number}")
            if wanted:
                self._written_by_stem.setdefault(min(wanted), []).append(number)
        self._answer_stems = frozenset().union(*self.written_stems)
        self._texts: dict[str, Reading] = {}
        self._values_of: dict[float, list[str]] = {}
        self._cards: dict[str, Facts] = {}
        self._measures: dict[str, Facts] = {}

    def _valued(self, number: float) -> list[str]:
        """Figures whose value (either end of a range) this number states: a bisection
        over the bank's values, sorted, for those the number's digits could round.
        Remembered per number: a figure's value recurs in its card, its prompts and its
        neighbours' options."""
        found = self._values_of.get(number)
        if found is not None:
            return found
        digits = digits_of(number)
        if number:
            place = math.floor(math.log10(abs(number))) - digits + 1
            width = min(0.5 * 10.0**place, VALUE_SLACK * abs(number))
        else:
            width = 0.0
        start = bisect.bisect_left(self._ends, number - width * (1 + 1e-9))
        stop = bisect.bisect_right(self._ends, number + width * (1 + 1e-9))
        found = [f for f, end in self._end_ids[start:stop] if states(number, end, digits)]
        self._values_of[number] = found
        return found

    def _read(self, text: str) -> Reading:
        """One text read once (a card's role, note or date recurs across figures)."""
        found = self._texts.get(text)
        if found is not None:
            return found
        words = WORD.findall(text.casefold())
        present = frozenset(words)
        # The full word reader costs about a millisecond a text (and its import is kept
        # off the game's first screen): an English text is read for digits, and for
        # words by `quiz.game.spoken` when it holds a number word (a fraction, rare,
        # goes to the full reader).
        if self.english and FRACTIONS.isdisjoint(present):
            readings = [(r[0], r[1], r[3]) for r in spans(text)]
            if not NUMBER_WORDS.isdisjoint(present) and says_a_number_in_words(words):
                readings += spoken_numbers(text)
        else:
            readings = [(r.low, r.high, r.end) for r in find_numbers(text, self.language)]
        values: set[str] = set()
        numbers: set[float] = set()
        times: set[float] = set()
        for low, high, end in readings:
            if not (math.isfinite(low) and math.isfinite(high)):
                continue
            numbers.update((low, high))
            if TIMES.match(text, end):
                times.update((low, high))
            for value in (low, high):
                values.update(self._valued(value))
        held: frozenset[str] = frozenset()
        if self._answer_stems:
            answers = self._answer_stems
            held = answers.intersection(
                [w if w.isdigit() else w[:5] for w in present if w not in STOP]
            )
        found = Reading(
            frozenset(values),
            frozenset(numbers),
            frozenset(times),
            held,
        )
        self._texts[text] = found
        return found

    def _pattern(self, source: int) -> re.Pattern[str]:
        """The word-bounded, case-blind search for a source's name (made on first use:
        a quiz names few of a large bank's sources)."""
        pattern = self._patterns.get(source)
        if pattern is None:
            escaped = re.escape(self._names[source])
            pattern = re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)
            self._patterns[source] = pattern
        return pattern

    def facts(self, text: str) -> Facts:
        """The facts one text states."""
        return self._facts_of((text,))

    def _facts_of(self, texts: tuple[str, ...], also: tuple[float, ...] = ()) -> Facts:
        """The facts of texts shown together (one screen, one card): a value states who
        gave it when its source is named anywhere beside it. `also`: numbers shown
        beside the texts without being read from them (a card's value)."""
        readings = [self._read(text) for text in texts]
        if len(readings) == 1 and not also:
            (reading,) = readings
            values, numbers, times, words = (
                reading.values,
                reading.numbers,
                reading.times,
                reading.words,
            )
        else:
            values = frozenset().union(*(r.values for r in readings))
            if also:
                values = values.union(*(self._valued(number) for number in also))
            numbers = frozenset().union(*(r.numbers for r in readings))
            times = frozenset().union(*(r.times for r in readings))
            words = frozenset().union(*(r.words for r in readings))
        value_key, source_key, source_of = self._value_key, self._source_key, self._source_of
        keys = [value_key[f] for f in values]
        if values:
            whole = texts[0] if len(texts) == 1 else "\n".join(texts)
            folded = whole.casefold()
            named: dict[int, bool] = {}
            for figure_id in values:
                source = source_of[figure_id]
                said = named.get(source)
                if said is None:
                    # A plain substring test first: the word-bounded search only when
                    # it may hit. A name is one line (`quiz.bank.fields.Line`), so it is
                    # never found across two of the texts joined here.
                    said = self._folded_names[source] in folded and bool(
                        self._pattern(source).search(whole)
                    )
                    named[source] = said
                if said:
                    keys.append(source_key[figure_id])
        for word in words:
            for number in self._written_by_stem.get(word, ()):
                if self.written_stems[number] <= words:
                    keys.append(self._written_key[number])
        return Facts(frozenset(keys), numbers, times)

    def card(self, figure_id: str) -> Facts:
        """What a figure's card states, as the reveal shows it (`quiz.game.explain.card`:
        source, role and note, what it counts, the date in words, the value with its
        unit, the quote, the explanation). Read from the same fields and helpers as the
        card, without locating the quote's number (the card's costliest step, which
        states nothing)."""
        found = self._cards.get(figure_id)
        if found is None:
            bank = self.loaded.bank
            figure = bank.figures[figure_id]
            source = bank.sources[figure.source]
            texts = (
                source.name,
                source.role or "",
                source.note or "",
                figure.counts,
                figure_date(figure.as_of, bank.article.published) or "",
                figure.unit.plural,
                figure.quote,
                figure.explain or "",
            )
            # The value line ("Gen. Mark Milley: about 100,000 soldiers") states the
            # figure's bounds beside its source's name: read from the bounds (its words
            # are the unit's, read above), it states its value and who gave it, and any
            # other figure of the same value (and source, when named on the card).
            low, high = figure.bounds
            value = Facts(
                frozenset({"v:" + figure_id, "s:" + figure_id}),
                numbers=frozenset({low, high}),
            )
            found = self._facts_of(texts, also=(low, high)) | value
            self._cards[figure_id] = found
        return found

    def measure(self, measure: str) -> Facts:
        """What the cards of every figure of a measure state together."""
        found = self._measures.get(measure)
        if found is None:
            found = Facts()
            for figure_id in self.by_measure.get(measure, ()):
                found = found | self.card(figure_id)
            self._measures[measure] = found
        return found

    def asked(self, question: Question) -> Facts:
        """What the question's screen states before it is answered: prompt and options."""
        return self._facts_of((question.prompt, "\n".join(question.options)))

    def revealed(self, question: Question) -> Facts:
        """What its screens state by the end of its reveal: the question, its right
        answer, its explanation, and every card of its measure(s), as
        `quiz.game.explain.explain` lays them out."""
        return self.own(question) | self.shown_by(question.figure_ids)

    def own(self, question: Question) -> Facts:
        """What its screens state besides the cards: prompt, options, right answer and
        explanation (the cards' facts are the measures', `shown_by`)."""
        # The options are read as one text: fewer, longer reads.
        texts = (question.prompt, "\n".join(question.options), question.explain or "")
        ratio = self._ratio_measure(question)
        if ratio is None:
            return self._facts_of((*texts, question.answer_text))
        assert question.low is not None and question.high is not None
        ends = frozenset({question.low, question.high})
        return self._facts_of(texts) | Facts(
            numbers=ends, ratios=frozenset((n, ratio) for n in ends)
        )

    def _ratio_measure(self, question: Question) -> str | None:
        """The measure of a generated "how many times" question, else None."""
        if question.kind != "compare" or not question.is_numeric:
            return None
        return self.loaded.bank.figures[question.figure_ids[0]].measure

    def shown_by(self, figure_ids: Iterable[str]) -> Facts:
        """What the cards of a reveal about these figures state: every figure of their
        measures (cached per measure)."""
        facts = Facts()
        for measure in self.measures_of(figure_ids):
            facts = facts | self.measure(measure)
        return facts

    def measures_of(self, figure_ids: Iterable[str]) -> list[str]:
        """The measures a reveal about these figures shows, in order."""
        figures = self.loaded.bank.figures
        return list(dict.fromkeys(figures[f].measure for f in figure_ids if f in figures))

    def secret(self, question: Question) -> Secret:
        """What would give this question's answer away."""
        if question.kind == "written":
            number = int(question.id.split(":")[1]) - 1
            if not question.is_numeric:
                return Secret(frozenset({f"w:{number}"}))
            return Secret(low=question.low, high=question.high)
        ratio = self._ratio_measure(question)
        if ratio is not None:
            return Secret(low=question.low, high=question.high, times_only=True, measure=ratio)
        (figure_id, *_) = question.figure_ids
        # Estimate and choice ask for the value; "who put X at N" and "which source gave
        # the highest/lowest" ask who gave the figure.
        prefix = "v:" if question.kind in ("estimate", "choice") else "s:"
        return Secret(frozenset({prefix + figure_id}))


_last: list[Disclosure] = []
"""The last bank's model (the bank itself is kept and compared by identity: an id()
can be reused by a later bank)."""


def disclosure_of(loaded: LoadedBank) -> Disclosure:
    """The disclosure model of a loaded bank, kept while the same bank is used: every
    fact is a function of the bank alone, so a second quiz from it (a class, "play
    again", a benchmark of many seeds) reads none of the texts the first one read,
    and its cards cost nothing. One bank at a time, as `quiz.game.coverage` keeps its
    groups, so a long-lived process that loads many banks keeps no more than one."""
    for known in _last:
        if known.loaded is loaded:
            return known
    made = Disclosure(loaded)
    _last[:] = [made]
    return made
