import hashlib
import secrets
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import roles
from core.text import normalise_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email=normalise_email(email))

    def met_rol(self, *rollen: str):
        """The active accounts with one of the app's roles (roles.COORDINATOR, …); a superuser
        counts as coordinator, as User.is_coordinator says."""
        rol = models.Q(groups__name__in=rollen)
        if roles.COORDINATOR in rollen:
            rol |= models.Q(is_superuser=True)
        return self.filter(rol, is_active=True).distinct()


def accountnaam(naam: str, pk) -> str:
    """How an account is named wherever it shows: its name, else its number. Never the e-mail
    address, which would show wherever the account is named."""
    return naam or _("account %(nummer)s") % {"nummer": pk}


class Perspectief(models.TextChoices):
    """The layer a stuurgroep member speaks for when they score a round together."""

    BESTUUR = "bestuur", _("Bestuur")
    BELEID = "beleid", _("Beleid")
    UITVOERING = "uitvoering", _("Uitvoering")
    INWONER = "inwoner", _("Inwoner of ervaringsdeskundige")


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People log in with their e-mail address; there are no usernames."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    naam = models.CharField(_("naam"), max_length=150, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(
        _("toegang tot beheer"),
        default=False,
        help_text=_("Mag inloggen in het beheer (Django-admin)."),
    )
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    taal = models.CharField(
        _("taal van e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    mail_herinneringen = models.BooleanField(
        _("herinneringen voor een deadline"),
        default=True,
        help_text=_("Een week voor de deadline van een ronde, als er nog cellen open staan."),
    )
    mail_vastgesteld = models.BooleanField(
        _("bericht als een ronde is vastgesteld"),
        default=True,
    )

    perspectief = models.CharField(
        _("perspectief"),
        max_length=12,
        choices=Perspectief,
        blank=True,
        help_text=_(
            "Vanuit welke laag iemand in de stuurgroep kijkt. Bij een anonieme ronde is dit het "
            "enige dat bij een individuele score staat."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_uniek"),
        ]

    def __str__(self):
        return accountnaam(self.naam, self.pk)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.naam or self.email

    def get_short_name(self):
        return self.naam.split(" ")[0] if self.naam else self.email

    def zichtbaar_voor(self, user) -> bool:
        """An account's name (who finalised a round, who changed a score) is for logged-in
        users only; on public pages it never shows."""
        return user.is_authenticated

    @cached_property
    def role_names(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and (self.is_superuser or roles.COORDINATOR in self.role_names)

    @property
    def is_stuurgroep(self) -> bool:
        return self.is_active and roles.STUURGROEP in self.role_names


class Uitnodiging(models.Model):
    """An invitation from the coordinator: a link that works once and expires after 14 days.
    Only a hash of the token is stored; the link itself is only in the e-mail."""

    GELDIG = timedelta(days=14)
    SESSIE = "gg_uitnodiging"  # the session key that keeps an accepted invitation until sign-up

    email = models.EmailField(_("e-mailadres"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    aangemaakt_door = models.ForeignKey(
        User,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return self.email

    @staticmethod
    def _hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def maak(cls, *, email: str, door) -> tuple["Uitnodiging", str]:
        token = secrets.token_urlsafe(32)
        nu = timezone.now()
        uitnodiging = cls.objects.create(
            email=normalise_email(email),
            token_hash=cls._hash(token),
            aangemaakt_door=door,
            aangemaakt_op=nu,
            verloopt_op=nu + cls.GELDIG,
        )
        return uitnodiging, token

    @classmethod
    def geldig(cls, token: str):
        """The invitation for this token, if it is unused and has not expired."""
        return cls.objects.filter(
            token_hash=cls._hash(token or ""),
            gebruikt_op__isnull=True,
            verloopt_op__gt=timezone.now(),
        ).first()

    @property
    def status(self) -> str:
        if self.gebruikt_op:
            return _("gebruikt")
        return _("verlopen") if self.verloopt_op <= timezone.now() else _("open")
