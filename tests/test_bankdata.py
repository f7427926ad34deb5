"""quiz.bank.data mirrors quiz.bank.model field for field, and `build` copies a bank faithfully."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pydantic import BaseModel

from quiz.bank import data as bankdata
from quiz.bank import fields
from quiz.bank import model as models
from quiz.bank.loader import LoadedBank

PAIRS = [
    (bankdata.Bank, models.Bank),
    (bankdata.BankInfo, models.BankInfo),
    (bankdata.Article, models.Article),
    (bankdata.Source, models.Source),
    (bankdata.Figure, models.Figure),
    (bankdata.Unit, models.Unit),
    (bankdata.Prompts, models.Prompts),
    (bankdata.WrittenQuestion, models.WrittenQuestion),
    (bankdata.Measure, models.Measure),
    (bankdata.Plausible, fields.Plausible),
]


def _default(field: dataclasses.Field[object]) -> object:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return "(required)"


@pytest.mark.parametrize(("mirror", "model"), PAIRS, ids=[m.__name__ for m, _ in PAIRS])
def test_every_model_field_is_mirrored_with_its_default(
    mirror: type, model: type[BaseModel]
) -> None:
    mirrored = {f.name: _default(f) for f in dataclasses.fields(mirror)}
    modelled = {
        name: "(required)" if info.is_required() else info.get_default(call_default_factory=True)
        for name, info in model.model_fields.items()
    }
    # A default that is a table (a figure's unit) is mirrored by its dataclass.
    modelled = {
        name: bankdata.build(type(mirrored[name]), value) if isinstance(value, BaseModel) else value
        for name, value in modelled.items()
    }
    assert mirrored == modelled


def test_every_model_has_a_mirror() -> None:
    defined = {
        name
        for name, value in vars(models).items()
        if isinstance(value, type)
        and issubclass(value, models.Strict)
        and value is not models.Strict
    }
    # Tables only nested in others (a measure's `plausible`) are mirrored too, but the
    # model module need not name them.
    assert defined <= {model.__name__ for _, model in PAIRS}
    assert "Measure" in defined


def _validated(loaded: LoadedBank) -> models.Bank:
    """The same bank through the pydantic models, as `quiz check` sees it."""
    import tomli

    return models.Bank.model_validate(tomli.loads(loaded.path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("which", ["shipped", "second_bank"])
def test_build_copies_every_value(which: str, request: pytest.FixtureRequest) -> None:
    loaded: LoadedBank = request.getfixturevalue(which)
    model = _validated(loaded)
    built = bankdata.build(bankdata.Bank, model)
    assert isinstance(built.bank, bankdata.BankInfo)
    # Every field of every table, compared with the validated model's value.
    assert dataclasses.asdict(built) == {
        **model.model_dump(),
        "schema_": model.schema_,
    }
    for key, figure in model.figures.items():
        assert isinstance(built.figures[key], bankdata.Figure)
        assert built.figures[key].bounds == figure.bounds
        assert built.figures[key].middle == pytest.approx(figure.middle)
    assert [type(q) for q in built.questions] == [bankdata.WrittenQuestion] * len(model.questions)
    assert built == loaded.bank


def test_json_round_trip_keeps_dates_and_numbers(second_bank: LoadedBank) -> None:
    bank = second_bank.bank
    assert bank.article.published == date(2024, 5, 2)
    again = bankdata.build(bankdata.Bank, bankdata.to_json(bank))
    assert again == bank
    assert isinstance(again.article.published, date)


def test_build_refuses_data_of_the_wrong_shape(second_bank: LoadedBank) -> None:
    data = bankdata.to_json(second_bank.bank)
    del data["figures"][next(iter(data["figures"]))]["quote"]
    with pytest.raises(KeyError):
        bankdata.build(bankdata.Bank, data)
