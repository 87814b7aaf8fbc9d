from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("uitnodigingen/", views.uitnodigingen, name="uitnodigingen"),
    path("uitnodigingen/<int:pk>/intrekken/", views.intrekken, name="intrekken"),
    path("uitnodiging/<str:token>/", views.accepteren, name="uitnodiging"),
    path("rollen/", views.rollen, name="rollen"),
    path("mijn-account/", views.mijn_account, name="mijn_account"),
]
