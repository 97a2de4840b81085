"""Notifications kept for each person, and how each person wants to be told."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from poolfund.inbox.choices import Delivery


class Notification(models.Model):
    """Something that happened that concerns a person. It holds the values of the message,
    not its text, so it reads in whatever language its reader uses; its e-mail is sent by the
    worker after the change has committed, and a failure leaves the notification as it was."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=80)
    key = models.CharField(
        _("key"),
        max_length=200,
        blank=True,
        help_text=_("Names the event, so that it is told to a person once (reminders)."),
    )
    params = models.JSONField(_("values of the message"), default=dict)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.NOW
    )
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.TextField(_("last e-mail error"), blank=True)
    digested_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                condition=~Q(key=""),
                name="notification_told_once",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class MessagePreferences(models.Model):
    """A person's language for messages and, per kind of message, how they want it; a kind
    they never chose is e-mailed at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_preferences"
    )
    language = models.CharField(
        _("language of messages"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    deliveries = models.JSONField(_("delivery per kind of message"), default=dict, blank=True)
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message preferences")
        verbose_name_plural = _("message preferences")

    def __str__(self) -> str:
        return f"Message preferences of {self.user}"

    def delivery_of(self, kind: str) -> Delivery:
        return Delivery(self.deliveries.get(kind, Delivery.NOW))

    @property
    def wants_digest(self) -> bool:
        return Delivery.DIGEST in self.deliveries.values()
