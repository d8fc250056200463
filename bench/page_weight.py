"""The weight of every page as a browser gets it: the HTML plus every CSS, JavaScript, image and font it loads.

    uv run python bench/page_weight.py [--database razem_bench_weight] [--port 8776] [--bar-kb 150]
                                       [--limit 150] [--anonymous-only] [--keep]

What it does:

1. drops and creates the database, loads the demo into it (``razem demo --no-serve`` with ``DATABASE_URL``), runs
   ``createcachetable`` and ``razem collectstatic`` into a scratch STATIC_ROOT (hashed names, ``.gz`` and ``.br``
   next to each file: WhiteNoise's ``CompressedManifestStaticFilesStorage``);
2. gives every demo candidacy a photo and every organization a logo through the forms' own upload checks
   (``elections.forms.public.validate_photo``, ``organizations.forms.validate_logo``) from a 4000 × 3000 camera
   photo (with EXIF and GPS) and a 2000 × 2000 logo, so that the pages show pictures as uploaded;
3. finds the pages, in this process, with Django's test client under the same production settings: one URL per
   public pattern, the way ``tests/e2e/test_phone_width.py`` finds them (``tests/probe.py`` crawls from ``/`` and
   every pattern without parameters; a public pattern of the URL matrix that no link reached is derived), then the
   pages of a demo NGO administrator and a demo city officer (signed in with ``force_login``; the officer has a
   second factor, as the demo sets up), at most ``--limit`` pages each, one per pattern;
4. starts the production server, ``razem serve`` (gunicorn, RAZEM_ENV=production, loopback only), and requests
   each page and everything it references (``<link rel=stylesheet|icon|preload>``, ``<script src>``,
   ``<img src>``, and the ``url()`` of each CSS file: fonts, images) with ``Accept-Encoding: gzip, br`` and the
   person's session cookie, over a raw socket: the bytes counted are the bytes on the wire (status line, headers,
   body as sent). A static file is counted once per page. A ``/media/`` file (a logo) is served by the reverse
   proxy in production, not by ``razem serve``: it is counted from MEDIA_ROOT (its size, as the proxy sends it);
5. prints one line per page, sorted by weight, with a bar scaled to ``--bar-kb`` (150 KB, issue 13), the static
   files with their raw / gzip / brotli sizes and the headers they were served with, and exits 1 if a page is over
   the bar.
"""

import argparse
import gzip
import http.client
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from common import WORK_DIR, drop_database, production_env, razem_command, recreate_database, run_razem

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "razem_bench_weight"
BAR_WIDTH = 40  # characters of the bar at the bar's weight
NGO_ACCOUNT = "prezeska@razem.demo"
STAFF_ACCOUNT = "urzednik@razem.demo"


# Measuring -----------------------------------------------------------------------------------------------------------


@dataclass
class Transfer:
    status: int
    wire: int  # bytes on the wire: status line, headers, body as sent
    body: bytes  # as sent (compressed when Content-Encoding says so)
    headers: dict[str, str]

    def text(self) -> str:
        encoding = self.headers.get("content-encoding", "")
        data = self.body
        if encoding == "gzip":
            data = gzip.decompress(data)
        elif encoding == "br":
            import brotli

            data = brotli.decompress(data)
        return data.decode("utf-8", "replace")


class _Replay:
    """A socket-like object that gives http.client the bytes already read from the wire."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def makefile(self, *args: object, **kwargs: object) -> io.BytesIO:
        return io.BytesIO(self.data)


def fetch(port: int, path: str, cookie: str = "", timeout: float = 60) -> Transfer:
    """GET ``path`` as a browser would (compression accepted), reading the raw bytes until the server closes."""
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Accept: text/html,application/xhtml+xml,*/*;q=0.8",
        "Accept-Encoding: gzip, br",
        "Accept-Language: pl",
        "Connection: close",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    chunks = []
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    response = http.client.HTTPResponse(_Replay(raw))  # type: ignore[arg-type]
    response.begin()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    return Transfer(response.status, len(raw), body, headers)


class _References(HTMLParser):
    """What a page makes the browser load: stylesheets, icons, preloads, scripts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and values.get("href"):
            rel = values.get("rel", "").lower().split()
            if "stylesheet" in rel:
                self.found.append(("css", values["href"]))
            elif "icon" in rel:
                self.found.append(("img", values["href"]))
            elif "preload" in rel or "modulepreload" in rel:
                kind = {"style": "css", "script": "js", "font": "font"}.get(values.get("as", ""), "img")
                self.found.append((kind, values["href"]))
        elif tag == "script" and values.get("src"):
            self.found.append(("js", values["src"]))
        elif tag in {"img", "input"} and values.get("src") and (tag == "img" or values.get("type") == "image"):
            self.found.append(("img", values["src"]))


