"""`quiz draft`: find the figures of an article, for a starter bank the author finishes.

One figure per count the article states, digits or words ("5,937 soldiers", "between 15
and 30 million people", "two million refugees"). For each:

- the quote is the clause that states it (the sentence cut at commas, semicolons, colons
  and dashes), widened to the next clause when it holds fewer than three words besides
  the number, so that it passes the provenance check;
- the value or range is what the number reader reads there;
- the unit is the first lower-case word after the number, skipping words such as "or
  so" and capitalised adjectives ("15,000 Soviet soldiers" counts soldiers); "percent"
  or "%" makes a percentage, "times" a ratio, "degrees" a temperature;
- the source is guessed from attribution in the sentence: "according to X", "X said",
  "X reported", "X noted", "X added", "said X", "X was cited as saying"; "he" or "she"
  points back at the last source named. Sources are keyed by their last word, so "Gen.
  Mark Milley" and "Gen. Milley" are one source. Without attribution the figure goes to
  a source the author must name or mark as the article's own reporting;
- "about", "some", "nearly", "or so" make it approximate.

Left out, because they are not counts a reader estimates: years ("in 2022", "between 1979
and 1989": four bare digits from 1000 to 2999), dates ("February 24", "24 February"),
ages ("aged 45", "45-year-old", "45 years old"), durations ("three weeks", "10 years")
and the second number of a proportion ("one in five").
`ask` and `explain` are left for the author as comments: a figure without `ask` is never
asked about, so the draft passes `quiz check` as written without an invented explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.bank.numbers import NumberReading, find_numbers

__all__ = ["DraftFigure", "find_figures"]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_TIME_UNITS = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|centurie)s?"
_BEFORE_DATE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_AFTER_DATE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_AFTER_TIME = re.compile(rf"^[\s-]*(?:{_TIME_UNITS})\b", re.IGNORECASE)
_BEFORE_AGE = re.compile(r"\b(?:aged|age of|ages of|age)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^[12][0-9]{3}$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
_CLAUSE_MARK = re.compile(r",\s|;\s|:\s|\s[—–-]\s|\s\(|\)\s")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_APPROXIMATE = re.compile(
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|an estimated|estimated)\s*$",
    re.IGNORECASE,
)
_SKIPPED = frozenset({"or", "so", "more", "than", "of", "the", "a", "an", "some", "about", "and"})
# Words that end a number's phrase without naming what it counts ("15,000 before the race",
# "38 were taken"): the draft then leaves the unit for the author.
_NOT_A_UNIT = frozenset(
    [
        "before",
        "after",
        "since",
        "until",
        "when",
        "while",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "from",
        "with",
        "per",
        "each",
        "were",
        "was",
        "is",
        "are",
        "be",
        "been",
        "had",
        "has",
        "have",
        "did",
        "do",
        "does",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "took",
        "take",
        "came",
        "come",
        "went",
        "go",
        "said",
        "say",
        "says",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
        "it",
        "they",
    ]
)
_VERBS = (
    r"said|says|reported|reports|noted|notes|added|adds|estimated|estimates|announced"
    r"|told|declared|counted|counts|claimed that|claims that|puts? (?:it|the(?: \w+){1,4}) at"
    r"|was cited|were cited|was quoted|were quoted"
)
_ATTRIBUTED = re.compile(rf"\b(?:has |have |had |also |later |then )*(?:{_VERBS})\b")
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_SAID_AFTER = re.compile(r"\b(?:said|says|according to)\s+(?P<name>(?:[A-Z][\w'’.-]*\s?)+)")
_PRONOUN = re.compile(r"^(?:he|she|they|it)$", re.IGNORECASE)
_SPEAKER = re.compile(r"^(?:we|i|you)$", re.IGNORECASE)
# Where one sentence gives two sources' numbers: "X said 250,000, while Y put it at 90,000".
_CONTRAST = re.compile(r",\s+(?:while|whereas|but)\s+|;\s+")
_LOWER_SUBJECT = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}$")
_UNIT_KINDS = frozenset(
    {
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "m",
        "cm",
        "mm",
        "feet",
        "kg",
        "kilograms",
        "tonnes",
        "tons",
        "pounds",
        "euros",
        "dollars",
        "pence",
        "cents",
        "hectares",
        "acres",
        "litres",
        "liters",
        "hours",
        "minutes",
        "kilowatts",
        "megawatts",
    }
)
_CAPITALISED = re.compile(
    r"(?:(?:the|The)\s)?(?:[A-Z][\w'’.-]*)(?:\s(?:of\s|the\s)*[A-Z][\w'’.-]*)*"
)
_KIND_OF_UNIT = {
    "percent": "percentage",
    "per cent": "percentage",
    "%": "percentage",
    "times": "ratio",
    "degrees": "temperature",
}


@dataclass(frozen=True)
class DraftFigure:
    """A count found in the article: the quote that states it and what the draft guessed."""

    quote: str
    low: float
    high: float
    unit: str | None
    """The noun after the number ("soldiers"), or None when no noun follows."""
    counts: str
    """The words from the number to its noun ("Ukrainian soldiers")."""
    kind: str
    source: str | None
    """The attribution found ("Gen. Mark Milley"), or None."""
    approximate: bool
    start: int
    """Where the number stands in the article."""


def find_figures(article: str, language: str = "en") -> list[DraftFigure]:
    """Every count the article states, in order, with its quote, unit and guessed source."""
    figures: list[DraftFigure] = []
    last_source: str | None = None
    for start, end in _sentences(article):
        sentence = article[start:end]
        named = _resolve(_attribution(sentence), last_source)
        parts = [0, *(m.end() for m in _CONTRAST.finditer(sentence)), len(sentence)]
        found = [r for r in find_numbers(sentence, language) if not _left_out(sentence, r)]
        for reading in found:
            part = max(p for p in parts[:-1] if p <= reading.start)
            following = min(p for p in parts[1:] if p > reading.start)
            own = _resolve(_attribution(sentence[part:following]), last_source)
            unit, counts = _unit(sentence[reading.end :])
            quote = _clause(sentence, reading)
            kind = _KIND_OF_UNIT.get((unit or "").lower(), "count")
            if (unit or "").lower() in _UNIT_KINDS:
                kind = "amount"
            figures.append(
                DraftFigure(
                    quote=quote,
                    low=reading.low,
                    high=reading.high,
                    unit=unit,
                    counts=counts or (unit or "people"),
                    kind=kind,
                    source=own if own is not None else named,
                    approximate=bool(_APPROXIMATE.search(sentence[: reading.start]))
                    or sentence[reading.end :].lstrip().lower().startswith("or so"),
                    start=start + reading.start,
                )
            )
        if named is not None:
            last_source = named
    return figures


def _resolve(name: str | None, last: str | None) -> str | None:
    """ "he" or "she" is the last source named; "we" or "I" in a quotation is nobody yet."""
    if name is None or _SPEAKER.match(name):
        return None
    return last if _PRONOUN.match(name) else name


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a full stop after a short capitalised word ("Gen.",
    "U.S.", "Mr.") does not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for mark in _SENTENCE_END.finditer(text):
        before = text[start : mark.start() + 1].split()
        last = before[-1] if before else ""
        if mark.group().startswith(".") and _abbreviation(last):
            continue
        spans.append((start, mark.start() + 1))
        start = mark.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans if a < b]


def _abbreviation(word: str) -> bool:
    core = word.rstrip(".")
    return bool(core) and core[0].isupper() and (len(core) <= 3 or "." in core)


def _left_out(sentence: str, reading: NumberReading) -> bool:
    """Years, dates, ages and durations: numbers a bank does not ask about."""
    written = sentence[reading.start : reading.end]
    before, after = sentence[: reading.start], sentence[reading.end :]
    parts = re.split(r"\s*(?:and|to|-|–|—)\s*", written)
    if all(_YEAR.match(part.strip()) for part in parts if part.strip()):
        return True
    if _BEFORE_DATE.search(before) or _AFTER_DATE.match(after.lstrip(" ,")):
        return True
    if _BEFORE_AGE.search(before) or re.match(r"^[\s-]*years?[\s-]*old\b", after):
        return True
    if re.search(r"\b(?:one|a|[0-9]+)\s+(?:in|out of)\s+$", before, re.IGNORECASE):
        return True  # "one in five": a proportion, which no count states
    return bool(_AFTER_TIME.match(after) or re.match(r"^-year-old", after))


def _unit(after: str) -> tuple[str | None, str]:
    """The noun a number counts and the words up to it: "or so civilians" -> civilians."""
    stripped = after.lstrip()
    if stripped.startswith("%"):
        return "%", "percent"
    words: list[str] = []
    for match in _WORD.finditer(after[:80]):
        if re.search(r"[,;:()]", after[: match.start()]):
            break  # the number's phrase ended before this word
        word = match.group().rstrip(".")
        if word.lower() in ("percent", "per") and not words:
            return "percent", "percent"
        if word[0].isupper():
            words.append(word)
            continue
        if word.lower() in _NOT_A_UNIT:
            break
        if word.lower() in _SKIPPED:
            if word.lower() == "and" or len(words) > 3:
                break
            continue
        words.append(word)
        return word, " ".join(words)
    return None, ""


def _clause(sentence: str, reading: NumberReading) -> str:
    """The clause of `sentence` that holds the reading, widened until it has three words
    besides the number; trimmed of the joining words and punctuation at its ends."""
    cuts = [0]
    for mark in _CLAUSE_MARK.finditer(sentence):
        if not (reading.start < mark.end() and mark.start() < reading.end):
            cuts.append(mark.start() + (1 if mark.group()[0] in ",;:)" else 0))
    cuts.append(len(sentence))
    cuts = sorted(set(cuts))
    left = max(c for c in cuts if c <= reading.start)
    right = min(c for c in cuts if c >= reading.end)
    while True:
        quote = _trim(sentence[left:right])
        if _words_besides(quote) >= 3 or (left == 0 and right == len(sentence)):
            return quote
        later = [c for c in cuts if c > right]
        earlier = [c for c in cuts if c < left]
        if later:
            right = later[0]
        elif earlier:
            left = earlier[-1]
        else:
            return quote


def _trim(text: str) -> str:
    text = text.strip(" ,;:()\"“”‘’'\n\t")
    text = re.sub(r"^(?:and|but|while|so|which|who|when)\s+", "", text, flags=re.IGNORECASE)
    return text.rstrip(".!?").strip()


def _words_besides(quote: str) -> int:
    return len([w for w in _WORD.findall(quote) if not any(c.isdigit() for c in w)])


def _attribution(sentence: str) -> str | None:
    """Who the sentence says gave its numbers, as written, or None."""
    according = _ACCORDING.search(sentence)
    if according:
        return _name_at(sentence[according.end() :])
    said = _SAID_AFTER.search(sentence)
    if said and not said.group().lower().startswith("according"):
        return _name_at(said.group("name"))
    verb = _ATTRIBUTED.search(sentence)
    if verb:
        name = _name_before(sentence[: verb.start()])
        if name:
            return name
    said = _SAID_AFTER.search(sentence)
    if said:
        return _name_at(said.group("name"))
    return None


def _name_at(text: str) -> str | None:
    """The name a phrase starts with: "Moscow's most recent data" -> "Moscow"."""
    found = _CAPITALISED.match(text)
    if found:
        return _clean(found.group())
    kept: list[str] = []
    for word in text.split()[:5]:
        if re.match(r"^(?:in|on|at|from|for|to|with|that|who|which|and)$", word):
            break
        kept.append(word)
        if word[-1:] in ",.;:":
            break
    phrase = _clean(" ".join(kept))
    return phrase or None


def _name_before(text: str) -> str | None:
    """The subject before an attribution verb, past any appositive in commas:
    "Valeriy Zaluzhniy, the head of the armed forces," -> "Valeriy Zaluzhniy"."""
    segments: list[str] = [str(s).strip(' "“”') for s in re.split(r",\s*", text.strip())]
    for segment in reversed([s for s in segments if s]):
        words = segment.split()
        if len(words) == 1 and (_PRONOUN.match(words[0]) or _SPEAKER.match(words[0])):
            return words[0]
        if _LOWER_SUBJECT.match(segment):
            return _clean(segment)
        found = list(_CAPITALISED.finditer(segment))
        if found and found[-1].end() == len(segment):
            return _clean(found[-1].group())
    return None


def _clean(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip().rstrip(",.;"))
    return re.sub(r"^The\s", "the ", name)


def source_key(name: str) -> str:
    """A source's id: its last word, so "Gen. Mark Milley" and "Gen. Milley" are one."""
    words = re.findall(r"[A-Za-z0-9]+", name)
    return (words[-1].lower() if words else "source")[:64]
