"""Large IATI files made of real activities: the publishers' samples repeated, each copy with a
new identifier, so that a file of any size reads like the real files it was made from.

    .venv/bin/python bench/iati_generate.py 100 -o /tmp/iati-100mb.xml
    .venv/bin/python bench/iati_generate.py 1000 --files 20 -o /tmp/iati-1gb/   # a directory

The copies keep everything their publisher wrote (locations, documents, results, the faults
the samples are known for), under a 2.03 root; only `iati-identifier` changes, by a suffix
(`-R0000042`), so every copy is a new activity to the importer. Generated files belong in /tmp,
never in the repository.
"""

import argparse
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

SAMPLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "iati" / "samples"
MB = 1024 * 1024
HEADER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<iati-activities version="2.03" generated-datetime="2026-01-15T10:00:00Z" '
    b'xmlns:iati-extra="https://datastore.codeforiati.org/ns">\n'
)
FOOTER = b"</iati-activities>\n"
IDENTIFIER = re.compile(rb"(<iati-identifier>)\s*([^<]*?)\s*(</iati-identifier>)")


def real_activities(samples: Path = SAMPLES) -> list[tuple[bytes, bytes]]:
    """Each sample activity as its XML split around its identifier's end: (before, after)."""
    templates = []
    for path in sorted(samples.glob("*.xml")):
        for activity in etree.parse(str(path)).getroot().iter("iati-activity"):
            xml = etree.tostring(activity, encoding="utf-8")
            xml = xml.replace(b' xmlns:iati-extra="https://datastore.codeforiati.org/ns"', b"")
            match = IDENTIFIER.search(xml)
            if match is None:
                continue
            before = xml[: match.start()] + match.group(1) + match.group(2)
            templates.append((before, match.group(3) + xml[match.end() :] + b"\n"))
    return templates


def copies(templates: list[tuple[bytes, bytes]], first: int = 0) -> Iterator[bytes]:
    for number, (before, after) in enumerate(itertools.cycle(templates), start=first):
        yield b"%s-R%07d%s" % (before, number, after)


def write_file(path: Path, size_bytes: int, activities: Iterator[bytes]) -> int:
    """Write about `size_bytes` of activities to `path`; return how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "wb") as out:
        written = out.write(HEADER)
        while written < size_bytes:
            written += out.write(next(activities))
            count += 1
        out.write(FOOTER)
    return count


def generate(output: Path, size_mb: float, files: int = 1) -> int:
    """One file of `size_mb` at `output`, or `files` files sharing it in the folder `output`;
    the identifiers never repeat across the files. Returns the number of activities."""
    activities = copies(real_activities())
    if files == 1 and output.suffix == ".xml":
        return write_file(output, int(size_mb * MB), activities)
    return sum(
        write_file(output / f"activities-{number:03d}.xml", int(size_mb * MB / files), activities)
        for number in range(files)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size_mb", type=float, help="total size in MB")
    parser.add_argument("-o", "--output", type=Path, required=True, help="a .xml file or a folder")
    parser.add_argument("--files", type=int, default=1, help="files to share the size (a folder)")
    args = parser.parse_args()
    count = generate(args.output, args.size_mb, args.files)
    print(f"{args.output}: {count} activities")


if __name__ == "__main__":
    main()
