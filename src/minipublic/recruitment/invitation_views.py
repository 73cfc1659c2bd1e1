"""Pages of the invitation lottery: address lists, draws and the letters to print.

Everything here is for the people who run recruitment (MANAGE_RECRUITMENT); the letters
hold addresses, so downloading them needs VIEW_REGISTRANTS and every download is logged
as a personal-data export. Commissioners and observers see none of it.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.integrity.uploads import download, read_table_upload
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.recruitment.invitations import (
    LETTER_TEXT_MAX,
    NAME_MAX,
    SEED_MAX,
    area_counts,
    do_draw_invitations,
    do_log_letters_export,
    do_set_letter_text,
    do_upload_address_list,
)
from minipublic.recruitment.letters import letter_text, letters_csv, letters_pdf
from minipublic.recruitment.models import AddressList, InvitationDraw

UNIFORM, BY_AREA = "uniform", "areas"


class UploadAddressesForm(forms.Form):
    """Upload an address list (CSV or Excel) to draw invitations from."""

    name = forms.CharField(label=gettext_lazy("Name of the list"), max_length=NAME_MAX)
    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx)"),
        help_text=gettext_lazy(
            "The first row names the columns: 'address' (or address1 to address4) and, "
            "if you have it, 'postcode'. Nothing is imported if any row has a problem."
        ),
    )
    area_column = forms.CharField(
        label=gettext_lazy("Column with the area (optional)"),
        max_length=100,
        required=False,
        help_text=gettext_lazy(
            "Name the column that gives each address's area (e.g. ward) to send more "
            "letters to some areas. Leave empty for none."
        ),
    )

    def clean_file(self) -> tuple[str, bytes]:
        """The file's name and bytes, refused if larger than the upload limit."""
        return read_table_upload(self.cleaned_data["file"], "addresses")


