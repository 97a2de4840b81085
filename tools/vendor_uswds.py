"""Vendor the U.S. Web Design System's compiled files into PoolFund's static files.

    npm pack @uswds/uswds@3.14.0            # prints uswds-uswds-3.14.0.tgz
    python tools/vendor_uswds.py uswds-uswds-3.14.0.tgz

Copies what the pages use and nothing else (docs/decisions/0006-uswds-design-system.md): the
minified CSS and JavaScript, the Source Sans Pro and Merriweather weights the CSS asks for
(WOFF2 only), and the icons the components draw. The CSS's @font-face rules for fonts left
out are removed, so no browser asks for a file that is not there.
"""

import re
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src/poolfund/web/static/uswds"
FILES = [
    "LICENSE.md",
    "dist/css/uswds.min.css",
    "dist/js/uswds-init.min.js",
    "dist/js/uswds.min.js",
]
FONTS = [
    "source-sans-pro/sourcesanspro-regular-webfont.woff2",
    "source-sans-pro/sourcesanspro-italic-webfont.woff2",
    "source-sans-pro/sourcesanspro-bold-webfont.woff2",
    "merriweather/Latin-Merriweather-Regular.woff2",
    "merriweather/Latin-Merriweather-Bold.woff2",
]
# Drawn by CSS the pages use; hero, file-type, loader and the date-picker images are not.
UNUSED_IMAGES = re.compile(r"hero\.|file[-.]|loader\.|calendar_today")


def vendor(tarball: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(tarball) as archive:
            archive.extractall(scratch, filter="data")
        package = Path(scratch) / "package"
        if TARGET.exists():
            shutil.rmtree(TARGET)
        for name in FILES:
            copy(package / name, TARGET / name.removeprefix("dist/"))
        for name in FONTS:
            copy(package / "dist/fonts" / name, TARGET / "fonts" / name)
        css_file = TARGET / "css/uswds.min.css"
        css = keep_shipped_fonts(css_file.read_text())
        css_file.write_text(css)
        for image in sorted(set(re.findall(r"url\(\.\./(img/[^)]+)\)", css))):
            if not UNUSED_IMAGES.search(image):
                copy(package / "dist" / image, TARGET / image)


def keep_shipped_fonts(css: str) -> str:
    def shipped(rule: re.Match) -> str:
        font = re.search(r"url\(\.\./fonts/([^)]+)\)", rule.group(0))
        return rule.group(0) if font and font.group(1) in FONTS else ""

    css = re.sub(r"@font-face\{[^}]*\}", shipped, css)
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)


def copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


if __name__ == "__main__":
    vendor(Path(sys.argv[1]))
