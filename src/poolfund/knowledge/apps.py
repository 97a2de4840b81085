from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "poolfund.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from poolfund.knowledge import permissions  # noqa: F401
        from poolfund.knowledge.indexer import connect_sync_signals, rebuild_fts_after_restore
        from poolfund.ops.signals import backup_restored

        # Each app says how its records read as documents in its own `knowledge_sources.py`.
        autodiscover_modules("knowledge_sources")
        connect_sync_signals()
        backup_restored.connect(rebuild_fts_after_restore, dispatch_uid="knowledge-fts-restore")