CSS_URL = re.compile(r"""url\(\s*['"]?(?!data:)([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf", ".eot")


def kind_of(url: str, declared: str) -> str:
    path = urlsplit(url).path.lower()
    if path.endswith(FONT_EXTENSIONS):
        return "font"
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    return declared


@dataclass
class Weight:
    who: str
    key: str
    url: str
    html: int
    parts: dict[str, int] = field(default_factory=lambda: {"css": 0, "js": 0, "img": 0, "font": 0})
    problems: list[str] = field(default_factory=list)
    html_raw: int = 0
    html_gzip: int = 0  # the HTML gzipped (level 6): what it would weigh if the server compressed it
    html_encoding: str = ""

    @property
    def total(self) -> int:
        return self.html + sum(self.parts.values())


class Meter:
    """Weighs pages; each asset is fetched once per person and remembered (static files: once for everyone)."""

    def __init__(self, port: int, media_root: Path) -> None:
        self.port, self.media_root = port, media_root
        self.assets: dict[tuple[str, str], Transfer] = {}

    def asset(self, url: str, cookie: str) -> Transfer:
        path = urlsplit(url).path
        key = ("", url) if path.startswith("/static/") else (cookie, url)
        if key not in self.assets:
            transfer = fetch(self.port, url, cookie)
            if transfer.status == 404 and path.startswith("/media/"):
                # The reverse proxy serves /media/ in production (docs/deploy.md): the file as it is stored.
                stored = self.media_root / path.removeprefix("/media/")
                if stored.is_file():
                    transfer = Transfer(200, stored.stat().st_size, b"", {"served-by": "proxy (MEDIA_ROOT)"})
            self.assets[key] = transfer
        return self.assets[key]

    def weigh(self, who: str, key: str, url: str, cookie: str) -> Weight:
        page = fetch(self.port, url, cookie)
        weight = Weight(who, key, url, page.wire)
        weight.html_encoding = page.headers.get("content-encoding", "identity")
        if page.status != 200:
            weight.problems.append(f"answered {page.status}")
            return weight
        html = page.text()
        weight.html_raw = len(html.encode())
        weight.html_gzip = len(gzip.compress(html.encode(), 6))
        parser = _References()
        parser.feed(html)
        seen: set[str] = set()
        pending = [(kind, urljoin(url, ref)) for kind, ref in parser.found]
        while pending:
            kind, ref = pending.pop(0)
            parts = urlsplit(ref)
            if parts.netloc and parts.netloc != f"127.0.0.1:{self.port}":
                weight.problems.append(f"external {ref}")
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local in seen:
                continue
            seen.add(local)
            transfer = self.asset(local, cookie)
            if transfer.status != 200:
                weight.problems.append(f"{local} answered {transfer.status}")
            kind = kind_of(local, kind)
            weight.parts[kind] += transfer.wire
            if kind == "css" and transfer.status == 200:
                for match in CSS_URL.finditer(transfer.text()):
                    inner = match.group(1) or match.group(2)
                    if not inner.startswith("#"):
                        pending.append(("img", urljoin(local, inner.strip())))
        return weight


# The pages -----------------------------------------------------------------------------------------------------------


def public_pages(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """``{pattern key: url}`` of the pages the anonymous visitor gets as HTML, one per pattern: the crawl of
    ``tests/e2e/test_phone_width.py`` (``_public_pages``), without its assertions."""
    from tests import probe
    from tests.core import url_matrix

    crawl = probe.crawl(client, ["/", *probe.parameterless_urls()], per_pattern=1)
    pages: dict[str, str] = {}
    not_pages: set[str] = set()

    def keep(key: str, url: str, response) -> None:  # type: ignore[no-untyped-def]
        if response.status_code != 200:
            return
        if "text/html" in response.get("Content-Type", ""):
            pages.setdefault(key, url)
        else:
            not_pages.add(key)

    for url, response in crawl.items():
        keep(crawl.discovered[url] or url, url, response)
    by_key = {pattern.key: pattern for pattern in probe.url_patterns()}
    public = {key for key, row in url_matrix.MATRIX.items() if row[0] == url_matrix.OK and key in by_key}
    for key in sorted(public - pages.keys() - not_pages):
        derived = (probe.derive(by_key[key], [url]) for url in crawl.discovered)
        for url in dict.fromkeys([*crawl.by_pattern().get(key, []), *filter(None, derived)]):
            keep(key, url, client.get(url))
            if key in pages or key in not_pages:
                break
    return pages


def signed_in_pages(client, limit: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """``{pattern key: url}`` of the HTML pages a signed-in person reaches from the home page, the account and the
    panel, one per pattern."""
    from django.urls import reverse
    from tests import probe

    starts = ["/", reverse("accounts:dashboard"), reverse("core:notifications"), reverse("panel:index")]
    crawl = probe.crawl(client, starts, limit=limit, per_pattern=1)
    pages: dict[str, str] = {}
    for url, response in crawl.items():
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            pages.setdefault(crawl.discovered[url] or url, url)
    return pages


def camera_photo(size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A smooth 4000 × 3000 JPEG, as a phone takes it: EXIF with the camera, an orientation and a GPS position."""
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), gradient.rotate(90)))
    exif = Image.Exif()
    exif[0x010F] = "Aparat Testowy"
    exif[0x0112] = 1
    exif[0x8825] = {1: "N", 2: (50.0, 3.0, 41.0), 3: "E", 4: (19.0, 56.0, 14.0)}  # GPS: Kraków
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def logo_picture(size: tuple[int, int] = (2000, 2000)) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 100, size[0] - 100, size[1] - 100), fill=(200, 30, 60, 255))
    draw.rectangle((size[0] // 3, size[1] // 3, 2 * size[0] // 3, 2 * size[1] // 3), fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def add_pictures() -> tuple[str, str]:
    """A photo for every candidacy and a logo for every organization, through the forms' checks. Returns what was
    stored, described."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from razem.elections.forms.public import validate_photo
    from razem.elections.models import Candidacy
    from razem.organizations.forms import validate_logo
    from razem.organizations.models import Organization

    photo_bytes, logo_bytes = camera_photo(), logo_picture()
    photo = validate_photo(SimpleUploadedFile("kandydatka.jpg", photo_bytes, content_type="image/jpeg"))
    logo = validate_logo(SimpleUploadedFile("logo.png", logo_bytes, content_type="image/png"))
    for candidacy in Candidacy.objects.filter(photo=""):
        photo.seek(0)
        candidacy.photo.save(photo.name, photo, save=True)
    for organization in Organization.objects.filter(logo=""):
        logo.seek(0)
        organization.logo.save(logo.name, logo, save=True)

    def described(upload, source: bytes, name: str) -> str:  # type: ignore[no-untyped-def]
        upload.seek(0)
        with Image.open(io.BytesIO(source)) as before, Image.open(upload) as after:
            text = (f"{name}: uploaded {before.width}×{before.height} {before.format} {len(source) / 1024:.0f} KB, "
                    f"stored {after.width}×{after.height} {after.format} {upload.size / 1024:.1f} KB, "
                    f"EXIF {'kept' if after.getexif() else 'removed'}")  # fmt: skip
        upload.seek(0)
        return text

    return described(photo, photo_bytes, "candidate photo"), described(logo, logo_bytes, "organization logo")


# The server ----------------------------------------------------------------------------------------------------------


class Server:
    """``razem serve`` on loopback, started and stopped here (SIGTERM to its own gunicorn master)."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        out = self.log.open("a")
        self.process = subprocess.Popen(
            [*razem_command(), "serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"],
            env=self.env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"razem serve exited with {self.process.returncode}; see {self.log}")
            try:
                if fetch(self.port, "/", timeout=10).status == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"razem serve did not answer within 60 s; see {self.log}")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# The report ----------------------------------------------------------------------------------------------------------


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def bar(total: int, limit: int) -> str:
    filled = round(total / limit * BAR_WIDTH)
    line = "#" * min(filled, BAR_WIDTH) + " " * max(BAR_WIDTH - filled, 0) + "|"
    return line + "#" * max(filled - BAR_WIDTH, 0)


def report(weights: list[Weight], meter: Meter, limit: int) -> int:
    weights.sort(key=lambda w: w.total, reverse=True)
    width = max(len(f"{w.who} {w.key}") for w in weights)
    print(
        f"\n{'person page':{width}}  total KB  html (raw / gzip)    css    js   img  font  bar: | = {limit // 1024} KB"
    )
    for w in weights:
        name = f"{w.who} {w.key}"
        html = f"{kb(w.html)} ({kb(w.html_raw)} / {kb(w.html_gzip)})"
        print(
            f"{name:{width}}  {kb(w.total):>8}  {html:>19} {kb(w.parts['css']):>6} {kb(w.parts['js']):>5} "
            f"{kb(w.parts['img']):>5} {kb(w.parts['font']):>5}  {bar(w.total, limit)}"
        )
    for w in weights:
        for problem in w.problems:
            print(f"  ! {w.who} {w.key} {w.url}: {problem}")

    print("\nStatic files (bytes on the wire with Accept-Encoding: gzip, br; raw, .gz and .br from STATIC_ROOT)")
    static = sorted(((url, t) for (_c, url), t in meter.assets.items() if url.startswith("/static/")), key=str)
    root = Path(os.environ["STATIC_ROOT"])
    for url, t in static:
        stored = root / urlsplit(url).path.removeprefix("/static/")
        sizes = [p.stat().st_size if p.exists() else 0 for p in (stored, Path(f"{stored}.gz"), Path(f"{stored}.br"))]
        print(
            f"  {url}\n    wire {kb(t.wire)} KB ({t.headers.get('content-encoding', 'identity')}), "
            f"raw {kb(sizes[0])} / gz {kb(sizes[1])} / br {kb(sizes[2])} KB; "
            f"Cache-Control: {t.headers.get('cache-control', '-')}"
        )
    others = sorted(
        ((url, t) for (_c, url), t in meter.assets.items() if not url.startswith("/static/")), key=lambda p: p[0]
    )
    if others:
        print("\nOther files referenced (images served by views or the proxy)")
        for url, t in dict(others).items():
            print(f"  {url}: {t.status}, {kb(t.wire)} KB, {t.headers.get('content-type', t.headers.get('served-by'))}")

    compressed = sum(w.html_encoding != "identity" for w in weights)
    print(f"\nHTML sent compressed by the server: {compressed} of {len(weights)} pages"
          + (f"; the heaviest page with its HTML gzipped would weigh "
             f"{kb(max(w.total - w.html + w.html_gzip for w in weights))} KB" if weights else ""))  # fmt: skip
    over = [w for w in weights if w.total > limit or w.problems]
    heaviest = weights[0] if weights else None
    print(
        f"\n{len(weights)} pages; heaviest {heaviest.who} {heaviest.key} {kb(heaviest.total)} KB"
        if heaviest
        else "\nNo pages."
    )
    print(f"Bar: every page <= {limit // 1024} KB with its CSS, JavaScript, images and fonts: "
          f"{'yes' if not over else 'NO (' + ', '.join(f'{w.who} {w.key}' for w in over) + ')'}")  # fmt: skip
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8776)
    parser.add_argument("--bar-kb", type=int, default=150)
    parser.add_argument("--limit", type=int, default=150, help="at most this many pages per signed-in person")
    parser.add_argument("--anonymous-only", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run (no demo load)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    env = production_env(args.database, port=args.port)
    log = WORK_DIR / "page_weight.log"
    log.write_text("")
    print(f"Database {args.database}; razem serve on 127.0.0.1:{args.port}. Log: {log}")
    if not args.reuse:
        recreate_database(args.database)
        started = time.monotonic()
        run_razem("demo", "--no-serve", env={**env, "RAZEM_ENV": "demo"}, log=log)
        print(f"Demo loaded in {time.monotonic() - started:.0f} s")
    run_razem("createcachetable", env=env, log=log)
    run_razem("collectstatic", "--noinput", "--clear", "-v", "0", env=env, log=log)

    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from razem.accounts.models import User

    if not args.reuse:
        for line in add_pictures():
            print(line)

    people: list[tuple[str, str, dict[str, str]]] = []  # (who, cookie, pages)
    started = time.monotonic()
    anonymous = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    people.append(("anonymous", "", public_pages(anonymous)))
    if not args.anonymous_only:
        for who, email in (("NGO", NGO_ACCOUNT), ("staff", STAFF_ACCOUNT)):
            client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
            client.force_login(User.objects.get(email=email))
            pages = signed_in_pages(client, args.limit)
            cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
            people.append((f"{who}", cookie, pages))
    from django.db import connections

    connections.close_all()
    print(f"Pages found in {time.monotonic() - started:.0f} s: "
          + ", ".join(f"{who} {len(pages)}" for who, _c, pages in people))  # fmt: skip

    meter = Meter(args.port, Path(env["MEDIA_ROOT"]))
    weights = []
    with Server(env, args.port, log):
        for who, cookie, pages in people:
            for key, url in sorted(pages.items()):
                weights.append(meter.weigh(who, key, url, cookie))
    status = report(weights, meter, args.bar_kb * 1024)
    if not args.keep:
        drop_database(args.database)
    return status


if __name__ == "__main__":
    sys.exit(main())
