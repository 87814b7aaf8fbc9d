from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import UitnodigingForm
from accounts.models import Uitnodiging
from core.access import edit_page, require_coordinator
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
