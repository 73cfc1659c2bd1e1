"""Addresses of the portal part (docs/participants.md): the participant's own page and
privacy choices, the public list of named members, the contact form and its handling."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from minipublic.participants import portal_contact_views, portal_views

_P = "p/<slug:slug>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{_P}me/", portal_views.my_page, name="portal_me"),
    path(f"{_P}me/privacy/", portal_views.privacy, name="portal_privacy"),
    path(f"{_P}me/privacy/withdraw/", portal_views.withdraw, name="portal_withdraw"),
    path(f"{_P}me/direct-contact/", portal_views.direct_contact, name="portal_direct_contact"),
    path(f"{_P}participants/", portal_views.participant_names, name="portal_names"),
    path(f"{_P}contact/", portal_contact_views.contact, name="contact_form"),
    path(f"{_P}contact/sent/", portal_contact_views.contact_sent, name="contact_sent"),
    path(f"{_P}contact/requests/", portal_contact_views.contact_requests, name="contact_requests"),
    path(
        f"{_P}contact/requests/<int:number>/",
        portal_contact_views.contact_request,
        name="contact_request",
    ),
]
