import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poolfund.champions.ranking import borda_ranking

TOPICS = ["Labour migration", "Climate mobility", "Return", "Data"]


def summary(ranking):
    return [(entry.rank, entry.topic, entry.points) for entry in ranking]


def test_borda_gives_n_minus_place_points_to_each_ranked_topic():
    ballots = [
        ["Labour migration", "Climate mobility", "Return", "Data"],
        ["Climate mobility", "Labour migration", "Data", "Return"],
        ["Labour migration", "Data", "Climate mobility", "Return"],
    ]
    assert summary(borda_ranking(ballots, TOPICS)) == [
        (1, "Labour migration", 3 + 2 + 3),
        (2, "Climate mobility", 2 + 3 + 1),
        (3, "Data", 0 + 1 + 2),
        (4, "Return", 1 + 0 + 0),
    ]


def test_topics_with_equal_points_share_a_rank_and_the_next_rank_is_skipped():
    ballots = [["Return", "Data", "Labour migration"], ["Data", "Return", "Labour migration"]]
    ranking = borda_ranking(ballots, ["Return", "Data", "Labour migration"])
    assert summary(ranking) == [(1, "Data", 3), (1, "Return", 3), (3, "Labour migration", 0)]


def test_within_a_tie_more_first_places_are_listed_first_without_changing_the_rank():
    # B: 2 + 0, C: 0 + 2, A: 1 + 1: all tied on 2 points; B and C were each ranked first once.
    ranking = borda_ranking([["B", "A", "C"], ["C", "A", "B"]], ["A", "B", "C"])
    assert summary(ranking) == [(1, "B", 2), (1, "C", 2), (1, "A", 2)]
    assert [entry.first_places for entry in ranking] == [1, 1, 0]


def test_a_partial_ballot_gives_nothing_to_the_topics_it_leaves_out():
    ranking = borda_ranking([["Data"]], TOPICS)
    assert {entry.topic: entry.points for entry in ranking} == {
        "Data": 3,
        "Labour migration": 0,
        "Climate mobility": 0,
        "Return": 0,
    }
    assert [entry.rank for entry in ranking] == [1, 2, 2, 2]


def test_no_ballot_leaves_every_topic_tied_first():
    assert {entry.rank for entry in borda_ranking([], TOPICS)} == {1}


def test_a_ballot_that_ranks_a_topic_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        borda_ranking([["Data", "Data"]], TOPICS)


def test_a_ballot_that_ranks_an_unknown_topic_is_refused():
    with pytest.raises(ValueError, match="not one of the topics"):
        borda_ranking([["Tourism"]], TOPICS)


@given(st.lists(st.permutations(TOPICS), max_size=12))
def test_full_ballots_hand_out_n_times_n_minus_one_over_two_points_each(ballots):
    ranking = borda_ranking(ballots, TOPICS)
    assert sum(entry.points for entry in ranking) == len(ballots) * 4 * 3 // 2
    points = [entry.points for entry in ranking]
    assert points == sorted(points, reverse=True)
    for before, after in itertools.pairwise(ranking):
        assert (after.rank == before.rank) == (after.points == before.points)
