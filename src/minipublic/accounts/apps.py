from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "minipublic.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        """Stop Django recording each sign-in's time in ``User.last_login``.

        Nothing here uses it, and a list of who signed in when could be matched against
        the day of an anonymous report (docs/integrity.md, "Anonymous reports").
        """
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
