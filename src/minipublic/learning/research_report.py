"""A project's theme report and exports, built by the framework-free ``minipublic.qda``
from the project's codebook, sources and coded excerpts."""

from __future__ import annotations

from dataclasses import dataclass

from minipublic.learning.research_models import (
    CodedExcerpt,
    ProjectCode,
    ResearchProject,
    ResearchSource,
)
from minipublic.qda.refi import QdaCode, QdaProject, QdaSelection, QdaSource, QdaUser
from minipublic.qda.stats import CodeCount, Excerpt, cooccurrence, counts, quotes_by_code
from minipublic.qda.tables import excerpts_csv, matrix_csv


@dataclass
class Theme:
    """A category (or a top-level inductive code) with its codes' counts and quotes."""

    code: ProjectCode
    rows: list[tuple[ProjectCode, CodeCount, list[Excerpt]]]


@dataclass
class Report:
    """Everything the report page and the CSV files show."""

    codes: list[ProjectCode]
    themes: list[Theme]
    used: list[ProjectCode]  # codes applied at least once, in codebook order
    matrix: dict[tuple[str, str], int]
    excerpts: list[Excerpt]
    source_names: dict[str, str]


def _excerpts(project: ResearchProject) -> list[Excerpt]:
    rows = CodedExcerpt.objects.filter(source__project=project).prefetch_related("codes")
    return [
        Excerpt(
            str(row.pk),
            str(row.source_id),
            row.start,
            row.end,
            frozenset(code.key for code in row.codes.all()),
            row.quote,
            row.memo,
        )
        for row in rows
    ]


def build_report(project: ResearchProject) -> Report:
    """Counts by code, the co-occurrence matrix and the quotes of each theme."""
    codes = list(project.codes.select_related("parent"))
    excerpts = _excerpts(project)
    counted = counts(excerpts)
    quotes = quotes_by_code(excerpts)
    themes: list[Theme] = []
    for top in (code for code in codes if code.parent_id is None):
        members = [c for c in codes if c.parent_id == top.pk] if top.is_category else [top]
        rows = [
            (code, counted.get(code.key, CodeCount(0, 0)), quotes.get(code.key, []))
            for code in members
        ]
        themes.append(Theme(top, rows))
    used = [code for code in codes if code.key in counted]
    names = {str(s.pk): s.name for s in ResearchSource.objects.filter(project=project)}
    return Report(codes, themes, used, cooccurrence(excerpts), excerpts, names)


def report_csv(report: Report) -> str:
    """One row per excerpt and code."""
    names = {code.key: code.name for code in report.codes}
    categories = {code.key: code.parent.name for code in report.codes if code.parent}
    return excerpts_csv(report.excerpts, names, categories, report.source_names)


def cooccurrence_csv(report: Report) -> str:
    """The co-occurrence matrix of the codes applied at least once."""
    return matrix_csv(report.matrix, [code.key for code in report.used])


def qda_project(project: ResearchProject) -> QdaProject:
    """The project as a REFI-QDA project (reviewed sources only: their anonymised text)."""
    members = list(project.members.order_by("pk"))
    codes = list(project.codes.select_related("parent"))
    sources = list(project.sources.filter(reviewed_at__isnull=False))
    excerpts = CodedExcerpt.objects.filter(source__in=sources).prefetch_related("codes")
    return QdaProject(
        key=f"research-project-{project.pk}",
        name=project.name,
        description=project.description,
        created=project.created_at,
        users=tuple(QdaUser(str(user.pk), str(user)) for user in members),
        codes=tuple(
            QdaCode(
                code.key,
                code.name,
                code.definition,
                code.parent.key if code.parent else None,
                not code.is_category,
                code.colour,
            )
            for code in codes
        ),
        sources=tuple(
            QdaSource(str(source.pk), source.name, source.text, source.added_at)
            for source in sources
        ),
        selections=tuple(
            QdaSelection(
                str(row.pk),
                str(row.source_id),
                row.start,
                row.end,
                tuple(code.key for code in row.codes.all()),
                str(row.coder_id) if row.coder_id in {u.pk for u in members} else None,
                row.memo,
                row.created_at,
            )
            for row in excerpts
        ),
    )
