from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "poolfund.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge"

    def ready(self) -> None:
        from poolfund.knowledge import permissions, sources  # noqa: F401
        from poolfund.knowledge.indexer import connect_sync_signals, rebuild_fts_after_restore
        from poolfund.ops.signals import backup_restored

        connect_sync_signals()
        backup_restored.connect(rebuild_fts_after_restore, dispatch_uid="knowledge-fts-restore")
