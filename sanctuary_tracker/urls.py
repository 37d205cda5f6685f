from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("jurisdictions/", include("jurisdictions.urls")),
    path("letters/", include("correspondence.urls")),
    path("awards/", include("grants.urls")),
    path("cases/", include("litigation.urls")),
    path("admin/", admin.site.urls),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
