from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from gezondgewicht import views

admin.site.site_header = "Beheer · Gezond Gewicht Drenthe"
admin.site.site_title = "Beheer Gezond Gewicht Drenthe"
admin.site.index_title = "Beheer"
# One login for the whole app: the admin's own login page sends to allauth's (with MFA and
# rate limits), and refuses logged-in users without staff access.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("inspanningen.urls")),
    path("", include("experts.urls")),
]
