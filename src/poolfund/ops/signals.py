from django.dispatch import Signal

backup_restored = Signal()
"""Sent inside the restore's transaction once every row is back, with `using`: apps rebuild
here what a backup does not carry because it is derived (search indexes)."""
