"""Shared fixtures: the banks every engine, UI and classroom test can play.

- `shipped`: the shipped default bank (`quiz.questions.default_bank()`), loaded. It
  errors, never skips, when the bank is missing or invalid: a test that silently
  stops running is worse than a failing one.
- `second_bank`: a bank written into the test's tmp dir from an invented article
  about a city (population, budget, a storm's costs) with three sources, so no
  behaviour is tuned to the shipped article. It has several figures per source,
  two measures with several figures (one with a range), units other than people,
  and one hand-written question of each kind.
- `second_bank_path`: the path of that bank file, for tests that load it themselves
  (the CLI, the classroom server).

Both banks are loaded once per test session (loading is pure), so they are cheap
to use everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from quiz.questions import default_bank

from quiz.bank.loader import LoadedBank, load_bank

# A test that hangs ends the run naming itself (tests/hang_guard.py).
pytest_plugins = ["hang_guard"]

SECOND_ARTICLE = """\
Riverton counts its people, and the cost of Storm Edda

The city of Riverton now has 412,000 residents, according to the mayor's office, which \
counts every household on its register. The national statistics office puts the figure \
lower, at 389,500, because it counts only people who have lived in the city for a full year.

The mayor's office said the council had approved a budget of 1.2 billion euros for the coming \
year, of which 85 million euros is set aside for flood defences.

Storm Edda, which struck in March, caused damage that the insurers' association estimates at \
between 40 and 60 million euros. The mayor's office put the total cost of the storm at \
150 million euros, a figure that includes lost trade and the cost of clearing roads. The \
statistics office said 2,300 homes were damaged and 120 people were moved to shelters.

By the end of April, the insurers' association said, 8,400 claims had been filed.
"""

SECOND_BANK = """\
format = 1

[bank]
id = "riverton-storm"
title = "Riverton's numbers"

[article]
title = "Riverton counts its people, and the cost of Storm Edda"
published = 2024-05-02
text_file = "riverton.txt"

[sources.mayor]
name = "The mayor's office"
role = "Runs the city and its household register"

[sources.stats]
name = "The national statistics office"
role = "Counts residents by a fixed national rule"

[sources.insurers]
name = "The insurers' association"
role = "Represents the companies paying the claims"

[figures.population-mayor]
source = "mayor"
measure = "population"
counts = "residents of Riverton"
value = 412_000
as_of = "2024"
quote = "The city of Riverton now has 412,000 residents"
ask = "How many people live in Riverton, by the mayor's count?"
explain = "Every household on the city's register, including people who arrived this year."

[figures.population-stats]
source = "stats"
measure = "population"
counts = "residents of Riverton for a full year"
value = 389_500
as_of = "2024"
quote = "puts the figure lower, at 389,500"
ask = "How many people live in Riverton, by the national statistics office?"
explain = "Only people who have lived in the city for a full year."

[figures.budget]
source = "mayor"
measure = "budget"
counts = "euros in the city's budget for the coming year"
unit = "euros"
value = 1_200_000_000
as_of = "2024"
quote = "a budget of 1.2 billion euros"
ask = "How large is Riverton's budget for the coming year, in euros?"
explain = "The whole budget the council approved."

[figures.flood-defences]
source = "mayor"
measure = "flood-defences"
counts = "euros set aside for flood defences"
unit = "euros"
value = 85_000_000
as_of = "2024"
quote = "85 million euros is set aside for flood defences"
ask = "How much of the budget is set aside for flood defences, in euros?"
explain = "A part of the 1.2 billion budget."

[figures.storm-cost-insurers]
source = "insurers"
measure = "storm-cost"
counts = "euros of insured damage from Storm Edda"
unit = "euros"
low = 40_000_000
high = 60_000_000
approximate = true
as_of = "2024-03"
quote = "between 40 and 60 million euros"
ask = "What did Storm Edda cost, by the insurers' estimate, in euros?"
explain = "Insured damage only: lost trade and clearing roads are not insured losses."

[figures.storm-cost-mayor]
source = "mayor"
measure = "storm-cost"
counts = "euros the storm cost the city, lost trade included"
unit = "euros"
value = 150_000_000
as_of = "2024-03"
quote = "put the total cost of the storm at 150 million euros"
ask = "What did Storm Edda cost, by the mayor's office, in euros?"
explain = "Includes lost trade and the cost of clearing roads, which insurers do not pay."
points = 2

[figures.homes-damaged]
source = "stats"
measure = "homes-damaged"
counts = "homes damaged by Storm Edda"
unit = "homes"
value = 2_300
as_of = "2024-03"
quote = "2,300 homes were damaged"
ask = "How many homes did Storm Edda damage?"
explain = "Homes the statistics office recorded as damaged."

[figures.sheltered]
source = "stats"
measure = "sheltered"
counts = "people moved to shelters"
value = 120
as_of = "2024-03"
quote = "120 people were moved to shelters"
ask = "How many people were moved to shelters during Storm Edda?"
explain = "People moved by the city; others stayed with family."

[figures.claims]
source = "insurers"
measure = "claims"
counts = "insurance claims filed after Storm Edda"
unit = "claims"
value = 8_400
as_of = "2024-04"
quote = "8,400 claims had been filed"
explain = "Claims filed by the end of April; more came later. No `ask`: never a subject."

[[questions]]
kind = "choice"
prompt = "In which month did Storm Edda strike Riverton?"
answer = "March"
options = ["March", "April", "May", "February"]
explain = "The article says the storm struck in March; claims were counted to the end of April."

[[questions]]
kind = "estimate"
prompt = "By the mayor's figure, how many euros of the storm's cost do insurers leave out?"
low = 90_000_000
high = 110_000_000
figure = "storm-cost-mayor"
explain = "150 million less 40 to 60 million: lost trade and clearing roads."
"""


def write_second_bank(folder: Path) -> Path:
    """Write the invented Riverton bank and its article into `folder`; return the bank."""
    (folder / "riverton.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    path = folder / "riverton-storm.toml"
    path.write_text(SECOND_BANK, encoding="utf-8")
    return path


@pytest.fixture(scope="session", autouse=True)
def _user_folders_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep results, remembered choices and the bank cache out of the user's folders.

    Tests that need a folder of their own still set these themselves; this only makes
    sure a test that forgets cannot write to ~/.local, ~/.config or ~/.cache.
    """
    with pytest.MonkeyPatch.context() as patch:
        for name in ("QUIZ_DATA_DIR", "QUIZ_CONFIG_DIR", "QUIZ_CACHE_DIR"):
            patch.setenv(name, str(tmp_path_factory.mktemp(name.lower())))
        yield


@pytest.fixture(scope="session")
def shipped() -> LoadedBank:
    """The shipped default bank, loaded; errors (never skips) if missing or invalid."""
    return load_bank(default_bank())


@pytest.fixture(scope="session")
def second_bank_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the invented Riverton bank (see the module docstring)."""
    return write_second_bank(tmp_path_factory.mktemp("second-bank"))


@pytest.fixture(scope="session")
def second_bank(second_bank_path: Path) -> LoadedBank:
    """The invented Riverton bank, loaded."""
    return load_bank(second_bank_path)
