"""Index synthetic knowledge documents and answer similarity and search queries; print figures.

    .venv/bin/python bench/knowledge.py                        # 50,000 documents, TF-IDF and model
    .venv/bin/python bench/knowledge.py --methods model --documents 10000

Both methods index every document: with the model, each with its embedding.

Runs in a throw-away SQLite database unless DATABASE_URL names one (use a scratch database:
the synthetic documents are deleted at the end). The texts are sentences of the shipped
labelled examples, mixed at random with a fixed seed, with countries and objectives.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "poolfund.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("POOLFUND_VAR_DIR", tempfile.mkdtemp(prefix="poolfund-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from poolfund.knowledge import embeddings  # noqa: E402
from poolfund.knowledge.indexer import delete_documents, write_documents  # noqa: E402
from poolfund.knowledge.models import KnowledgeDocument  # noqa: E402
from poolfund.knowledge.registry import DocumentFields, DocumentSource, register_source  # noqa: E402
from poolfund.knowledge.search import SearchFilters, search_documents  # noqa: E402
from poolfund.knowledge.similarity import similar_documents, vector_index  # noqa: E402
from poolfund.knowledge.suggestions import shipped_labelled_examples  # noqa: E402

KIND = "synthetic"
COUNTRIES = ["CRI", "PAN", "COL", "ECU", "PER", "CHL", "MEX", "GTM", "HND", "SLV", "BRA", "URY"]
QUERIES = 30


def synthetic_documents(count: int, seed: int = 7):
    generator = random.Random(seed)
    examples = shipped_labelled_examples()
    for number in range(count):
        picked = generator.sample(examples, 3)
        yield (
            str(number),
            DocumentFields(
                title=f"Synthetic programme {number}: {picked[0][0][:60]}",
                text=" ".join(text for text, _ in picked) + f" Reference {number}.",
                countries=generator.sample(COUNTRIES, generator.randint(1, 2)),
                objectives=sorted({objective for _, objective in picked}),
                organisations=generator.sample(["IOM", "UNDP", "UNICEF", "ILO", "UNHCR"], 2),
                year=generator.randint(2019, 2025),
            ),
        )


def timed(action):
    """(result, wall-clock seconds, CPU seconds of this process): on a shared machine the CPU
    time is the steadier figure."""
    started, started_cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - started, time.process_time() - started_cpu


def query_times(action, samples: list) -> str:
    timings = [timed(lambda sample=sample: action(sample))[1:] for sample in samples]
    wall = [seconds * 1000 for seconds, _ in timings]
    cpu = [seconds * 1000 for _, seconds in timings]
    return (
        f"median {statistics.median(wall):.1f} ms (CPU {statistics.median(cpu):.1f} ms), "
        f"max {max(wall):.1f} ms"
    )


def run(method: str, documents: int) -> None:
    os.environ["POOLFUND_SEMANTIC_MODEL"] = "off" if method == "tfidf" else "auto"
    if method == "model" and embeddings.sentence_model() is None:
        print("model: wordllama is not installed; skipped")
        return
    delete_documents(KnowledgeDocument.objects.filter(kind=KIND))
    written, write_seconds, write_cpu = timed(
        lambda: write_documents(KIND, synthetic_documents(documents))
    )
    what = f"embeddings ({embeddings.MODEL_NAME}), " if method == "model" else ""
    print(
        f"{method}: indexed {written} documents in {write_seconds:.1f} s "
        f"(CPU {write_cpu:.1f} s; {what}full-text and facets)"
    )
    index, load_seconds, load_cpu = timed(vector_index)
    print(
        f"{method}: vector index ({index.method}, {len(index.ids)} documents) built in "
        f"{load_seconds:.1f} s (CPU {load_cpu:.1f} s)"
    )
    generator = random.Random(11)
    picked = generator.sample(range(written), QUERIES)
    samples = list(KnowledgeDocument.objects.filter(kind=KIND, key__in=map(str, picked)))
    figures = query_times(lambda document: similar_documents(document, limit=10), samples)
    print(f"{method}: similar work (top 10 of {written}): {figures}")
    words = ["remittances", "trafficking victims", "border management", "diaspora investment"]
    figures = query_times(lambda query: search_documents(query).total, words)
    print(f"{method}: full-text search: {figures}")
    filters = SearchFilters(country="PAN", thematic_area=3)
    figures = query_times(lambda query: search_documents(query, filters).total, words)
    print(f"{method}: search with country and thematic-area filters: {figures}")
    rewritten = list(synthetic_documents(1, seed=13))
    timed(lambda: write_documents(KIND, rewritten))
    document = KnowledgeDocument.objects.get(kind=KIND, key=rewritten[0][0])
    _, seconds, cpu = timed(lambda: similar_documents(document, limit=10))
    print(
        f"{method}: similar work right after one document is written: {seconds * 1000:.0f} ms "
        f"(CPU {cpu * 1000:.0f} ms)"
    )
    delete_documents(KnowledgeDocument.objects.filter(kind=KIND))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument(
        "--methods", nargs="+", choices=["tfidf", "model"], default=["tfidf", "model"]
    )
    arguments = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_framework", "gcm", verbosity=0)
    call_command("load_geo", verbosity=0)
    register_source(
        DocumentSource(
            kind=KIND,
            label="Synthetic document",
            model=KnowledgeDocument,
            queryset=KnowledgeDocument.objects.none,
            to_document=lambda document: DocumentFields(title="", text=""),
            url_segment="synthetic",
        )
    )
    print(
        f"database: {django.db.connection.vendor}; cores: {os.cpu_count()}; "
        f"load average: {', '.join(f'{load:.1f}' for load in os.getloadavg())}"
    )
    for method in arguments.methods:
        run(method, arguments.documents)


if __name__ == "__main__":
    main()
