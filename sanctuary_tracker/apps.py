from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class SanctuaryTrackerConfig(AppConfig):
    """The project package doubles as the app that owns sources and citations."""

    name = "sanctuary_tracker"
    verbose_name = "Sources"

    def ready(self) -> None:
        from .cache import bump_data_version

        # A release runs `migrate`: what the old code cached (the dashboard's figures,
        # each list's total) is stale too.
        post_migrate.connect(bump_data_version, sender=self, dispatch_uid="bump-cache")

        for label in settings.DOMAIN_APPS:
            for model in apps.get_app_config(label).get_models():
                if getattr(model, "derived", False):
                    continue  # its rows follow writes that bump the version already
                uid = f"bump-cache-{model._meta.label}"
                post_save.connect(bump_data_version, sender=model, dispatch_uid=uid)
                post_delete.connect(bump_data_version, sender=model, dispatch_uid=uid)
                for m2m in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        bump_data_version,
                        sender=m2m.remote_field.through,
                        dispatch_uid=f"{uid}-{m2m.name}",
                    )
