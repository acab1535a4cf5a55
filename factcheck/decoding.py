"""Turn an uploaded file's bytes into clean Unicode text."""

import codecs
import unicodedata

from charset_normalizer import from_bytes


class UndecodableText(ValueError):
    """The bytes are not text in any encoding we can recognise."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Decode bytes (BOM, UTF-8, or a detected legacy encoding) into NFC text with \\n line endings."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableText(f"the file says it is {encoding.upper()} but is not") from error
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise UndecodableText("the file's characters could not be read in any known text encoding") from None
            text = str(best)
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """Normalise line endings to \\n and Unicode to NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
