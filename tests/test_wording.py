"""How generated questions are worded: templates, capitals, the author's own prompts,
and sources with no name kept out of "who said it"."""

from __future__ import annotations

from pathlib import Path
from string import Formatter

import pytest

from quiz.bank.loader import LoadedBank, load_bank
from quiz.errors import BankError
from quiz.game.generate import Question, all_questions
from quiz.game.wording import TEMPLATES, capitalised, fill

ARTICLE = """\
The organisers said 250,000 people joined the march, while the police counted 60,000 and \
a university team that studied aerial photographs put the crowd at about 110,000. \
Police made 12 arrests during the day. It was estimated that 4,000 people watched from \
the bridges.
"""

BANK = """\
format = 1

[bank]
id = "march"
title = "The march"

[article]
title = "A march through the city"
text_file = "march.txt"

[sources.organisers]
name = "the organisers"

[sources.police]
name = "the police"

[sources.university]
name = "the university's team"
role = "Researchers who counted heads on aerial photographs"

[sources.reporting]
name = "the article's own reporting"
named = false

[sources.estimate]
name = "an unattributed estimate"
named = false

[figures.crowd-organisers]
source = "organisers"
measure = "crowd"
counts = "the crowd at the march"
value = 250_000
as_of = 2024
quote = "The organisers said 250,000 people joined the march"
ask = "How many people joined the march, by the organisers' count?"
explain = "Organisers count everyone who joined at any point."

[figures.crowd-police]
source = "police"
measure = "crowd"
counts = "the crowd at the march"
value = 60_000
as_of = 2024
quote = "the police counted 60,000"
ask = "How many people joined the march, by the police count?"
explain = "The police count the crowd at its peak."

[figures.crowd-university]
source = "university"
measure = "crowd"
counts = "the crowd at the march"
value = 110_000
approximate = true
as_of = 2024
quote = "put the crowd at about 110,000"
ask = "How many people joined the march, by the university team's count?"
explain = "Heads counted on aerial photographs."

[figures.arrests]
source = "reporting"
measure = "arrests"
counts = "arrests during the march"
unit = "arrests"
value = 12
as_of = 2024
quote = "Police made 12 arrests during the day"
ask = "How many arrests did the police make?"
explain = "The article's own report of the day."

[figures.watchers]
source = "estimate"
measure = "watchers"
counts = "people watching from the bridges"
value = 4_000
as_of = 2024
quote = "It was estimated that 4,000 people watched"
ask = "How many people watched from the bridges?"
explain = "An estimate the article attributes to no one."
"""


