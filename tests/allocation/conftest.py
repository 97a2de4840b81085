import copy

import pytest

SMALL_ROUND = {
    "pools": [
        {"id": "unearmarked", "amount": "100.00", "thematic_area": None},
        {"id": "ta2", "amount": "50", "thematic_area": 2},
    ],
    "notes": [
        {
            "id": "A",
            "thematic_area": 1,
            "region": "Americas",
            "country": "MEX",
            "requested": "60",
            "score": 10,
        },
        {
            "id": "B",
            "thematic_area": 2,
            "region": "Americas",
            "country": "PER",
            "requested": "50",
            "score": 9,
        },
        {
            "id": "C",
            "thematic_area": 2,
            "region": "Africa",
            "country": "MAR",
            "requested": "50",
            "score": 9,
        },
        {
            "id": "D",
            "thematic_area": 3,
            "region": "Africa",
            "country": "MAR",
            "requested": "80",
            "score": 8,
            "min_fraction": 0.5,
        },
    ],
    "rules": {"region_share_max": 0.7, "reserve": "10"},
}


@pytest.fixture
def small_round():
    """Budget 140 (150 less a reserve of 10). By hand: B and C (50 each, 0.18 a dollar) and D
    at its floor of 40 score 9 + 9 + 4 = 22; A (60, all or nothing) no longer fits. Greedy takes
    A first (score 10), then C, and scores 19."""
    return copy.deepcopy(SMALL_ROUND)
