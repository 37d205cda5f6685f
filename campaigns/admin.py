from django.contrib import admin

from sanctuary_tracker.admin import TrackedAdmin

from .models import Campaign


@admin.register(Campaign)
class CampaignAdmin(TrackedAdmin):
    list_display = ["name", "started_on", "ended_on", "led_by"]
    search_fields = ["name", "led_by", "legal_basis", "summary"]
    prepopulated_fields = {"slug": ["name"]}
