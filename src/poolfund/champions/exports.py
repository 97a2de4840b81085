"""A roadmap as a proposal document for donors and IFIs: PDF (WeasyPrint, from the same HTML
as the page) and DOCX (python-docx)."""

import io

from django.template.loader import render_to_string

from poolfund.champions.models import Roadmap


def roadmap_pdf(roadmap: Roadmap) -> bytes:
    from weasyprint import HTML

    html = render_to_string("champions/roadmap_document.html", {"roadmap": roadmap})
    return HTML(string=html).write_pdf()


def roadmap_docx(roadmap: Roadmap) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(roadmap.title, level=0)
    document.add_paragraph(f"Status: {roadmap.get_status_display()}")
    if roadmap.countries.exists():
        document.add_paragraph("Countries: " + ", ".join(map(str, roadmap.countries.all())))
    document.add_heading("Scope", level=1)
    document.add_paragraph(roadmap.scope)
    document.add_heading("Objectives", level=1)
    for objective in roadmap.objectives:
        document.add_paragraph(objective, style="List Bullet")
    document.add_heading("GCM objectives and thematic area", level=1)
    for objective in roadmap.gcm_objectives.all():
        document.add_paragraph(f"{objective.number}. {objective.title}", style="List Bullet")
    if roadmap.thematic_area:
        document.add_paragraph(
            f"Thematic area {roadmap.thematic_area.number}: {roadmap.thematic_area.description}"
        )
    document.add_heading("Key actors", level=1)
    actors = document.add_table(rows=1, cols=3)
    actors.rows[0].cells[0].text, actors.rows[0].cells[1].text, actors.rows[0].cells[2].text = (
        "Actor",
        "Kind",
        "Role",
    )
    for actor in roadmap.actors.all():
        cells = actors.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = (
            actor.name,
            actor.get_kind_display(),
            actor.role,
        )
    document.add_heading("Expected results", level=1)
    for result in roadmap.results.all():
        indicator = f" (indicator: {result.indicator})" if result.indicator else ""
        document.add_paragraph(result.description + indicator, style="List Number")
    document.add_heading("Timeline", level=1)
    for milestone in roadmap.milestones.all():
        document.add_paragraph(f"{milestone.due_on:%d %B %Y}: {milestone.description}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
