from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView

from review import views
from review.feeds import ChangesFeed, JurisdictionChangesFeed


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links; send them the static icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static_url("favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("", views.dashboard, name="home"),
    path("feeds/changes.atom", ChangesFeed(), name="changes_feed"),
    path(
        "jurisdictions/<slug:slug>/feed.atom",
        JurisdictionChangesFeed(),
        name="jurisdiction_feed",
    ),
    path("compare/", views.compare_jurisdictions, name="compare"),
    path("compare/export.<str:fmt>", views.export_comparison, name="compare_export"),
    path("campaigns/", include("review.campaign_urls")),
    path("jurisdictions/", include("review.urls")),
    path("letters/", include("correspondence.urls")),
    path("awards/", include("grants.urls")),
    path("cases/", include("litigation.urls")),
    path("lists/", include("designations.urls")),
    path("directives/", include("review.directive_urls")),
    path("search/", include("search.urls")),
    path("data/", views.data_dictionary, name="data"),
    path("data/sanctuary-tracker-data.zip", views.download_dataset, name="dataset"),
    path("data/datapackage.json", views.datapackage_json, name="datapackage"),
    path("admin/", admin.site.urls),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
