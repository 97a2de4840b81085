"""CSV for every API list: `?format=csv` or `Accept: text/csv`."""

from rest_framework.renderers import BaseRenderer

from poolfund.api.tabular import csv_lines, table


class CSVRenderer(BaseRenderer):
    """Renders a list (or the `results` of a page) as CSV, one flattened object per row."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            data = data["results"]
        elif isinstance(data, dict):
            data = [data]
        columns, rows = table(data)
        view = (renderer_context or {}).get("view")
        if not columns and hasattr(view, "get_serializer"):
            columns = list(view.get_serializer().fields)
        return "".join(csv_lines(columns, rows)).encode(self.charset)
