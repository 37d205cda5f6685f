from django.contrib import admin
from django.urls import include, path

from jurisdictions import views as jurisdiction_views

urlpatterns = [
    path("", jurisdiction_views.home, name="home"),
    path("jurisdictions/", include("jurisdictions.urls")),
    path("letters/", include("correspondence.urls")),
    path("cases/", include("litigation.urls")),
    path("admin/", admin.site.urls),
]
