"""Theme statistics on small hand-worked examples."""

from __future__ import annotations

from minipublic.qda.stats import CodeCount, Excerpt, cooccurrence, counts, quotes_by_code
from minipublic.qda.tables import excerpts_csv, matrix_csv

# Source s1: [0,10) steer+time, [5,15) red_lines (overlaps the first), [20,30) steer.
# Source s2: [0,10) red_lines, [0,10) time (same range, different excerpts).
EXCERPTS = [
    Excerpt("1", "s1", 0, 10, frozenset({"steer.time", "steer.report_content"}), "q1"),
    Excerpt("2", "s1", 5, 15, frozenset({"response.red_lines"}), "q2"),
    Excerpt("3", "s1", 20, 30, frozenset({"steer.report_content"}), "q3"),
    Excerpt("4", "s2", 0, 10, frozenset({"response.red_lines"}), "q4"),
    Excerpt("5", "s2", 0, 10, frozenset({"steer.time"}), "q5"),
]


def test_counts_by_code_count_excerpts_and_distinct_sources() -> None:
    assert counts(EXCERPTS) == {
        "response.red_lines": CodeCount(excerpts=2, sources=2),
        "steer.report_content": CodeCount(excerpts=2, sources=1),
        "steer.time": CodeCount(excerpts=2, sources=2),
    }


def test_cooccurrence_counts_same_excerpt_and_overlaps_in_the_same_source() -> None:
    matrix = cooccurrence(EXCERPTS)
    # excerpt 1 carries both; nothing else pairs them (excerpt 3 overlaps nothing)
    assert matrix[("steer.time", "steer.report_content")] == 1
    # excerpt 2 overlaps excerpt 1 (time, report), excerpts 4 and 5 share their range
    assert matrix[("response.red_lines", "steer.time")] == 2
    assert matrix[("response.red_lines", "steer.report_content")] == 1
    # the diagonal is the number of codings
    assert matrix[("steer.report_content", "steer.report_content")] == 2
    # touching is not overlapping; different sources never co-occur
    touching = [
        Excerpt("a", "s", 0, 5, frozenset({"x"})),
        Excerpt("b", "s", 5, 9, frozenset({"y"})),
        Excerpt("c", "t", 0, 9, frozenset({"z"})),
    ]
    assert cooccurrence(touching) == {("x", "x"): 1, ("y", "y"): 1, ("z", "z"): 1}


def test_cooccurrence_is_symmetric() -> None:
    matrix = cooccurrence(EXCERPTS)
    for (a, b), n in matrix.items():
        assert matrix[(b, a)] == n
    assert all(n > 0 for n in matrix.values())


def test_quotes_are_grouped_by_code_in_source_order() -> None:
    quotes = quotes_by_code(list(reversed(EXCERPTS)))
    assert [e.quote for e in quotes["steer.report_content"]] == ["q1", "q3"]
    assert [e.quote for e in quotes["response.red_lines"]] == ["q2", "q4"]


def test_csv_has_one_row_per_excerpt_and_code_and_defuses_formulas() -> None:
    excerpt = Excerpt("9", "s1", 0, 4, frozenset({"b", "a"}), "=SUM(A1)", "memo")
    text = excerpts_csv([excerpt], {"a": "A"}, {"a": "Cat"}, {"s1": "Interview 1"})
    rows = text.strip().split("\r\n")
    assert rows[0].startswith("excerpt,source,start,end,code_key")
    assert rows[1:] == [
        "9,Interview 1,0,4,a,A,Cat,'=SUM(A1),memo",
        "9,Interview 1,0,4,b,b,,'=SUM(A1),memo",
    ]
    grid = matrix_csv(cooccurrence(EXCERPTS), ["steer.time", "response.red_lines"])
    assert grid.split("\r\n")[:3] == [
        "code,steer.time,response.red_lines",
        "steer.time,2,2",
        "response.red_lines,2,2",
    ]
