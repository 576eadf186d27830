"""`inputdesk publish CALL --out DIR`: the call's public Submissions section as a static site any web server can
serve, with its files and open data. Built from the same public view as the live pages, so it holds exactly
what the live site shows at that moment, and nothing of a submission that is no longer public.

    DIR/index.html            the page in the first UI language; DIR/<lang>/index.html for the others
    DIR/files/<ref>/<name>    published files (sanitised copies, redacted text)
    DIR/data/                 submissions.json, submissions.csv, datapackage.json (docs/publication.md)
    DIR/static/portal.css
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from inputdesk.services import opendata
from inputdesk.web import i18n
from inputdesk.web.public import register
from inputdesk.web.rendering import Ui, make_environment

MARKER = ".inputdesk-export"  # a folder holding this may be replaced by the next export; no other folder is


class ExportRefused(Exception):
    """The static export would overwrite something that is not an earlier export."""


@dataclass
class ExportSummary:
    out: Path
    submissions: int
    files: int
    languages: tuple[str, ...]


def _ui(lang: str, languages: tuple[str, ...]) -> Ui:
    return Ui(lang=lang, dir=i18n.text_direction(lang), tr=i18n.translations(lang), languages=languages, path="",
              query={}, csrf_nonce="", csrf_token="", new_csrf_cookie=False, lang_from_query=False)


def write_open_data(public, folder: Path, files_url: str = "../files/") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("submissions.json", opendata.as_json(public, files_url)),
                       ("submissions.csv", opendata.as_csv(public)),
                       ("datapackage.json", opendata.datapackage(public))):
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def export_site(publication, call, out: Path, languages: tuple[str, ...]) -> ExportSummary:
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ExportRefused(f"{out} is not empty and was not written by 'inputdesk publish'; choose an empty or "
                            "new folder (a previous export is replaced as a whole)")
    public = publication.public_call(call.id)
    out.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=".inputdesk-publish-", dir=out.parent))
    build.chmod(0o777 & ~_umask())  # mkdtemp makes it private; like every folder inside, it follows the umask
    try:
        count = 0
        for submission in public.submissions:
            for f in submission.files:
                target = build / "files" / f.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(publication.read_public(f))
                count += 1
        write_open_data(public, build / "data")
        (build / "static").mkdir()
        shutil.copyfile(Path(__file__).parents[1] / "static" / "portal.css", build / "static" / "portal.css")
        env = make_environment()
        register(env)
        for number, lang in enumerate(languages):
            folder = build if number == 0 else build / lang
            folder.mkdir(exist_ok=True)
            root = "" if number == 0 else "../"
            links = [(code, i18n.autonym(code), ("" if n == 0 else f"{code}/") if number == 0 else
                      ("../" if n == 0 else f"../{code}/"), code == lang) for n, code in enumerate(languages)]
            html = env.get_template("static_submissions.html").render(
                ui=_ui(lang, languages), call=call, public=public, query="", root=root, language_links=links,
                files_url=f"{root}files/", data_url=f"{root}data/", static=True)
            (folder / "index.html").write_text(html, encoding="utf-8")
        (build / MARKER).write_text("written by 'inputdesk publish'; the next export replaces this folder\n")
        if out.exists():
            shutil.rmtree(out)
        build.rename(out)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return ExportSummary(out, len(public.submissions), count, languages)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