def _load(folder: Path, bank: str = BANK) -> LoadedBank:
    (folder / "march.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / "march.toml"
    path.write_text(bank, encoding="utf-8")
    return load_bank(path, use_cache=False)


@pytest.fixture
def march(tmp_path: Path) -> LoadedBank:
    return _load(tmp_path)


def _by_id(questions: list[Question]) -> dict[str, Question]:
    return {q.id: q for q in questions}


def test_fill_capitalises_a_field_that_opens_a_sentence() -> None:
    template = "{who} said so. {other} agreed? {again} did, and {inside} too."
    filled = fill(template, who="the UN", other="eBay", again="the army", inside="the police")
    assert filled == "The UN said so. EBay agreed? The army did, and the police too."


def test_capitalised_skips_opening_quotes_and_leaves_the_rest() -> None:
    assert capitalised("“the people's count”") == "“The people's count”"
    assert capitalised("1,000 people") == "1,000 people"
    assert capitalised("") == ""


def test_every_template_names_only_documented_fields() -> None:
    documented = {
        "counts",
        "source",
        "value",
        "as_of",
        "measure",
        "rank",
        "other_source",
        "other_counts",
        "other_value",
        "other_as_of",
    }
    for template in TEMPLATES.values():
        names = {name for _, name, _, _ in Formatter().parse(template) if name}
        assert names <= documented


def test_comparison_prompts_start_with_a_capital_whatever_the_source_name(
    march: LoadedBank,
) -> None:
    ratios = [q for q in all_questions(march) if q.id.startswith("compare:")]
    assert ratios
    for question in ratios:
        assert question.prompt[0].isupper(), question.prompt
        # Every sentence of the prompt starts with a capital.
        for sentence in question.prompt.split(". ")[1:]:
            assert sentence[0].isupper(), question.prompt
    university = _by_id(all_questions(march))["compare:crowd-university:crowd-police"]
    assert university.prompt.startswith("The university's team put the crowd at the march at")
    assert ". The police put the crowd at the march at 60,000 people" in university.prompt


def test_source_prompt_reads_counts_as_a_noun_phrase(march: LoadedBank) -> None:
    question = _by_id(all_questions(march))["source:crowd-police"]
    assert question.prompt == "Who put the crowd at the march at 60,000 people (as of 2024)?"


def test_rank_says_higher_for_two_and_highest_for_more(tmp_path: Path, march: LoadedBank) -> None:
    three = _by_id(all_questions(march))["highest:crowd"]
    assert three.prompt == "Which source gave the highest figure for the crowd at the march?"
    two_sources = BANK.replace(
        'source = "university"\nmeasure = "crowd"', 'source = "university"\nmeasure = "other"'
    )
    two = _by_id(all_questions(_load(tmp_path, two_sources)))["highest:crowd"]
    assert len(two.options) == 2
    assert two.prompt == "Which source gave the higher figure for the crowd at the march?"


def test_an_unnamed_source_is_never_asked_about_nor_offered(march: LoadedBank) -> None:
    questions = all_questions(march)
    unnamed = {s.name for s in march.bank.sources.values() if not s.named}
    sources = [q for q in questions if q.kind == "source"]
    assert {q.figure_ids[0] for q in sources} == {
        "crowd-organisers",
        "crowd-police",
        "crowd-university",
    }
    for question in sources:
        assert unnamed.isdisjoint(question.options), question.options
    # Their figures are still asked by number.
    ids = {q.id for q in questions}
    assert {"estimate:arrests", "choice:arrests", "estimate:watchers"} <= ids


def test_a_bank_with_one_named_source_has_no_source_questions(tmp_path: Path) -> None:
    one_named = BANK.replace('name = "the police"', 'name = "the police"\nnamed = false')
    one_named = one_named.replace(
        'name = "the university\'s team"', 'name = "the university\'s team"\nnamed = false'
    )
    questions = all_questions(_load(tmp_path, one_named))
    assert not [q for q in questions if q.kind == "source"]


OWN_PROMPTS = """
[figures.crowd-university.prompts]
estimate = "Counting heads on photographs, how large did the university find the crowd?"
choice = "Which crowd size did the university's photographs give?"
source = "Whose count of the march, from aerial photographs, came to about 110,000?"
times = "How many times the police count is the university's?"

[figures.crowd-organisers.prompts]
rank = "Who claimed the biggest crowd?"
"""


def test_an_author_can_word_any_question_about_a_figure(tmp_path: Path) -> None:
    by_id = _by_id(all_questions(_load(tmp_path, BANK + OWN_PROMPTS)))
    assert by_id["estimate:crowd-university"].prompt.startswith("Counting heads on photographs")
    assert by_id["choice:crowd-university"].prompt.startswith("Which crowd size")
    assert by_id["source:crowd-university"].prompt.startswith("Whose count of the march")
    assert by_id["compare:crowd-university:crowd-police"].prompt == (
        "How many times the police count is the university's?"
    )
    assert by_id["highest:crowd"].prompt == "Who claimed the biggest crowd?"
    # Other figures keep the template and their `ask`.
    assert by_id["source:crowd-police"].prompt.startswith("Who put the crowd")
    assert by_id["estimate:crowd-police"].prompt == (
        "How many people joined the march, by the police count?"
    )


def test_an_unknown_prompt_kind_is_refused_with_the_near_miss(tmp_path: Path) -> None:
    with pytest.raises(BankError) as caught:
        _load(tmp_path, BANK + OWN_PROMPTS.replace("rank =", "rnak ="))
    assert "figures.crowd-organisers.prompts.rnak" in str(caught.value)
    assert "`rank`" in str(caught.value)


DOC = Path(__file__).resolve().parent.parent / "docs" / "bank-format.md"


def _block(doc: str, marker: str) -> str:
    return doc.split(f"<!-- {marker}", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]


def documented_sentences(folder: Path) -> str:
    """Every question the documented example bank gives, one "[kind] prompt" a line."""
    doc = DOC.read_text(encoding="utf-8")
    example = doc.split("## A complete example", 1)[1].split("```toml\n", 1)[1]
    path = folder / "example.toml"
    path.write_text(example.split("\n```", 1)[0], encoding="utf-8")
    questions = all_questions(load_bank(path, use_cache=False))
    return "\n".join(f"[{q.kind}] {q.prompt}" for q in questions)


def test_the_documented_templates_are_the_generators() -> None:
    lines = _block(DOC.read_text(encoding="utf-8"), "templates").splitlines()
    documented = dict(line.split(None, 1) for line in lines)
    assert documented == TEMPLATES


def test_the_documented_sentences_are_what_the_example_bank_gives(tmp_path: Path) -> None:
    """The page shows, for its example bank, exactly the sentences a player reads: after
    a change of wording, read the new sentences in this test's failure and put them in
    the page if they read right."""
    generated = documented_sentences(tmp_path)
    kinds = {line.split("]", 1)[0] for line in generated.splitlines()}
    assert kinds == {"[estimate", "[choice", "[source", "[compare", "[written"}
    assert _block(DOC.read_text(encoding="utf-8"), "sentences") == generated, generated
