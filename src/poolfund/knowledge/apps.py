from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "poolfund.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge"

    def ready(self) -> None:
        from poolfund.knowledge import permissions, sources  # noqa: F401
        from poolfund.knowledge.indexer import connect_sync_signals

        connect_sync_signals()
