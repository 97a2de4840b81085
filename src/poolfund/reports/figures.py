"""The charts of the brief and the dashboards: one Vega-Lite spec each (altair), rendered to SVG
on the server, with the rows of its accessible data table. The PDF and the web page show the
same figure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from poolfund.donors.selectors import FundSummary
from poolfund.lazy import lazy_module
from poolfund.reports.balance import FundingBalance
from poolfund.reports.formatting import format_money, format_money_compact, format_share
from poolfund.reports.selectors import AreaRow
from poolfund.web.charts import bar_chart_svg, chart_svg

alt = lazy_module("altair")

ACCENT = "#005a9c"
SECOND = "#8fb8de"
WIDTH = 460


TEXT, COUNT, MONEY, SHARE = "text", "count", "money", "share"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT


@dataclass(frozen=True)
class Figure:
    """A chart and its figures: `rows` hold the values themselves (Decimal USD, fractions,
    counts), written for people by `display_rows` and for machines by the CSV download."""

    key: str
    title: str
    svg: SafeString
    columns: list[Column]
    rows: list[list]
    note: str = ""

    @property
    def display_rows(self) -> list[list[str]]:
        return [
            [_display(value, column.kind) for value, column in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]


def _display(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == MONEY:
        return format_money(value, "USD")
    if kind == SHARE:
        return format_share(value)
    return str(value)


def _figure(key: str, title: str, chart: alt.Chart, columns, rows, note: str = "") -> Figure:
    # vl-convert writes the SVG from our own spec; nothing in it comes from a request.
    svg = mark_safe(chart_svg(chart.properties(width=WIDTH)))
    return Figure(key, title, svg, columns, rows, note)


def area_label(number: int) -> str:
    return _("TA %(number)s") % {"number": number}


def concept_notes_by_area(rows: list[AreaRow]) -> Figure:
    notes, funded = _("Concept notes (published pipeline)"), _("Funded Joint Programmes")
    data = [
        {"area": area_label(row.area.number), "kind": kind, "count": count}
        for row in rows
        for kind, count in ((notes, row.concept_notes), (funded, row.programmes))
    ]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("area:N", title=_("Thematic area"), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("kind:N", sort=[notes, funded]),
            y=alt.Y("count:Q", title=_("Number"), axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "kind:N",
                title=None,
                sort=[notes, funded],
                scale=alt.Scale(range=[SECOND, ACCENT]),
                legend=alt.Legend(orient="bottom", labelLimit=400),
            ),
        )
        .properties(height=180)
    )
    return _figure(
        "concept-notes",
        _("Concept notes and funded programmes by thematic area"),
        chart,
        [Column(_("Thematic area")), Column(notes, COUNT), Column(funded, COUNT)],
        [[area_label(row.area.number), row.concept_notes, row.programmes] for row in rows],
        _("Concept notes count once published in the pipeline by the Steering Committee."),
    )


def funding_by_area(balance: FundingBalance) -> Figure:
    data = [
        {
            "area": area_label(area.number),
            "share": float(area.share or 0),
            "amount": format_money_compact(area.amount, "USD"),
        }
        for area in balance.areas
    ]
    bars = (
        alt.Chart(alt.Data(values=data))
        .mark_bar(color=ACCENT)
        .encode(
            x=alt.X("area:N", title=_("Thematic area"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("share:Q", title=_("Share of funding"), axis=alt.Axis(format="%")),
        )
    )
    labels = bars.mark_text(dy=-6, color="#1d2733").encode(text="amount:N")
    even = (
        alt.Chart(alt.Data(values=[{"even": float(balance.even_share)}]))
        .mark_rule(color="#c0392b", strokeDash=[6, 4], size=2)
        .encode(y="even:Q")
    )
    chart = alt.layer(bars, labels, even).properties(height=200)
    return _figure(
        "funding-by-area",
        _("Funding by thematic area against the even share"),
        chart,
        [
            Column(_("Thematic area")),
            Column(_("Funding"), MONEY),
            Column(_("Share"), SHARE),
            Column(_("Even share"), SHARE),
        ],
        [
            [area_label(area.number), area.amount, area.share, area.even_share]
            for area in balance.areas
        ],
        _("The dashed line is the even share each area would hold under the 360-degree approach."),
    )


def capitalization_progress(summary: FundSummary) -> Figure:
    target = summary.target_usd or Decimal(0)
    remaining = max(target - summary.deposited_usd, Decimal(0))
    mobilized, to_go = _("Mobilized"), _("Still to mobilize")
    data = [
        {"part": mobilized, "usd": float(summary.deposited_usd), "order": 0},
        {"part": to_go, "usd": float(remaining), "order": 1},
    ]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar(height=28)
        .encode(
            x=alt.X("usd:Q", stack="zero", title=_("USD"), axis=alt.Axis(format="~s")),
            color=alt.Color(
                "part:N",
                title=None,
                sort=[mobilized, to_go],
                scale=alt.Scale(range=[ACCENT, "#d5dde6"]),
                legend=alt.Legend(orient="bottom", labelLimit=400),
            ),
            order=alt.Order("order:Q"),
        )
        .properties(height=40)
    )
    return _figure(
        "capitalization",
        _("Capitalization: mobilized against the target"),
        chart,
        [
            Column(_("Target"), MONEY),
            Column(mobilized, MONEY),
            Column(to_go, MONEY),
            Column(_("Share of the target"), SHARE),
        ],
        [
            [
                summary.target_usd,
                summary.deposited_usd,
                remaining if summary.target else None,
                None if summary.target is None else summary.deposited_usd / summary.target_usd,
            ]
        ],
    )


def horizontal_bars(key: str, title: str, label: str, value: str, rows, *, money: bool) -> Figure:
    """A bar per row of (name, number), in the order given; money amounts or counts."""
    svg = bar_chart_svg(
        [(name, Decimal(number)) for name, number in rows], value_title=value, width=WIDTH
    )
    return Figure(
        key,
        title,
        mark_safe(svg),
        [Column(label), Column(value, MONEY if money else COUNT)],
        [[name, number] for name, number in rows],
    )
