"""Charts drawn on the server: Vega-Lite specs built with altair, rendered to SVG by
vl-convert. Pages put the SVG in a <figure> beside a table holding the same figures, so the
numbers are readable without seeing the picture.

Amounts are plotted in whole units (int): a chart shows magnitudes; the table shows the cents."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache as memoise
from functools import lru_cache

from babel.core import get_global
from django.core.cache import cache
from django.utils.translation import get_language

from poolfund.lazy import lazy_module

alt = lazy_module("altair")
vl_convert = lazy_module("vl_convert")

ACCENT = "#005a9c"


@memoise
def _number_format_locale(language: str) -> str | None:
    """vl-convert's d3 number format for a Django language (es → es-ES), None if it has none."""
    base = language.replace("-", "_").split("_")[0]
    likely = get_global("likely_subtags").get(base)
    if likely is None:
        return None
    parts = likely.split("_")
    candidate = f"{parts[0]}-{parts[-1]}"
    try:
        vl_convert.get_format_locale(candidate)
    except ValueError:
        return None
    return candidate


CHART_CACHE_SECONDS = 30 * 24 * 3600


def draw_svg(spec: str, format_locale: str | None) -> str:
    return vl_convert.vegalite_to_svg(vl_spec=spec, format_locale=format_locale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart drawn as SVG, its numbers written as the active language writes them."""
    return _drawn(_spec_of(chart))


def _spec_of(chart: alt.TopLevelMixin) -> str:
    return json.dumps(chart.to_dict(validate=False), sort_keys=True)


def _drawn(spec: str) -> str:
    """A spec holds its data, so the same spec always draws the same picture: each is drawn
    once and kept in the shared cache (the database, so every server process and machine reuses
    it) under a hash of the spec; a change of data makes another spec, never a stale picture."""
    format_locale = _number_format_locale(get_language() or "en")
    key = "chart-svg:" + hashlib.sha256(f"{format_locale}\n{spec}".encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = draw_svg(spec, format_locale)
        cache.set(key, svg, CHART_CACHE_SECONDS)
    return svg


def whole(amount: Decimal) -> int:
    return int(amount.to_integral_value())


def bar_chart_svg(
    bars: Sequence[tuple[str, Decimal]], *, value_title: str, width: int = 560
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
    return chart_svg(chart)


def cumulative_chart_svg(
    points: Sequence[tuple[date, Decimal]],
    *,
    value_title: str,
    target: Decimal | None = None,
    width: int = 560,
) -> str:
    """A step line of a running total over time, with the target as a horizontal rule."""
    values = [{"day": day.isoformat(), "amount": whole(amount)} for day, amount in points]
    line = (
        alt.Chart(alt.Data(values=values))
        .mark_line(interpolate="step-after", color=ACCENT, point=True)
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("amount:Q", title=value_title, axis=alt.Axis(format="~s")),
        )
    )
    layers = [line]
    if target is not None:
        rule = alt.Chart(alt.Data(values=[{"target": whole(target)}])).mark_rule(
            color="#c99a00", strokeDash=[6, 4]
        )
        layers.append(rule.encode(y="target:Q"))
    return chart_svg(alt.layer(*layers).properties(width=width, height=260))


def grouped_bar_chart_svg(
    bars: Sequence[tuple[str, str, Decimal]], *, value_title: str, width: int = 360
) -> str:
    """Horizontal bars grouped by label, one colour per series: (label, series, amount).

    Pages that redraw it often with the same figures (the allocation round's re-runs) skip
    building the spec again, not only drawing it: altair alone takes tens of milliseconds."""
    values = tuple((label, series, whole(amount)) for label, series, amount in bars)
    return _drawn(_grouped_bar_spec(values, value_title, width))


@lru_cache(maxsize=256)
def _grouped_bar_spec(
    values: tuple[tuple[str, str, int], ...], value_title: str, width: int
) -> str:
    chart = (
        alt.Chart(
            alt.Data(
                values=[
                    {"label": label, "series": series, "amount": amount}
                    for label, series, amount in values
                ]
            )
        )
        .mark_bar()
        .encode(
            x=alt.X("amount:Q", title=value_title, axis=alt.Axis(format="~s")),
            y=alt.Y("series:N", title=None, axis=None),
            row=alt.Row("label:N", title=None, sort=None, header=alt.Header(labelAngle=0)),
            color=alt.Color(
                "series:N",
                title=None,
                sort=None,
                scale=alt.Scale(range=[ACCENT, "#c99a00"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["label:N", "series:N", alt.Tooltip("amount:Q", format=",")],
        )
        .properties(width=width, height=28)
    )
    return _spec_of(chart)
