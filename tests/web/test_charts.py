from decimal import Decimal

import altair as alt
import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from poolfund.web import charts

pytestmark = pytest.mark.django_db  # drawn charts are kept in the database cache


def bars(values):
    data = alt.Data(values=[{"name": "a", "value": value} for value in values])
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(x=alt.X("value:Q", axis=alt.Axis(format=",.1f")), y="name:N")
    )


def test_chart_numbers_follow_the_active_language():
    with translation.override("en"):
        english = charts.chart_svg(bars([1234.5]))
    with translation.override("es"):
        spanish = charts.chart_svg(bars([1234.5]))
    assert "1,000.0" in english
    assert "1.000,0" in spanish


def test_a_chart_is_drawn_once_until_its_data_changes(monkeypatch):
    drawn = []
    draw = charts.draw_svg
    monkeypatch.setattr(charts, "draw_svg", lambda *args: drawn.append(args) or draw(*args))
    cache.clear()
    charts.chart_svg(bars([7, 8]))
    charts.chart_svg(bars([7, 8]))
    assert len(drawn) == 1
    charts.chart_svg(bars([7, 9]))
    assert len(drawn) == 2


def test_drawn_charts_are_kept_in_the_database_every_server_process_shares():
    cache.clear()
    svg = charts.chart_svg(bars([3, 4]))
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM poolfund_cache")
        assert len(cursor.fetchall()) == 1
    assert charts.chart_svg(bars([3, 4])) == svg


def test_a_language_without_a_number_format_falls_back_to_the_default():
    assert charts._number_format_locale("es") == "es-ES"
    assert charts._number_format_locale("tlh") is None


def test_a_grouped_bar_chart_is_built_once_for_the_same_whole_figures(monkeypatch):
    figures = [("Area 1", "now", Decimal("10.2")), ("Area 1", "after", Decimal("12"))]
    charts.grouped_bar_chart_svg(figures, value_title="USD")
    built = []
    monkeypatch.setattr(charts.alt, "Chart", lambda *args, **kwargs: built.append(args))
    again = [("Area 1", "now", Decimal("10.4")), ("Area 1", "after", Decimal("12.00"))]
    assert "<svg" in charts.grouped_bar_chart_svg(again, value_title="USD")
    assert built == []
