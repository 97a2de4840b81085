from hypothesis import given
from hypothesis import strategies as st

from poolfund.api.tabular import FORMULA_TRIGGERS, flatten, safe_cell, table


@given(st.text())
def test_no_safe_cell_can_start_a_formula(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_TRIGGERS)
    assert cell.removeprefix("'") == text or cell == text


def test_formula_triggers_are_quoted_and_plain_text_is_not():
    assert [safe_cell(v) for v in ["=1+1", "+33", "-5", "@SUM(A1)", "\tx", "\rx"]] == [
        "'=1+1", "'+33", "'-5", "'@SUM(A1)", "'\tx", "'\rx",
    ]  # fmt: skip
    assert safe_cell("Guatemala") == "Guatemala"
    assert safe_cell(-5) == -5


def test_nested_objects_become_dotted_columns_and_lists_one_cell():
    assert flatten({"a": {"b": 1, "c": None}, "codes": ["GT", "HN"], "n": 2}) == {
        "a.b": 1,
        "a.c": "",
        "codes": "GT; HN",
        "n": 2,
    }


def test_table_keeps_columns_in_first_seen_order_across_rows():
    columns, rows = table([{"x": 1}, {"y": "=2", "x": 3}])
    assert columns == ["x", "y"]
    assert rows == [[1, ""], [3, "'=2"]]
