"""Writing a PDF file object by object, so that the merge (pdf_merge.py) holds one
part at a time, not every page's objects at once.

`FileWriter` numbers the objects of the file it writes and puts each one on disk as
soon as it is given (`n 0 obj … endobj`, a stream's data as stored), then the
cross-reference table and the trailer, whose /ID is the MD5 of everything written
before it (the same bytes give the same /ID, as qpdf's deterministic ID). The file is
what qpdf writes without object streams: the PDF/A rules for the file's syntax (a
binary comment after the header, an end-of-line around `stream`, `endstream`,
`obj` and `endobj`, 20-byte cross-reference entries, /ID in the trailer) hold.

`Source` copies the objects of one open pikepdf document into the file: an object
is given a number when something written refers to it, and written with everything
it reaches (`drain`), except what the merge stands in for (`stand_in`: the part's
own page tree, structure root and the structure elements the parts share, which are
written once, at the end).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

import pikepdf

# A literal string (qpdf escapes every parenthesis in it), a hexadecimal string, or
# an indirect reference `n g R`: strings are passed over, references renumbered.
_TOKEN = re.compile(rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f]*>|(\d+) (\d+) R", re.DOTALL)


def ref(number: int) -> bytes:
    return b"%d 0 R" % number


def literal(value) -> bytes:
    """A direct object without references (a string, a name, a number) as PDF syntax."""
    return pikepdf.Array([value]).unparse()[2:-2]


def dictionary(entries: dict[str, bytes]) -> bytes:
    """`<< /Key value … >>` from already serialised values."""
    return b"<< " + b" ".join(b"/%s %s" % (k.encode(), v) for k, v in entries.items()) + b" >>"


def array(items) -> bytes:
    return b"[ " + b" ".join(items) + b" ]"


class FileWriter:
    """One PDF file written as it is made (see the module docstring)."""

    def __init__(self, path: Path, version: str = "1.7"):
        self.file = path.open("wb")
        self.digest = hashlib.md5(usedforsecurity=False)
        self.offsets: dict[int, int] = {}
        self.count = 0
        self.at = 0
        self._put(b"%PDF-" + version.encode() + b"\n%\xbf\xf7\xa2\xfe\n")

    def _put(self, data: bytes) -> None:
        self.file.write(data)
        self.digest.update(data)
        self.at += len(data)

    def reserve(self) -> int:
        """The number of an object to be written later (once)."""
        self.count += 1
        return self.count

    def write(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        """Object `number`: `body` (a stream's dictionary, whose /Length is set here, when
        `stream` is its data)."""
        assert number not in self.offsets, number
        self.offsets[number] = self.at
        if stream is None:
            self._put(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        else:
            self._put(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, body, stream))

    def close(self, root: int, info: int) -> None:
        missing = [n for n in range(1, self.count + 1) if n not in self.offsets]
        assert not missing, f"objects reserved but not written: {missing[:10]}"
        identifier = self.digest.hexdigest().encode()
        start = self.at
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % (self.count + 1)]
        lines += [b"%010d 00000 n \n" % self.offsets[n] for n in range(1, self.count + 1)]
        trailer = b"trailer << /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s><%s>] >>\n" % (
            self.count + 1,
            root,
            info,
            identifier,
            identifier,
        )
        self._put(b"".join(lines) + trailer + b"startxref\n%d\n%%%%EOF\n" % start)
        self.file.close()

    def abandon(self) -> None:
        """Stop writing (the file is unfinished: the build removes it). A full disk
        may refuse even the last buffered bytes: the first error is the one told."""
        with contextlib.suppress(OSError):
            self.file.close()


class Source:
    """The objects of one open document, numbered into a `FileWriter` (see the module
    docstring)."""

    def __init__(self, pdf: pikepdf.Pdf, out: FileWriter):
        self.pdf = pdf
        self.out = out
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: list[tuple[int, int]] = []
        self.kept_out: set[tuple[int, int]] = set()  # stood in for: numbered, never written from here
        self.stubs: dict[int, pikepdf.Object] = {}
        self.renumbered: dict[bytes, bytes] = {}  # `n g R` here → `m 0 R` in the file

    def stand_in(self, obj: pikepdf.Object, number: int) -> None:
        """`obj` is written elsewhere as object `number`: references to it say so."""
        self.numbers[obj.objgen] = number
        self.kept_out.add(obj.objgen)

    def stub(self, number: int) -> pikepdf.Object:
        """A new object of this document that stands for object `number` of the file
        (for a reference from here to something written elsewhere)."""
        obj = self.stubs.get(number)
        if obj is None:
            obj = self.stubs[number] = self.pdf.make_indirect(pikepdf.Dictionary())
            self.stand_in(obj, number)
        return obj

    def number(self, obj: pikepdf.Object) -> int:
        """The file's number of the indirect object `obj` (written by `drain`)."""
        return self._number(obj.objgen)

    def _number(self, objgen: tuple[int, int]) -> int:
        number = self.numbers.get(objgen)
        if number is None:
            number = self.numbers[objgen] = self.out.reserve()
            self.queue.append(objgen)
        return number

    def _renumbered(self, match: re.Match) -> bytes:
        token = match.group(0)
        done = self.renumbered.get(token)
        if done is None:
            if match.group(1) is None:  # a string
                return token
            done = self.renumbered[token] = ref(self._number((int(match.group(1)), int(match.group(2)))))
        return done

    def serialise(self, obj) -> bytes:
        """`obj` (an indirect object as a reference, a direct one as itself) in the file's numbering."""
        if not isinstance(obj, pikepdf.Object):  # a number, a boolean, null (pikepdf gives them as Python values)
            return literal(obj)
        if obj.is_indirect:
            return ref(self.number(obj))
        return _TOKEN.sub(self._renumbered, obj.unparse(resolved=True))

    def contents(self, obj: pikepdf.Object) -> bytes:
        """An indirect object's own content (not a reference to it), renumbered."""
        return _TOKEN.sub(self._renumbered, obj.unparse(resolved=True))

    def drain(self) -> None:
        """Write every object numbered so far, and what they reach."""
        at = 0
        while at < len(self.queue):
            objgen = self.queue[at]
            at += 1
            if objgen in self.kept_out:
                continue
            obj = self.pdf.get_object(objgen)
            number = self.numbers[objgen]
            if isinstance(obj, pikepdf.Stream):
                data = obj.read_raw_bytes()
                obj.stream_dict.Length = len(data)
                self.out.write(number, self.contents(obj.stream_dict), data)
            else:
                self.out.write(number, self.contents(obj))
        self.queue.clear()