class DrawForm(forms.Form):
    """Draw invitations from one address list: uniformly or a number per area."""

    mode = forms.ChoiceField(
        label=gettext_lazy("How to draw"),
        choices=[
            (UNIFORM, gettext_lazy("The same chance for every address")),
            (BY_AREA, gettext_lazy("A number of letters for each area")),
        ],
        initial=UNIFORM,
        widget=forms.RadioSelect,
    )
    size = forms.IntegerField(
        label=gettext_lazy("Number of letters (same chance for every address)"),
        min_value=1,
        required=False,
    )
    seed = forms.CharField(
        label=gettext_lazy("Seed"),
        max_length=SEED_MAX,
        help_text=gettext_lazy(
            "The draw follows from the list and this seed, so anyone can re-run it. "
            "A random suggestion is filled in; you may replace it with a number announced "
            "in advance (e.g. a lottery result)."
        ),
    )

    def __init__(self, *args: Any, counts: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = list(counts)
        if not counts:
            del self.fields["mode"]
        for index, (area, count) in enumerate(counts.items()):
            self.fields[f"area_{index}"] = forms.IntegerField(
                label=_("Letters for {area} ({count} addresses)").format(area=area, count=count),
                min_value=0,
                max_value=count,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        """Check that the chosen way of drawing has its numbers."""
        data = super().clean() or {}
        if data.get("mode", UNIFORM) == UNIFORM:
            if not data.get("size") and "size" not in self.errors:
                self.add_error("size", _("Say how many letters to draw."))
        elif not any(self.per_area(data).values()):
            self.add_error(None, _("Give at least one area a number of letters."))
        return data

    def per_area(self, data: dict[str, Any] | None = None) -> dict[str, int]:
        """The letters per area (empty for a uniform draw)."""
        data = self.cleaned_data if data is None else data
        if data.get("mode", UNIFORM) == UNIFORM:
            return {}
        return {area: data.get(f"area_{index}") or 0 for index, area in enumerate(self.areas)}


def _lists(process: Process) -> list[AddressList]:
    return list(
        AddressList.objects.filter(process=process)
        .annotate(rows=Count("addresses"))
        .order_by("-pk")
    )


@login_required
@require_safe
def invitations(request: HttpRequest, slug: str) -> HttpResponse:
    """The address lists and invitation draws of the process."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_RECRUITMENT)
    lists = _lists(process)
    for address_list in lists:
        address_list.areas = area_counts(address_list)  # type: ignore[attr-defined]
    draws = InvitationDraw.objects.filter(process=process).select_related("address_list")
    return render(
        request,
        "recruitment/invitations.html",
        {"process": process, "lists": lists, "draws": draws.order_by("-pk")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload_addresses(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload an address list; a file with any bad row is refused whole."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_RECRUITMENT)
    if request.method == "POST":
        form = UploadAddressesForm(request.POST, request.FILES)
    else:
        form = UploadAddressesForm()
    if request.method == "POST" and form.is_valid():
        filename, content = form.cleaned_data["file"]
        try:
            address_list = do_upload_address_list(
                request.user,
                process,
                name=form.cleaned_data["name"],
                filename=filename,
                content=content,
                area_column=form.cleaned_data["area_column"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                _("{name}: {rows} addresses imported.").format(
                    name=address_list.name, rows=address_list.addresses.count()
                ),
            )
            return redirect("recruitment:invitations", process.slug)
    return render(
        request,
        "recruitment/upload_addresses.html",
        {"process": process, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def draw_invitations(request: HttpRequest, slug: str) -> HttpResponse:
    """Draw invitations from a list (``?list=<pk>``, default the newest one)."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_RECRUITMENT)
    lists = _lists(process)
    chosen = request.GET.get("list", "")
    address_list = next((item for item in lists if str(item.pk) == chosen), None)
    if address_list is None and chosen:
        raise Http404(chosen)
    address_list = address_list or (lists[0] if lists else None)
    if address_list is None:
        return render(
            request, "recruitment/draw_invitations.html", {"process": process, "lists": lists}
        )
    counts = area_counts(address_list)
    if request.method == "POST":
        form = DrawForm(request.POST, counts=counts)
    else:
        form = DrawForm(counts=counts, initial={"seed": secrets.token_hex(8)})
    if request.method == "POST" and form.is_valid():
        per_area = form.per_area()
        try:
            draw = do_draw_invitations(
                request.user,
                process,
                address_list,
                size=sum(per_area.values()) if per_area else form.cleaned_data["size"],
                letters_per_area=per_area or None,
                seed=form.cleaned_data["seed"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, _("{size} invitations drawn.").format(size=draw.size))
            return redirect("recruitment:draw", process.slug, draw.pk)
    return render(
        request,
        "recruitment/draw_invitations.html",
        {"process": process, "lists": lists, "address_list": address_list, "form": form},
        status=400 if form.errors else 200,
    )


def _draw(process: Process, pk: int) -> InvitationDraw:
    return get_object_or_404(
        InvitationDraw.objects.select_related("process", "address_list"), process=process, pk=pk
    )


class LetterTextForm(forms.Form):
    """The invitation text printed on every letter of a draw."""

    text = forms.CharField(
        label=gettext_lazy("Invitation text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        help_text=gettext_lazy(
            "Printed on every letter, above the code. At most {limit} characters. Leave it "
            "empty to print the default text."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["text"]
        field.help_text = str(field.help_text).format(limit=LETTER_TEXT_MAX)


@login_required
@require_http_methods(["GET", "POST"])
def draw_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One draw: its seed and hash, the letters per area, the letter text and the downloads."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_RECRUITMENT)
    draw = _draw(process, pk)
    if request.method == "POST":
        form = LetterTextForm(request.POST)
        if form.is_valid():
            try:
                do_set_letter_text(request.user, process, draw, form.cleaned_data["text"])
            except LifecycleError as error:
                form.add_error("text", describe(error))
            else:
                messages.success(request, _("The invitation text is saved."))
                return redirect("recruitment:draw", process.slug, draw.pk)
    else:
        form = LetterTextForm(initial={"text": letter_text(draw)})
    drawn = dict(
        draw.invitations.values("address__area")
        .annotate(n=Count("pk"))
        .values_list("address__area", "n")
    )
    available = area_counts(draw.address_list)
    rows = [
        {"area": area, "available": count, "drawn": drawn.get(area, 0)}
        for area, count in available.items()
    ]
    return render(
        request,
        "recruitment/draw.html",
        {
            "process": process,
            "draw": draw,
            "rows": rows,
            "text_form": form,
            "printed_text": letter_text(draw),
        },
        status=400 if form.errors else 200,
    )


def _letters(request: HttpRequest, slug: str, pk: int, what: str) -> tuple[InvitationDraw, str]:
    process = access_process_for_user(request.user, slug, Action.VIEW_REGISTRANTS)
    draw = _draw(process, pk)
    do_log_letters_export(request.user, process, draw, what=what)
    return draw, f"{process.slug}-invitations-{draw.pk}"


@login_required
@require_safe
def letters_pdf_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The letters as a PDF with the stored invitation text; logged as an export."""
    draw, name = _letters(request, slug, pk, "invitation letters (PDF)")
    content = letters_pdf(draw)
    return download(f"{name}.pdf", "application/pdf", content, private=True)


@login_required
@require_safe
def letters_csv_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The letters as a mail-merge CSV; logged as an export."""
    draw, name = _letters(request, slug, pk, "invitation letters (CSV)")
    return download(f"{name}.csv", "text/csv; charset=utf-8", letters_csv(draw), private=True)
