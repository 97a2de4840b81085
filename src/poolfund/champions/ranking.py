"""Aggregating the countries' rankings of priority topics with the Borda count.

Each ballot lists topics from most to least important. With `n` candidate topics, the topic in
place `i` (1-based) earns `n - i` points; topics a ballot leaves out earn nothing from it, so a
partial ranking counts what it says and no more. Topics are ordered by total points. Ties are
not broken arbitrarily: topics with equal points share a rank and the next rank is skipped
(standard competition ranking, "1, 2, 2, 4"); within a tie they are listed by the number of
first places, then by title, which changes the listing but never the rank.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RankedTopic:
    rank: int
    topic: Hashable
    points: int
    first_places: int


def borda_ranking(
    ballots: Sequence[Sequence[Hashable]], candidates: Sequence[Hashable], *, label=str
) -> list[RankedTopic]:
    """Rank `candidates` from `ballots` (each an ordered list of candidates, best first)."""
    size = len(candidates)
    points = dict.fromkeys(candidates, 0)
    first_places = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        if len(set(ballot)) != len(ballot):
            raise ValueError("A ballot cannot rank the same topic twice.")
        for place, topic in enumerate(ballot, start=1):
            if topic not in points:
                raise ValueError(f"{topic!r} is not one of the topics being ranked.")
            points[topic] += size - place
        if ballot:
            first_places[ballot[0]] += 1
    ordered = sorted(
        candidates, key=lambda topic: (-points[topic], -first_places[topic], label(topic))
    )
    ranking = []
    for position, topic in enumerate(ordered, start=1):
        tied_with_previous = ranking and ranking[-1].points == points[topic]
        rank = ranking[-1].rank if tied_with_previous else position
        ranking.append(RankedTopic(rank, topic, points[topic], first_places[topic]))
    return ranking
