"""The JSON Schema of the bank format, as `quiz schema` prints it: one truth with `quiz check`.

The schema is generated from the models in quiz.bank.model, whose cross-field rules (a
value or a range, text or text_file, what each kind of question needs, a unit for every
kind but "count") are stated beside their validators as `json_schema_extra`. Here the
generated schema is only adjusted to TOML: TOML has no null, so an optional key is one
that may be left out; an id-keyed table's keys must match the id pattern
(`propertyNames`, which pydantic writes as `patternProperties`, a form that lets other
keys through); and defaults are written as an author would write them.

What JSON Schema cannot say, and only `quiz check` checks (docs/bank-format.md lists it
too): the article's checks (a quote occurs in the article and states the number, the
article file exists and is readable UTF-8), cross-references (a figure's `source` is a key
of `[sources]`, a question's `figure` a key of `[figures]`), comparisons between values
(`low` below `high`, a choice's answer among its options), options distinct ignoring case
and spacing (the schema checks exact duplicates), and what TOML's parser refuses itself
(a table defined twice). tests/test_schema_agreement.py generates banks and checks that the
schema and `quiz check` agree on everything else.
"""

from __future__ import annotations

from typing import Any

__all__ = ["bank_schema"]


def bank_schema() -> dict[str, Any]:
    """The JSON Schema of the bank format, with the field docstrings as descriptions."""
    from quiz.bank.model import Bank

    schema = _for_toml(Bank.model_json_schema(by_alias=True, mode="validation"))
    assert isinstance(schema, dict)
    schema["$defs"]["Figure"]["properties"]["unit"]["default"] = "people"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Figures quiz question bank",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def _for_toml(node: object) -> object:
    """TOML has no null: `X | None` is published as plain X (and its `default: null`
    dropped); id-keyed tables name their key pattern in `propertyNames`."""
    if isinstance(node, list):
        return [_for_toml(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: _for_toml(v) for k, v in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        del node["anyOf"]
        if len(rest) == 1 and isinstance(rest[0], dict):
            node = {**rest[0], **node}
        else:
            node["anyOf"] = rest
        if node.get("default", 0) is None:
            del node["default"]
    patterns = node.get("patternProperties")
    if isinstance(patterns, dict) and len(patterns) == 1:
        ((pattern, item),) = patterns.items()
        del node["patternProperties"]
        node["propertyNames"] = {"pattern": pattern}
        node["additionalProperties"] = item
    return node
