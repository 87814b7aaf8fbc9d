from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import require_coordinator
from accounts.filters import AccountFilter
from accounts.forms import RolForm, UitnodigingForm
from accounts.models import Uitnodiging, User
from core.access import edit_page
from core.pagination import paginate


@edit_page
def uitnodigingen(request):
    require_coordinator(request)
    form = UitnodigingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        with transaction.atomic():
            Uitnodiging.objects.filter(email=email, gebruikt_op__isnull=True).delete()
            _uitnodiging, token = Uitnodiging.maak(email=email, door=request.user)
        _stuur(email, token, door=request.user)
        messages.success(
            request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": email}
        )
        return redirect("accounts:uitnodigingen")
    page = paginate(request, Uitnodiging.objects.select_related("aangemaakt_door"))
    return render(
        request,
        "accounts/uitnodigingen.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


def _stuur(email: str, token: str, *, door) -> None:
    context = {
        "url": settings.SITE_URL + reverse("accounts:uitnodiging", args=[token]),
        "door": door,
        "dagen": Uitnodiging.GELDIG.days,
    }
    send_mail(
        subject=_("Uitnodiging voor Gezond Gewicht Drenthe"),
        message=render_to_string("accounts/email/uitnodiging.txt", context),
        html_message=render_to_string("accounts/email/uitnodiging.html", context),
        from_email=None,
        recipient_list=[email],
    )


@edit_page
@require_POST
def intrekken(request, pk: int):
    require_coordinator(request)
    uitnodiging = get_object_or_404(Uitnodiging, pk=pk, gebruikt_op__isnull=True)
    uitnodiging.delete()
    messages.success(
        request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": uitnodiging.email}
    )
    return redirect("accounts:uitnodigingen")


def accepteren(request, token: str):
    """The link from the e-mail: remember the invitation, and go on to sign up."""
    uitnodiging = Uitnodiging.geldig(token)
    if uitnodiging is None:
        return render(request, "accounts/uitnodiging_ongeldig.html", status=410)
    if request.user.is_authenticated:
        messages.info(request, _("U bent al ingelogd; u heeft de uitnodiging niet meer nodig."))
        return redirect("home")
    request.session[Uitnodiging.SESSIE] = token
    # The link came by e-mail, so this address counts as verified.
    get_adapter(request).stash_verified_email(request, uitnodiging.email)
    return redirect("account_signup")


def _is_coordinator(request) -> bool:
    return request.user.is_authenticated and request.user.is_coordinator


@edit_page
@reauthentication_required(enabled=_is_coordinator)  # others get their 403 without being asked
def rollen(request):
    """The Coördinator gives each account one of the app's roles. The page asks for the
    password again first; every change goes to the security log. Superusers are managed in the
    admin, and nobody changes their own role."""
    require_coordinator(request)
    form = RolForm(request.POST or None, door=request.user)
    if request.method == "POST" and form.is_valid():
        account, rol = form.cleaned_data["account"], form.cleaned_data["rol"]
        roles.geef_rol(account, rol)
        messages.success(
            request,
            _("%(account)s heeft nu de rol %(rol)s.") % {"account": account, "rol": rol},
        )
        return redirect(request.get_full_path())
    filterset = AccountFilter(
        request.GET,
        queryset=User.objects.filter(is_superuser=False)
        .prefetch_related("groups")
        .order_by("email"),
    )
    page = paginate(request, filterset.qs.distinct())
    return render(
        request,
        "accounts/rollen.html",
        {
            "filter": filterset,
            "form": form,
            "page": page,
            "rollen": roles.ROLES,
        },
        status=400 if form.errors else 200,
    )
