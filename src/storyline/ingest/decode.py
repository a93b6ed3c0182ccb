"""Turn the raw bytes of a text or HTML file into a string, or say clearly why not.

Order of decisions (``decode_bytes``):

1. empty (0 bytes) → ``EmptyInputError``
2. a byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding; the mark is removed
3. binary data → ``BinaryInputError``: a known file signature (PNG, JPEG, PDF, ZIP, gzip …),
   NUL bytes, or more than 10 % control characters in the first 64 KiB
4. strict UTF-8 — the fast path, taken by almost every modern file, with no further work
5. HTML only: the ``<meta charset>`` declaration, if the bytes decode with it (a declared
   ISO-8859-1 or ASCII is read as windows-1252, as browsers do)
6. charset-normalizer, restricted to the legacy encodings browsers support (WHATWG), so a
   French windows-1252 page is not read as Baltic cp1257 or a DOS code page. Candidates that are
   about as clean as the best one are ranked by how well the text fits a language, then by how
   common the encoding is on the web; short texts give the detector little to go on and that
   prior is what keeps them right.
7. text that is UTF-8 except for a few stray bytes (one, or at most 1 in 1000 characters, e.g. a
   file cut in the middle of a character) → UTF-8 with U+FFFD for them, logged as a warning
8. otherwise → ``DecodingError``

Text that is only whitespace after decoding → ``EmptyInputError``.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from storyline.errors import BinaryInputError, DecodingError, EmptyInputError

logger = logging.getLogger(__name__)

BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

FILE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data (name the file with a .gz ending to read it)"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Bytes that never appear in running text: C0 controls except tab, LF, VT, FF, CR; and DEL.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
CONTROL_SAMPLE_BYTES = 64 * 1024
MAX_CONTROL_RATIO = 0.10

META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
META_PRESCAN_BYTES = 4096  # the HTML standard's prescan looks at 1024; pages often put it later

# Legacy encodings a browser accepts (WHATWG Encoding Standard), in Python codec names, most
# common on the web first. The order breaks ties between equally plausible decodings.
WEB_ENCODINGS: tuple[str, ...] = (
    "cp1252",
    "cp1251",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "gb18030",
    "cp1250",
    "iso8859_2",
    "cp1256",
    "cp1254",
    "cp1253",
    "big5",
    "koi8_r",
    "koi8_u",
    "cp1255",
    "cp1257",
    "cp1258",
    "cp874",
    "iso8859_15",
    "iso8859_5",
    "iso8859_7",
    "iso8859_4",
    "iso8859_3",
    "iso8859_6",
    "iso8859_8",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_16",
    "cp866",
    "mac_roman",
    "mac_cyrillic",
    "gbk",
    "iso2022_jp",
)
WEB_ENCODING_RANK = {name: rank for rank, name in enumerate(WEB_ENCODINGS)}
CHAOS_TOLERANCE = 0.05  # candidates this close to the cleanest decoding stay in the running
COHERENCE_TOLERANCE = 0.02
MAX_STRAY_BYTE_RATIO = 0.001


def decode_bytes(raw: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return ``(text, encoding)`` with a Python codec name, or raise an ``InputError``."""
    if not raw:
        raise EmptyInputError("file is empty (0 bytes)")
    text, encoding = _decode(raw, html=html)
    if not text or text.isspace():
        raise EmptyInputError("file contains only whitespace")
    return text, encoding


def _decode(raw: bytes, *, html: bool) -> tuple[str, str]:
    for mark, encoding in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw[len(mark) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise DecodingError(
                    f"starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()}"
                ) from None
    _reject_binary(raw)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        declared = _decode_as_declared(raw)
        if declared is not None:
            return declared
    detected = _detect(raw)
    if detected is not None:
        return detected
    mostly_utf8 = raw.decode("utf-8", errors="replace")
    stray = mostly_utf8.count("\ufffd")
    if stray <= max(1, len(mostly_utf8) * MAX_STRAY_BYTE_RATIO):
        logger.warning("replaced %d invalid UTF-8 sequence(s) with U+FFFD", stray)
        return mostly_utf8, "utf-8"
    raise DecodingError("bytes are not text in UTF-8 or any legacy encoding storyline recognises")


def _reject_binary(raw: bytes) -> None:
    for signature, what in FILE_SIGNATURES:
        if raw.startswith(signature):
            raise BinaryInputError(f"file is {what}, not text")
    if b"\x00" in raw:
        raise BinaryInputError("file contains NUL bytes: binary data, not text")
    sample = raw[:CONTROL_SAMPLE_BYTES]
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    if controls > len(sample) * MAX_CONTROL_RATIO:
        raise BinaryInputError(
            f"{controls / len(sample):.0%} of the bytes are control characters: binary data, "
            "not text"
        )


def _decode_as_declared(raw: bytes) -> tuple[str, str] | None:
    match = META_CHARSET.search(raw, 0, META_PRESCAN_BYTES)
    if match is None:
        return None
    label = match.group(1).decode("ascii")
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        logger.debug("ignoring unknown <meta charset=%s>", label)
        return None
    if encoding.startswith(("utf-16", "utf-32")):
        # The bytes carry no BOM and are ASCII-compatible if we got here: the declaration is wrong.
        return None
    candidates = [encoding]
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        # Browsers read these labels as windows-1252; pure ISO-8859-1 stays the fallback for
        # the five byte values windows-1252 leaves undefined.
        candidates = ["cp1252", "latin-1"]
    for candidate in candidates:
        try:
            return raw.decode(candidate), codecs.lookup(candidate).name
        except UnicodeDecodeError:
            continue
    logger.debug("bytes do not decode as the declared <meta charset=%s>", label)
    return None


def _detect(raw: bytes) -> tuple[str, str] | None:
    matches = list(from_bytes(raw, cp_isolation=list(WEB_ENCODINGS)))
    if not matches:
        return None
    cleanest = min(match.chaos for match in matches)
    plausible = [match for match in matches if match.chaos <= cleanest + CHAOS_TOLERANCE]
    most_coherent = max(match.coherence for match in plausible)
    plausible = [
        match for match in plausible if match.coherence >= most_coherent - COHERENCE_TOLERANCE
    ]

    def web_rank(encoding: str) -> int:
        return WEB_ENCODING_RANK.get(encoding, len(WEB_ENCODINGS))

    # could_be_from_charset lists encodings that give the very same text; name the commonest.
    best = min(plausible, key=lambda m: min(web_rank(e) for e in m.could_be_from_charset))
    name = min(best.could_be_from_charset, key=web_rank)
    return str(best), codecs.lookup(name).name
