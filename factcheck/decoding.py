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

# A byte that is not UTF-8, as decoding with errors="surrogateescape" leaves it.
_BAD_BYTE = re.compile("[\udc80-\udcff]")
# Characters Western news text holds beyond ASCII: Latin-1 and Latin Extended-A letters, general
# punctuation (curly quotes, dashes, ellipsis), currency signs, letterlike symbols (™).
_WESTERN_NON_ASCII = re.compile("[\u00a0-\u017f\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]")

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
    """Decode bytes (BOM, UTF-8, or a detected legacy encoding) into NFC text with \\n line endings.

    UTF-8 with some bytes that are not UTF-8 is refused, saying where: read as a legacy encoding it
    would be stored garbled ("CafÃ©"), and read as UTF-8 with replacements it would lose characters.
    """
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                if encoding == "utf-8-sig":
                    _refuse_broken_utf8(data[len(bom) :], declared=True)
                raise UndecodableText(f"it says it is {encoding.upper()} but is not") from error
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            _refuse_broken_utf8(data, declared=False)
            text = _detect_legacy(data)
    return normalise_text(text)


def _refuse_broken_utf8(data: bytes, *, declared: bool) -> None:
    """Raise UndecodableText, saying where the first bad byte is, if the bytes are UTF-8 with some that are not.

    Without a BOM, the file counts as UTF-8 only if its valid multi-byte characters are ones Western
    text holds (accented letters, typographic punctuation, currency signs): a Windows-1252 file forms
    such a character only where Â, Ã, Ä or Å comes right before a symbol, and then most often by
    already being garbled text.
    """
    text = data.decode("utf-8", errors="surrogateescape")  # each bad byte becomes one lone surrogate
    bad = _BAD_BYTE.findall(text)
    if not bad or not (declared or _WESTERN_NON_ASCII.search(text)):
        return
    first = _BAD_BYTE.search(text).start()
    line = text.count("\n", 0, first) + 1
    before = _BAD_BYTE.sub("", text[text.rfind("\n", 0, first) + 1 : first]).lstrip()
    if len(before) > 40:  # the last few words before the byte
        before = "…" + before[-40:].split(" ", 1)[-1]
    where = f"the first on line {line}" + (f", after “{before}”" if before else ", at its start")
    count = "1 byte that is not" if len(bad) == 1 else f"{len(bad)} bytes that are not"
    raise UndecodableText(
        f"it is UTF-8 except for {count}, probably from text in another encoding ({where}). "
        "Save the file as UTF-8 and import it again"
    )


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
