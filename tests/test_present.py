"""quiz.present: the one place that says what every screen shows.

Verdicts, points, kind labels, ranks with ties and the chart's guesses are computed
here once; these tests pin the rules, and tests/test_present_agreement.py checks that
the three front ends say what these views say.
"""

from __future__ import annotations

import pytest

from quiz.bank.loader import LoadedBank
from quiz.classroom.room import Room
from quiz.game.explain import explain
from quiz.game.generate import KINDS, Question, Settings, all_questions, generate
from quiz.game.scoring import ChoiceAnswer, NumberAnswer, Score, score
from quiz.present.chart import class_chart, draws_guesses, player_chart
from quiz.present.kinds import KIND_LABELS, kind_label
from quiz.present.plain_text import question_lines, standing_lines
from quiz.present.ranking import Standing, podium, rank, standings, standings_of, tie_key
from quiz.present.replay import replay_command
from quiz.present.verdict import verdict
from quiz.present.words import ordinal, points, points_of, points_words


def test_points_are_written_one_way() -> None:
    assert points(0.4567) == "0.46"
    assert points(1.0) == "1"
    assert points(-0.001) == "0", "a rounded negative zero never reads '-0'"
    assert points_of(0.5, 1) == "0.5 of 1 point"
    assert points_of(7, 10) == "7 of 10 points"
    assert points_of(1, 1.0001) == "1 of 1 point", "singular when the maximum reads 1"
    assert points_words(1) == "1 point" and points_words(2.5) == "2.5 points"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"
    ]  # fmt: skip


def test_verdicts() -> None:
    assert verdict(Score(1, 1, True, "right")).words == "Right"
    assert verdict(Score(0.73, 1, False, "2x too low")).words == "Close"
    assert verdict(Score(1.46, 2, False, "2x too low")).words == "Close"
    assert verdict(Score(0.5, 1, False, "3.3x too low")).text == "✗ Far off"
    assert verdict(Score(0.01, 1, False, "9x too low")).words == "Far off"
    assert verdict(Score(0, 1, False, "wrong")).words == "Wrong"
    assert verdict(Score(0.3, 1, True, "x", inside=True)).words == "Inside your bounds"
    assert verdict(Score(0.1, 1, False, "x", inside=False)).words == "Outside your bounds"
    assert verdict(None).words == "No answer"


def test_scores_of_0_1_plus_0_2_and_0_3_tie() -> None:
    """Float sums that read the same share a rank; the next rank skips."""
    rows = [
        Standing(0, "Ben", 0.1 + 0.2),
        Standing(0, "Ana", 0.3),
        Standing(0, "Chi", 0.29),
        Standing(0, "Dee", 1.0),
    ]
    ranked = standings(rows)
    assert [(r.name, r.rank, r.tied) for r in ranked] == [
        ("Dee", 1, False),
        ("Ana", 2, True),
        ("Ben", 2, True),
        ("Chi", 4, False),
    ]
    assert [r.place for r in ranked] == ["1st", "=2nd", "=2nd", "4th"]
    # The hot-seat leaderboard lays out the same rows.
    assert standing_lines(ranked)[1:3] == [
        "  =2nd Ana 0.3 points (0 answered)",
        "  =2nd Ben 0.3 points (0 answered)",
    ]


def test_players_ranked_straight_into_rows_read_as_rows_ranked() -> None:
    """`standings_of` (the classroom's, one row per player made once) follows the same rule
    as `standings`: ties by points written to 0.01, then by name, names made printable."""
    players = [("Ben", 0.1 + 0.2, 7, 2), ("Ana\x1b[2J", 0.3, 3, 1), ("Dee", 1.0, 9, 4)]
    rows = standings_of(
        players,
        points_of=lambda p: p[1],
        name_of=lambda p: p[0],
        player_id_of=lambda p: p[2],
        answered_of=lambda p: p[3],
    )
    same = standings([Standing(0, n, pts, player_id=i, answered=a) for n, pts, i, a in players])
    assert rows == same
    assert [(r.name, r.rank, r.tied, r.player_id, r.answered) for r in rows] == [
        ("Dee", 1, False, 9, 4),
        ("Ana\ufffd[2J", 2, True, 3, 1),
        ("Ben", 2, True, 7, 2),
    ]


def test_ties_share_a_medal_on_the_podium() -> None:
    ranked = standings([Standing(0, n, p) for n, p in [("A", 3), ("B", 2), ("C", 2), ("D", 1)]])
    assert [(r.name, r.rank) for r in podium(ranked)] == [("A", 1), ("B", 2), ("C", 2)]
    ranked = rank([5.0, 5.0, 5.0, 5.0], lambda v: v, lambda v: "")
    assert [r.rank for r in ranked] == [1, 1, 1, 1]


