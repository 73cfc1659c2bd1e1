"""Pages of registration: the public form, its settings and questions, and the pool.

The public form needs no account. Everything showing a person is for VIEW_REGISTRANTS
roles only (never commissioners or observers); CSV exports are logged.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from minipublic import clock
from minipublic.integrity.uploads import download
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.recruitment import questions as question_actions
from minipublic.recruitment.models import Feature, RegistrantStatus
from minipublic.recruitment.pool_import import do_import_pool
from minipublic.recruitment.registration import (
    do_export_registrants,
    do_register,
    pool_counts,
    registration_state,
    shared_households,
)
from minipublic.recruitment.registration_forms import (
    ImportPoolForm,
    QuestionForm,
    RegistrationForm,
    RegistrationSettingsForm,
)
from minipublic.recruitment.retention import do_set_retention, retention_of
from minipublic.recruitment.throttle import allow_registration_attempt, is_bot

# Which form field a refusal of do_register belongs to (others are shown at the top).
_ERROR_FIELDS = {
    "registration_code": "code",
    "registration_consent": "consent",
    "registration_email": "email",
    "registration_no_contact": "email",
}


def _public_process(request: HttpRequest, slug: str) -> tuple[Process, str]:
    # Only a public process has a registration page; a private one stays unknown (404).
    process = access_process_for_user(request.user, slug, Action.REGISTER)
    state = registration_state(process)
    if state == "none":
        raise Http404(slug)
    return process, state


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """The public registration form (404 unless registration is or was open)."""
    process, state = _public_process(request, slug)
    if state == "closed":
        return render(request, "recruitment/registration_closed.html", {"process": process})
    options = process.registration_settings
    features = list(process.features.prefetch_related("values"))
    posted = request.POST if request.method == "POST" else None
    form = RegistrationForm(posted, features=features, code_required=options.code_required)
    status = 200
    if posted is not None:
        if is_bot(request):
            return redirect("recruitment:registered", process.slug)
        if not allow_registration_attempt(request):
            form.is_valid()
            form.add_error(None, _("Too many attempts from your connection. Try again in an hour."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                do_register(
                    request.user,
                    process,
                    code=data.get("code", ""),
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                    address=data["address"],
                    postcode=data["postcode"],
                    answers=form.answers(),
                    access_needs=data["access_needs"],
                    access_details=data["access_details"],
                    consent=data["consent"],
                )
            except LifecycleError as error:
                form.add_error(_ERROR_FIELDS.get(error.code), describe(error))
            else:
                return redirect("recruitment:registered", process.slug)
        if form.errors and status == 200:
            status = 400
    context = {"process": process, "form": form, "options": options}
    return render(request, "recruitment/register.html", context, status=status)


@require_safe
def registered(request: HttpRequest, slug: str) -> HttpResponse:
    """The thank-you page (the same whether or not anything was saved)."""
    process, _state = _public_process(request, slug)
    return render(request, "recruitment/registered.html", {"process": process})


@login_required
@require_http_methods(["GET", "POST"])
def registration_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """Open or close registration, require a code, set the notice; list the questions."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_RECRUITMENT)
    current = question_actions.settings_for(process)
    initial = {
        "open": current.open,
        "code_required": current.code_required,
        "privacy_notice": current.privacy_notice,
        "closes_on": current.closes_on,
        "retention_days": current.retention_days,
    }
    posted = request.POST if request.method == "POST" else None
    form = RegistrationSettingsForm(posted, initial=initial)
    if posted is not None and form.is_valid():
        fields = dict(form.cleaned_data)
        days = fields.pop("retention_days")
        try:
            with transaction.atomic():
                question_actions.do_update_registration(request.user, process, **fields)
                if days is not None:  # left empty: unchanged
                    do_set_retention(request.user, process, days=days)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, _("The registration settings are saved."))
            return redirect("recruitment:settings", process.slug)
    context = {
        "process": process,
        "form": form,
        "settings": current,
        "features": process.features.prefetch_related("values"),
        "registered": process.registrants.exists(),
    }
    return render(request, "recruitment/settings.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Add a question, or edit or delete one (until anyone registers)."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_RECRUITMENT)
    feature = None if pk is None else get_object_or_404(Feature, pk=pk, process=process)
    initial = {}
    if feature is not None:
        values = list(feature.values.all())
        initial = {
            "name": feature.name,
            "question": feature.question,
            "values": "\n".join(f"{v.value} | {v.label}" for v in values),
            "prefer_not_to_say": next((v.value for v in values if v.prefer_not_to_say), ""),
        }
    posted = request.POST if request.method == "POST" else None
    form = QuestionForm(posted, initial=initial)
    if posted is not None and "delete" in posted and feature is not None:
        try:
            question_actions.do_delete_feature(request.user, process, feature)
        except LifecycleError as error:
            messages.error(request, describe(error))
            return redirect("recruitment:question", process.slug, feature.pk)
        messages.success(request, _("The question is deleted."))
        return redirect("recruitment:settings", process.slug)
    if posted is not None:
        try:
            if form.is_valid():
                question_actions.do_save_feature(
                    request.user,
                    process,
                    name=form.cleaned_data["name"],
                    question=form.cleaned_data["question"],
                    values=form.answer_list(),
                    feature=feature,
                )
                messages.success(request, _("The question is saved."))
                return redirect("recruitment:settings", process.slug)
        except LifecycleError as error:
            form.add_error(None, describe(error))
    context = {"process": process, "form": form, "feature": feature}
    return render(request, "recruitment/question.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def registrants(request: HttpRequest, slug: str) -> HttpResponse:
    """The pool: counts per answer, and each registrant with duplicates and households flagged."""
    process = access_process_for_user(request.user, slug, Action.VIEW_REGISTRANTS)
    rows = process.registrants.select_related("duplicate_of").order_by("pk")
    status = request.GET.get("status", "")
    if status in RegistrantStatus.values:
        rows = rows.filter(status=status)
    features = list(process.features.prefetch_related("values"))
    counts = pool_counts(process, suppress_below=0)
    table = [
        (feature, [(value, counts[feature.name][value.value]) for value in feature.values.all()])
        for feature in features
    ]
    context = {
        "process": process,
        "registrants": rows,
        "shared": shared_households(process),
        "counts": table,
        "statuses": RegistrantStatus.choices,
        "status": status,
        "may_import": can(request.user, Action.MANAGE_RECRUITMENT, process),
        "retention": retention_of(process, clock.now().date()),
    }
    return render(request, "recruitment/registrants.html", context)


@login_required
@require_safe
def registrants_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every registrant as CSV (personal data); the export is logged."""
    process = access_process_for_user(request.user, slug, Action.VIEW_REGISTRANTS)
    content = do_export_registrants(request.user, process)
    return download(
        f"{process.slug}-registrants.csv", "text/csv; charset=utf-8", content, private=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_pool(request: HttpRequest, slug: str) -> HttpResponse:
    """Import registrants from a CSV or Excel file; a file with any bad row is refused whole."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_RECRUITMENT)
    if request.method == "POST":
        form = ImportPoolForm(request.POST, request.FILES)
    else:
        form = ImportPoolForm()
    if request.method == "POST" and form.is_valid():
        filename, content = form.cleaned_data["file"]
        try:
            count = do_import_pool(request.user, process, filename=filename, content=content)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, _("{rows} people imported into the pool.").format(rows=count))
            return redirect("recruitment:registrants", process.slug)
    return render(
        request,
        "recruitment/import_pool.html",
        {"process": process, "form": form},
        status=400 if form.errors else 200,
    )
