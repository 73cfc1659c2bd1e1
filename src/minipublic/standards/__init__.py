"""Standards for mini-publics as plain data: sources, criteria, templates and evaluation.

Framework-free like ``minipublic.lifecycle``: it imports no Django and nothing from the
web apps, so the catalogue can be read, tested and reused on its own. The web layer
gathers a process's ``ProcessFacts`` and shows the ``ConformanceReport``.
"""

from minipublic.standards.appraisal import (
    QUESTIONNAIRE,
    QUESTIONNAIRE_VERSION,
    AnswerProblem,
    Appraisal,
    AppraisalFinding,
    AppraisalVerdict,
    NegotiationItem,
    NegotiationStatus,
    Severity,
    apply_negotiation,
    appraisal_summary,
    appraise,
    validate_answers,
)
from minipublic.standards.appraisal import RULES as APPRAISAL_RULES
from minipublic.standards.appraisal import RULES_VERSION as APPRAISAL_RULES_VERSION
from minipublic.standards.catalogue import CATALOGUE, CATALOGUE_VERSION, criterion
from minipublic.standards.criteria import Criterion, Finding, Kind, Outcome, Verdict
from minipublic.standards.errors import StandardsError
from minipublic.standards.evaluate import (
    NEUTRAL_LABEL,
    ConformanceReport,
    GateChange,
    changed_gates,
    evaluate,
)
from minipublic.standards.facts import Attested, ProcessFacts, attested_fields
from minipublic.standards.sources import SOURCES, Citation, Source, source
from minipublic.standards.templates import (
    MODEL_TEMPLATES,
    TEMPLATES,
    ProcessTemplate,
    Purpose,
    ResponseRules,
    SizeRange,
    StandingBody,
    Step,
    Thresholds,
    planned_facts,
    template,
    template_for_model,
)

__all__ = [
    "APPRAISAL_RULES",
    "APPRAISAL_RULES_VERSION",
    "CATALOGUE",
    "CATALOGUE_VERSION",
    "MODEL_TEMPLATES",
    "NEUTRAL_LABEL",
    "QUESTIONNAIRE",
    "QUESTIONNAIRE_VERSION",
    "SOURCES",
    "TEMPLATES",
    "AnswerProblem",
    "Appraisal",
    "AppraisalFinding",
    "AppraisalVerdict",
    "Attested",
    "Citation",
    "ConformanceReport",
    "Criterion",
    "Finding",
    "GateChange",
    "Kind",
    "NegotiationItem",
    "NegotiationStatus",
    "Outcome",
    "ProcessFacts",
    "ProcessTemplate",
    "Purpose",
    "ResponseRules",
    "Severity",
    "SizeRange",
    "Source",
    "StandardsError",
    "StandingBody",
    "Step",
    "Thresholds",
    "Verdict",
    "apply_negotiation",
    "appraisal_summary",
    "appraise",
    "attested_fields",
    "changed_gates",
    "criterion",
    "evaluate",
    "planned_facts",
    "source",
    "template",
    "template_for_model",
    "validate_answers",
]
