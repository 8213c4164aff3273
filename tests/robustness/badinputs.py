"""A corpus of bad inputs, written into a folder at test time (so no 50 MB file is committed).

`write_corpus(folder)` builds every case of CASES and returns them; each case names what reading it must give:
articles ("coded"), Drops with the listed reasons, or both.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import json
import lzma
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Fictional actors (Arnor, Gondor) so that nothing here depends on world knowledge.
GOOD_TEXT = (
    " date 2021-06-01 Gondor's foreign minister met his Arnor counterpart in Minas Tirith on Monday.\n\n"
    "The two ministers agreed to reopen the border crossing, officials said.\n"
)
GOOD_BODY = GOOD_TEXT.split(" ", 3)[3]
HUGE_BYTES = 50 * 1024 * 1024
MILLION = 1_000_000


@dataclass(frozen=True, slots=True)
class BadInput:
    """One case: a file (or folder) name under the corpus folder, how to write it, what reading it gives."""

    name: str
    write: Callable[[Path], None]
    reasons: frozenset[str] = frozenset()
    coded: bool = False
    huge: bool = False


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _jsonl(*records: object) -> bytes:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode("utf-8")


def _record(article_id: str, text: str = GOOD_BODY, **fields: object) -> dict[str, object]:
    return {"id": article_id, "text": text, **fields}


def _noise(size: int, seed: int) -> bytes:
    generator = random.Random(seed)
    return bytes(generator.randrange(256) for _ in range(size)) + b"\x00\x01\x02"


def _huge_txt(path: Path) -> None:
    sentence = b"Gondor troops crossed the river and Arnor protested loudly. "
    with path.open("wb") as handle:
        for _ in range(HUGE_BYTES // len(sentence) + 1):
            handle.write(sentence)


def _huge_jsonl(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(b'{"id": "huge", "text": "')
        chunk = b"Gondor troops crossed the river. " * 1024
        for _ in range(HUGE_BYTES // len(chunk) + 1):
            handle.write(chunk)
        handle.write(b'"}\n')
        handle.write(_jsonl(_record("after_huge")))


def _huge_csv(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(b'id,text\nhuge,"')
        chunk = b"Gondor troops crossed the river. " * 1024
        for _ in range(HUGE_BYTES // len(chunk) + 1):
            handle.write(chunk)
        handle.write(b'"\n')


def _million_line(path: Path) -> None:
    words = "Gondor and Arnor talk without ever stopping "
    path.write_text((words * (MILLION // len(words) + 1))[:MILLION], encoding="utf-8")


def _truncated(compress: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    # Enough incompressible text that the cut falls after the first records are complete.
    records = [_record(f"rec{number}", GOOD_BODY + " " + _noise(3000, number).hex()) for number in range(6)]
    whole = compress(_jsonl(*records))
    return _bytes(whole[: len(whole) * 2 // 3])


def _symlink_folder(path: Path) -> None:
    path.mkdir()
    (path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (path / "loop").symlink_to(path, target_is_directory=True)
    (path / "a.txt").symlink_to(path / "b.txt")
    (path / "b.txt").symlink_to(path / "a.txt")
    (path / "dangling.txt").symlink_to(path / "nowhere.txt")
    os.mkfifo(path / "pipe.txt")
    locked = path / "locked.txt"
    locked.write_text(GOOD_TEXT, encoding="utf-8")
    locked.chmod(0)


def _html(body: str) -> bytes:
    return f"<!DOCTYPE html><html lang='en'><head><title>T</title></head><body>{body}</body></html>".encode()


SCRIPT = "<script>document.write('<p>Gondor invaded Arnor</p>'); alert(1);</script>"
ARTICLE_HTML = (
    "<article><h1>Border talks</h1>"
    + "".join(f"<p>{line} {SCRIPT}</p>" for line in GOOD_BODY.split("\n") if line)
    + "<p>Both sides described the meeting as constructive and said further talks would follow soon.</p>"
    + "</article>"
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    + ']><rss version="2.0"><channel><title>x</title><item><title>&lol9;</title>'
    "<description>&lol9;</description></item></channel></rss>"
)
ZERO_WIDTH = GOOD_TEXT.replace("Gondor", "Gon\u200bdor\u200d").replace("Arnor", "\u2067Arnor\u2069\ufeff")
ARABIC = "التقى وزير خارجية غوندور بنظيره من أرنور يوم الاثنين واتفقا على إعادة فتح المعبر الحدودي.\n" * 3
FRENCH = (
    "Le ministre des Affaires étrangères du Gondor a rencontré son homologue d'Arnor lundi. "
    "Les deux ministres ont convenu de rouvrir le poste frontière, selon des responsables.\n"
)
UTF16_TEXT = GOOD_TEXT
BAD_DATE = frozenset({"bad_date"})
LATIN1 = "latin-1"

CASES: tuple[BadInput, ...] = (
    BadInput("empty.txt", _bytes(b""), frozenset({"empty"})),
    BadInput("empty.jsonl", _bytes(b""), frozenset({"empty"})),
    BadInput("blank_lines.jsonl", _bytes(b"\n  \n\r\n"), frozenset({"empty"})),
    BadInput("empty.csv", _bytes(b""), frozenset({"empty"})),
    BadInput("empty.html", _bytes(b""), frozenset({"empty"})),
    BadInput("whitespace.txt", _bytes(b" \n\t\r\n  "), frozenset({"empty"})),
    BadInput("header_only.txt", _bytes(b" date 2021-06-01 \n"), frozenset({"empty"})),
    BadInput("binary.txt", _bytes(_noise(4096, 1)), frozenset({"binary", "bad_encoding"})),
    BadInput("binary.jsonl", _bytes(_noise(4096, 2)), frozenset({"binary"})),
    BadInput("binary.csv", _bytes(_noise(4096, 3)), frozenset({"binary"})),
    BadInput(
        "binary.html",
        _bytes(b"\x89PNG\r\n\x1a\n" + _noise(4096, 4)),
        frozenset({"empty", "unreadable"}),
    ),
    BadInput("binary.xml", _bytes(_noise(4096, 5)), frozenset({"unreadable", "empty"})),
    BadInput("binary.warc", _bytes(_noise(4096, 6)), frozenset({"unreadable"})),
    BadInput("not_gzip.jsonl.gz", _bytes(_noise(4096, 7)), frozenset({"unreadable"})),
    BadInput("not_xz.jsonl.xz", _bytes(b"plain text, not xz\n"), frozenset({"unreadable"})),
    BadInput("controls.txt", _bytes(b"Gondor\x01\x02\x03\x04\x05\x06 " * 50), frozenset({"binary"})),
    BadInput("utf16_bom.txt", _bytes(codecs.BOM_UTF16_LE + UTF16_TEXT.encode("utf-16-le")), coded=True),
    BadInput("utf16_bom_be.txt", _bytes(codecs.BOM_UTF16_BE + UTF16_TEXT.encode("utf-16-be")), coded=True),
    BadInput("utf16_no_bom.txt", _bytes(UTF16_TEXT.encode("utf-16-le")), coded=True),
    BadInput("utf16_no_bom_be.txt", _bytes(UTF16_TEXT.encode("utf-16-be")), coded=True),
    BadInput("utf16_bom.jsonl", _bytes(_jsonl(_record("u16")).decode().encode("utf-16")), coded=True),
    BadInput("utf16_no_bom.jsonl", _bytes(_jsonl(_record("u16n")).decode().encode("utf-16-le")), coded=True),
    BadInput("utf16_bom.csv", _bytes(f'id,text\nu16c,"{GOOD_BODY}"\n'.encode("utf-16")), coded=True),
    BadInput("latin1.txt", _bytes(FRENCH.encode("latin-1")), frozenset({"bad_encoding"})),
    BadInput(
        "latin1.jsonl",
        _bytes(_jsonl(_record("ok1")) + _jsonl(_record("lat", FRENCH)).decode().encode(LATIN1)),
        frozenset({"bad_encoding"}),
        coded=True,
    ),
    BadInput("latin1.csv", _bytes(f'id,text\nlat,"{FRENCH}"\n'.encode(LATIN1)), frozenset({"bad_encoding"})),
    BadInput("utf8_bom.txt", _bytes(codecs.BOM_UTF8 + GOOD_TEXT.encode()), coded=True),
    BadInput("utf8_bom.jsonl", _bytes(codecs.BOM_UTF8 + _jsonl(_record("bom"))), coded=True),
    BadInput("utf8_bom.csv", _bytes(codecs.BOM_UTF8 + f'id,text\nbomc,"{GOOD_BODY}"\n'.encode()), coded=True),
    BadInput(
        "invalid_json.jsonl",
        _bytes(
            _jsonl(_record("j1"))
            + b'{"id": "j2", text: "unquoted key"}\n[1, 2]\nnull\n{"id": 3.5, "text": 7}\n'
            + b'{"id": "j3", "text": "\\ud800 lone surrogate"}\n'
            + _jsonl(_record("j4"))
        ),
        frozenset({"bad_json", "bad_record", "bad_encoding"}),
        coded=True,
    ),
    BadInput(
        "truncated.jsonl",
        _bytes(_jsonl(_record("t1")) + b'{"id": "t2", "text": "Gondor and Arnor agr'),
        frozenset({"bad_json"}),
        coded=True,
    ),
    BadInput("deep.jsonl", _bytes(b"[" * 200_000 + b"]" * 200_000 + b"\n"), frozenset({"bad_json"})),
    BadInput("bad_date.jsonl", _bytes(_jsonl(_record("bd", date="2021-02-30"))), BAD_DATE, coded=True),
    BadInput("missing_columns.csv", _bytes(b"id,title\nc1,Border talks\n"), frozenset({"bad_record"})),
    BadInput(
        "ragged.csv",
        _bytes(f'id,text,title\nr1,"{GOOD_BODY}",T\nr2,short\nr3,"{GOOD_BODY}",T,extra\n'.encode()),
        frozenset({"bad_record"}),
        coded=True,
    ),
    BadInput("open_quote.csv", _bytes(b'id,text\nq1,"Gondor met Arnor, no closing quote\n'), coded=True),
    BadInput("huge.txt", _huge_txt, frozenset({"too_large"}), huge=True),
    BadInput("huge.jsonl", _huge_jsonl, frozenset({"too_large"}), coded=True, huge=True),
    BadInput("huge.csv", _huge_csv, frozenset({"too_large"}), huge=True),
    BadInput("million_line.txt", _million_line, coded=True, huge=True),
    BadInput("scripts.html", _bytes(_html(SCRIPT * 40 + ARTICLE_HTML + SCRIPT * 40)), coded=True),
    BadInput("only_scripts.html", _bytes(_html(SCRIPT * 200)), frozenset({"empty"})),
    # Entities are never expanded: the item is read as its literal text, in bounded memory.
    BadInput("billion_laughs.xml", _bytes(BILLION_LAUGHS.encode()), coded=True),
    BadInput("zero_width.txt", _bytes(ZERO_WIDTH.encode()), coded=True),
    BadInput("arabic_rtl.txt", _bytes(ARABIC.encode()), coded=True),
    BadInput("french.txt", _bytes(FRENCH.encode()), coded=True),
    BadInput(
        "duplicate_ids.jsonl",
        _bytes(_jsonl(_record("dup"), _record("dup", "Arnor thanked Gondor."), _record("other"))),
        frozenset({"duplicate_id"}),
        coded=True,
    ),
    BadInput("links", _symlink_folder, frozenset({"unreadable", "missing"}), coded=True),
    BadInput("truncated.jsonl.xz", _truncated(lzma.compress), frozenset({"unreadable"}), coded=True),
    BadInput("truncated.jsonl.gz", _truncated(gzip.compress), frozenset({"unreadable"}), coded=True),
    # bzip2 blocks are 900 kB: the cut falls inside the first one, so no record comes out.
    BadInput("truncated.jsonl.bz2", _truncated(bz2.compress), frozenset({"unreadable"})),
    BadInput("notes.docx", _bytes(b"PK\x03\x04"), frozenset({"unknown_format"})),
)


def write_corpus(folder: Path, *, huge: bool = True) -> tuple[BadInput, ...]:
    """Write every case (the 50 MB ones only when `huge`) under `folder`; return the cases written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = tuple(case for case in CASES if huge or not case.huge)
    for case in written:
        case.write(folder / case.name)
    return written
