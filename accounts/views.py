from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import require_coordinator
from accounts.filters import AccountFilter
from accounts.forms import MeldingenForm, RolForm, UitnodigingForm
from accounts.models import Perspectief, Uitnodiging, User
from core import security_log
from core.access import edit_page
from core.mail import Ontvanger, absolute_url, stuur
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
        if _stuur(email, token, door=request.user):
            messages.success(
                request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": email}
            )
        else:
            messages.warning(
                request,
                _(
                    "De uitnodiging voor %(email)s is aangemaakt, maar de e-mail kon niet worden "
                    "verstuurd. Probeer het later opnieuw: een nieuwe uitnodiging vervangt deze."
                )
                % {"email": email},
            )
        return redirect("accounts:uitnodigingen")
    page = paginate(request, Uitnodiging.objects.select_related("aangemaakt_door"))
    return render(
        request,
        "accounts/uitnodigingen.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


def _stuur(email: str, token: str, *, door) -> bool:
    return bool(
        stuur(
            [Ontvanger(email)],
            onderwerp=gettext_lazy("Uitnodiging voor Gezond Gewicht Drenthe"),
            template="accounts/email/uitnodiging",
            context={
                "url": absolute_url(reverse("accounts:uitnodiging", args=[token])),
                "door": door,
                "dagen": Uitnodiging.GELDIG.days,
            },
        )
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
        if account.perspectief != form.cleaned_data["perspectief"]:
            account.perspectief = form.cleaned_data["perspectief"]
            account.save(update_fields=["perspectief"])
            security_log.log(
                "perspectief_gewijzigd",
                door=request.user.pk,
                account=account.pk,
                perspectief=account.perspectief or "-",
            )
        messages.success(
            request,
            _("%(account)s heeft nu de rol %(rol)s.") % {"account": account, "rol": rol}
            + (
                " " + _("Perspectief: %(p)s.") % {"p": account.get_perspectief_display()}
                if account.perspectief
                else ""
            ),
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
            "perspectieven": Perspectief.choices,
        },
        status=400 if form.errors else 200,
    )


@login_required
def mijn_account(request):
    """The account's own settings: the language of e-mails and the optional messages, with
    links to allauth's pages for the address, the password and the second factor."""
    form = MeldingenForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw instellingen zijn bewaard."))
        return redirect("accounts:mijn_account")
    return render(
        request, "accounts/mijn_account.html", {"form": form}, status=400 if form.errors else 200
    )
