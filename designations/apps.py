from django.apps import AppConfig


class DesignationsConfig(AppConfig):
    name = "designations"
    verbose_name = "Published lists"
