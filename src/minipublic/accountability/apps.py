from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "minipublic.accountability"
    label = "accountability"
    verbose_name = _("Responses and follow-up")
