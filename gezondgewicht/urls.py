from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from gezondgewicht import views

admin.site.site_header = _("Beheer · Gezond Gewicht Drenthe")
admin.site.site_title = _("Beheer Gezond Gewicht Drenthe")
admin.site.index_title = _("Beheer")
# One login for the whole app: the admin's own login page sends to allauth's (with MFA and
# rate limits), and refuses logged-in users without staff access.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("taal/", set_language, name="set_language"),
    path("gezond/", views.gezond, name="gezond"),
    path("mijn-profiel/gegevens.json", views.mijn_gegevens, name="mijn_gegevens"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("inspanningen.urls")),
    path("", include("kennis.urls")),
    path("", include("experts.urls")),
]

handler403 = views.geen_toegang
