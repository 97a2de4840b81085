"""Charts of survey results: Vega-Lite specs built with altair, rendered to SVG on the server.
Borda points are small whole numbers, so the axis shows whole-number ticks only (the shared
`web.charts.bar_chart_svg` abbreviates amounts, which would print 0.5 as "500m")."""

from __future__ import annotations

import math

from poolfund.champions.ranking import RankedTopic
from poolfund.lazy import lazy_module
from poolfund.web.charts import ACCENT

alt = lazy_module("altair")
vl_convert = lazy_module("vl_convert")


def topic_ranking_chart_svg(ranking: list[RankedTopic]) -> str:
    """A horizontal bar per topic, longest (most Borda points) on top."""
    rows = [
        {"topic": f"{entry.rank}. {entry.topic}", "points": entry.points, "order": position}
        for position, entry in enumerate(ranking)
    ]
    most = max((entry.points for entry in ranking), default=0)
    step = max(1, math.ceil(most / 10))
    whole_points = alt.Axis(values=list(range(0, most + step, step)), format="d")
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color=ACCENT)
        .encode(
            x=alt.X("points:Q", title="Borda points", axis=whole_points),
            y=alt.Y("topic:N", sort=alt.EncodingSortField("order"), title=None),
            tooltip=["topic:N", "points:Q"],
        )
        .properties(width=420, height=max(60, 28 * len(rows)))
    )
    return vl_convert.vegalite_to_svg(chart.to_dict())
