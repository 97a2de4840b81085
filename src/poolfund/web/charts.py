"""Charts drawn on the server: Vega-Lite specs built with altair, rendered to SVG by
vl-convert. Pages put the SVG in a <figure> beside a table holding the same figures, so the
numbers are readable without seeing the picture.

Amounts are plotted in whole units (int): a chart shows magnitudes; the table shows the cents."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import altair as alt
import vl_convert

ACCENT = "#005a9c"


def _svg(chart: alt.Chart) -> str:
    return vl_convert.vegalite_to_svg(vl_spec=chart.to_dict())


def whole(amount: Decimal) -> int:
    return int(amount.to_integral_value())


def bar_chart_svg(
    bars: Sequence[tuple[str, Decimal]], *, value_title: str, width: int = 360
) -> str:
    """Horizontal bars, one per (label, amount), in the order given."""
    values = [{"label": label, "amount": whole(amount)} for label, amount in bars]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(color=ACCENT)
        .encode(
            x=alt.X("amount:Q", title=value_title, axis=alt.Axis(format="~s")),
            y=alt.Y("label:N", title=None, sort=None),
            tooltip=["label:N", alt.Tooltip("amount:Q", format=",")],
        )
        .properties(width=width, height=max(60, 18 * len(values)))
    )
    return _svg(chart)


def cumulative_chart_svg(
    points: Sequence[tuple[date, Decimal]],
    *,
    value_title: str,
    target: Decimal | None = None,
    width: int = 420,
) -> str:
    """A step line of a running total over time, with the target as a horizontal rule."""
    values = [{"day": day.isoformat(), "amount": whole(amount)} for day, amount in points]
    line = (
        alt.Chart(alt.Data(values=values))
        .mark_line(interpolate="step-after", color=ACCENT, point=True)
        .encode(
            x=alt.X("day:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("amount:Q", title=value_title, axis=alt.Axis(format="~s")),
        )
    )
    layers = [line]
    if target is not None:
        rule = alt.Chart(alt.Data(values=[{"target": whole(target)}])).mark_rule(
            color="#c99a00", strokeDash=[6, 4]
        )
        layers.append(rule.encode(y="target:Q"))
    return _svg(alt.layer(*layers).properties(width=width, height=260))
