"""Turn an uploaded file's bytes into clean Unicode text, or say plainly why they are not text."""

import codecs
import re
import unicodedata

import filetype
from charset_normalizer import from_bytes


class UndecodableText(ValueError):
    """The bytes are not text in any encoding we can recognise."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# When several legacy encodings decode a file equally cleanly (short Western text often
# reads as Windows-1250 and Windows-1252 alike), prefer Windows-1252: it is what browsers
# use for Latin-1 and Western text (WHATWG Encoding Standard), and what Windows editors save.
_PREFERRED_LEGACY = "cp1252"

# Control characters plain text never holds (tab, line breaks, form feed and vertical tab are fine).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def binary_kind(data: bytes) -> str | None:
    """Describe the binary format the bytes start with ("an image (PNG)", "a PDF"), or None if they may be text."""
    kind = filetype.guess(data[:262])  # filetype reads at most the first 262 bytes
    if kind is None:
        return None
    name = kind.extension.upper()
    family = kind.mime.split("/")[0]
    if family in {"image", "audio", "video"}:
        return f"{'an' if family in {'image', 'audio'} else 'a'} {family} file ({name})"
    if kind.mime == "application/pdf":
        return "a PDF document"
    if kind in filetype.archive_matchers:
        return f"an archive ({name})"
    return f"a {name} file"


def decode_text(data: bytes) -> str:
    """Decode bytes (BOM, UTF-8, or a detected legacy encoding) into NFC text with \\n line endings."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableText(f"it says it is {encoding.upper()} but is not") from error
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect_legacy(data)
    return normalise_text(text)


def _detect_legacy(data: bytes) -> str:
    matches = list(from_bytes(data))
    if not matches:
        raise UndecodableText("its characters could not be read in any known text encoding")
    cleanest = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= cleanest and _PREFERRED_LEGACY in match.could_be_from_charset:
            return data.decode(_PREFERRED_LEGACY)
    return str(from_bytes(data).best())


def control_character_share(text: str) -> float:
    """The share of characters that are control codes plain text never holds."""
    if not text:
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)


def normalise_text(text: str) -> str:
    """Normalise line endings to \\n and Unicode to NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
