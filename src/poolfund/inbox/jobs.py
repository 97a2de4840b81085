from poolfund.inbox.mail import deliver_notification
from poolfund.jobs import job


@job("inbox.send-email")
def send_notification_email(*, notification_id: int) -> dict:
    """The e-mail of one notification, after the change that made it has committed."""
    return deliver_notification(notification_id)
