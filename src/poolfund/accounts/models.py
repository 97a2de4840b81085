"""People who sign in, and the dated, scoped roles they hold."""

import hashlib
from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role


class User(AbstractUser):
    """A person who signs in to PoolFund. What they may do comes from their role assignments."""

    audit_excluded_fields = ("password",)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class RoleAssignmentQuerySet(models.QuerySet):
    def active_on(self, day: date | None = None) -> "RoleAssignmentQuerySet":
        day = day or timezone.localdate()
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=day)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )


class RoleAssignment(models.Model):
    """A role held by a person, possibly for a term (a Steering Committee seat) and possibly
    scoped to a country (government focal point) or a donor (donor focal point); later apps
    add their own scopes."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    donor = models.ForeignKey(
        "donors.Donor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("donor"),
    )
    organisation = models.ForeignKey(
        "programmes.ParticipatingOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participating UN organisation"),
    )
    constituency = models.CharField(
        _("constituency"), max_length=120, blank=True, help_text=_("e.g. donor representative")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="role_term_ends_after_it_starts",
                violation_error_message=_("A term cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.GOVERNMENT_FOCAL_POINT) | Q(country__isnull=False),
                name="government_focal_point_has_a_country",
                violation_error_message=_("A government focal point is scoped to a country."),
            ),
        ]

    def __str__(self) -> str:
        scope = f" ({self.country.iso3})" if self.country_id else ""
        return f"{self.user} — {self.get_role_display()}{scope}"


class ApiToken(models.Model):
    """A key a script sends as `Authorization: Token <key>` to act as its owner. Only a digest
    of the key is stored: the key itself is shown once, when the token is created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    prefix = models.CharField(_("prefix"), max_length=8, help_text=_("The key's first letters."))
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    audit_excluded_fields = ("digest",)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name}, {self.user})"

    @staticmethod
    def digest_for(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class FailedLogin(models.Model):
    """One failed sign-in, counted by the limit on password guessing and then forgotten."""

    username = models.CharField(_("username"), max_length=150)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-attempted_at"]
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")
        indexes = [models.Index(fields=["username", "ip_address", "attempted_at"])]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address} at {self.attempted_at:%Y-%m-%d %H:%M}"
