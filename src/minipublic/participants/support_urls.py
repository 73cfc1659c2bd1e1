"""Addresses of the support part, under /p/<slug>/support/ (docs/participants.md)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.participants import support_item_views as item_views
from minipublic.participants import support_views as views

_S = "p/<slug:slug>/support/"
_PLAN = f"{_S}<int:plan_id>/"
_ITEM = f"{_PLAN}items/<int:item_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_S, views.support_home, name="support_home"),
    path(f"{_S}settings/", views.support_settings, name="support_settings"),
    path(f"{_S}start/", views.support_start_plans, name="support_start_plans"),
    path(f"{_S}totals/", views.support_totals, name="support_totals"),
    path(f"{_S}totals.csv", views.support_totals_csv, name="support_totals_csv"),
    path(f"{_S}payments.csv", views.support_payments_csv, name="support_payments_csv"),
    path(_PLAN, views.support_plan, name="support_plan"),
    path(f"{_PLAN}items/new/", item_views.support_item, name="support_item_new"),
    path(_ITEM, item_views.support_item, name="support_item"),
    path(f"{_ITEM}receipt/", item_views.support_receipt, name="support_receipt"),
    path(
        f"{_ITEM}approve/", item_views.support_payment, {"step": "approve"}, name="support_approve"
    ),
    path(f"{_ITEM}paid/", item_views.support_payment, {"step": "paid"}, name="support_paid"),
]
