from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissioningConfig(AppConfig):
    name = "minipublic.commissioning"
    label = "commissioning"
    verbose_name = _("Commissioning")
