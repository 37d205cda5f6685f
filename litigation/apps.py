from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "litigation"
    verbose_name = "Court cases and rulings"