def test_the_projector_ranks_0_1_plus_0_2_and_0_3_as_a_tie(second_bank: LoadedBank) -> None:
    room = Room(generate(second_bank, Settings(count=2, seed=1)), loaded=second_bank)
    ana, ben = room.join("Ana"), room.join("Ben")
    room.next()  # on the leaderboard: players in the game
    ben.points = 0.1 + 0.2
    ana.points = 0.3
    table = room.standings()
    assert [(s.name, s.rank, s.place) for s in table] == [("Ana", 1, "=1st"), ("Ben", 1, "=1st")]
    assert room.ranks() == {ana.id: 1, ben.id: 1}
    assert room.positions() == {ana.id: (1, True), ben.id: (1, True)}


def test_totals_tie_exactly_when_they_read_the_same() -> None:
    """The tie rule compares numbers (a class is ranked at every reveal) but must decide as
    the written points do: the same pairs tie, and totals sort as they read."""
    import random

    rng = random.Random(5)
    steps = [round(rng.random(), 2) for _ in range(40)] + [0.005, 0.015, 0.125, 1e-9]
    totals = [sum(rng.sample(steps, k)) for k in range(1, 12) for _ in range(60)]
    totals += [0.1 + 0.2, 0.3, 0.305, 0.315, 2.675, -0.001, 0.0, 1.005, 0.995]
    for a, b in zip(totals, reversed(totals), strict=True):
        assert (tie_key(a) == tie_key(b)) == (points(a) == points(b)), (a, b)
        if points(a) != points(b):
            assert (tie_key(a) < tie_key(b)) == (float(points(a)) < float(points(b))), (a, b)


def test_a_rooms_positions_are_its_leaderboards_ranks(second_bank: LoadedBank) -> None:
    """A reveal tells each student their rank from `positions`; the projector's leaderboard
    ranks the same room with `standings`: they must agree, ties included."""
    room = Room(generate(second_bank, Settings(count=2, seed=1)), loaded=second_bank)
    players = [room.join(name) for name in ("Ana", "ben", "Chi", "Dee", "eve", "Fay")]
    room.next()
    for player, total in zip(players, (2.0, 0.1 + 0.2, 0.3, 2.0, 0.0, 1.004), strict=True):
        player.points = total
    table = room.standings()
    assert room.positions() == {s.player_id: (s.rank, s.tied) for s in table}
    assert [(s.name, s.place) for s in table][:3] == [
        ("Ana", "=1st"),
        ("Dee", "=1st"),
        ("Fay", "3rd"),
    ]


def test_kind_labels_come_from_one_table() -> None:
    assert set(KIND_LABELS) == set(KINDS)
    assert len(set(KIND_LABELS.values())) == len(KINDS), "no two kinds read the same"
    assert kind_label("someday") == "Someday"


def test_plain_names_a_question_by_its_kind_label(second_bank: LoadedBank) -> None:
    for question in all_questions(second_bank):
        assert f"({KIND_LABELS[question.kind]}, " in question_lines(question, 1, 1)[0]


def _ratio_question(bank: LoadedBank) -> Question:
    return next(q for q in all_questions(bank) if q.unit == "times" and q.kind != "written")


def test_a_ratio_question_draws_no_guess_among_the_figures(shipped: LoadedBank) -> None:
    question = _ratio_question(shipped)
    explanation = explain(shipped, question)
    assert not draws_guesses(question)
    assert explanation.chart, "the figures are still drawn"
    assert player_chart(question, explanation, NumberAnswer(5)) == explanation.chart
    assert class_chart(question, explanation, [5.0, 17.0]) == explanation.chart


def test_an_estimate_draws_the_guess_and_a_class_draws_each_or_a_summary(
    shipped: LoadedBank,
) -> None:
    question = next(q for q in all_questions(shipped) if q.kind == "estimate")
    explanation = explain(shipped, question)
    mine = player_chart(question, explanation, NumberAnswer(1234))
    assert mine[-1].kind == "guess" and mine[-1].low == 1234
    few = class_chart(question, explanation, [10.0, 20.0, 30.0])
    assert [p.low for p in few if p.kind == "guess"] == [10.0, 20.0, 30.0]
    many = class_chart(question, explanation, [float(v) for v in range(1, 21)])
    assert [p.label for p in many if p.kind == "guess"] == [
        "class median",
        "middle half of the class",
    ]
    choice = next(q for q in all_questions(shipped) if not q.is_numeric)
    assert player_chart(choice, explain(shipped, choice), ChoiceAnswer(0)) == (
        explain(shipped, choice).chart
    )


def test_the_replay_command_names_what_is_not_the_default() -> None:
    assert replay_command(42, 10, KINDS) == "quiz play --seed 42 --count 10"
    assert replay_command(42, 5, ("estimate",), "my bank.toml", ("--plain",)) == (
        "quiz play --plain 'my bank.toml' --seed 42 --count 5 --kinds estimate"
    )


@pytest.mark.parametrize("right", [True, False])
def test_a_reason_states_its_points_the_way_the_screens_do(
    shipped: LoadedBank, right: bool
) -> None:
    question = next(q for q in all_questions(shipped) if q.kind == "estimate")
    assert question.low is not None
    result = score(question, NumberAnswer(question.low * (1 if right else 3)))
    assert points_of(result.points, result.max_points) in result.reason
