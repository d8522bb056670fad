"""Builders for test input files that are awkward to keep as fixtures (PDFs)."""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica, written by hand (valid xref offsets),
    so the loader is tested on a real PDF without a PDF-writing dependency."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 740 Td"]
    for line in lines:
        ops += [f"({_escape(line)}) Tj", "T*"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    return _pdf(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")


def bomb_pdf(inflated_bytes: int = 200_000_000) -> bytes:
    """A PDF of a few hundred KB whose page content inflates to ``inflated_bytes``
    (a decompression bomb: zlib compresses runs of one byte about 1000:1)."""
    import zlib

    packer = zlib.compressobj(9)
    block = b" " * 1_000_000
    packed = b"".join(packer.compress(block) for _ in range(inflated_bytes // len(block)))
    packed += packer.flush()
    return _pdf(
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    )


def encrypted_pdf(handler: bytes = b"/Standard /V 4 /R 4") -> bytes:
    """A PDF whose trailer names an encryption dictionary (by default one pypdf cannot open
    without the optional ``cryptography`` package)."""
    raw = minimal_pdf(["Secret guide"])
    encrypt = b"<< /Filter " + handler + b" /O <00> /U <00> /P -4 /Length 128 >>"
    return raw.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Encrypt " + encrypt + b" >>")


def _pdf(content: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
