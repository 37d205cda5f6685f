"""Create (or bring up to date) the staff groups: Editors and Viewers."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand


def domain_permissions(*actions: str) -> list[Permission]:
    """The permissions of the domain models (not their history tables) for `actions`."""
    models = [
        model
        for label in settings.DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]
    codenames = [
        f"{action}_{model._meta.model_name}" for model in models for action in actions
    ]
    return list(
        Permission.objects.filter(
            content_type__app_label__in=settings.DOMAIN_APPS, codename__in=codenames
        )
    )


class Command(BaseCommand):
    help = (
        "Create the groups Editors (add, change and verify records, delete drafts; no "
        "user management) and Viewers (read-only admin). Safe to run again."
    )

    def handle(self, *args: object, **options: object) -> None:
        roles = {
            # Delete is granted, but the admin lets only superusers delete a published record.
            "Editors": domain_permissions("view", "add", "change", "delete"),
            "Viewers": domain_permissions("view"),
        }
        for name, permissions in roles.items():
            group, created = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            verb = "created" if created else "updated"
            self.stdout.write(f"{name}: {verb}, {len(permissions)} permissions")
