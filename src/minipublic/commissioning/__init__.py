"""Commission appraisal (issue 6): weigh a commission before accepting it.

The questionnaire and the red-line and red-flag rules are the framework-free
``minipublic.standards.appraisal``; this app stores answers (saved and resumed), the
negotiation record, and the final appraisal in the ledger and, by choice, in public.
"""
