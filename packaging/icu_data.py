"""A smaller ICU data library for the Linux bundle: only the ICU data Qt can read.

PySide6's QtCore links ICU 73 for five things and nothing else (its dynamic imports from ICU are
ucol_* collation, ucnv_* converters, ucal_open/ucal_getTimeZoneDisplayName/
ucal_getCanonicalTimeZoneID, and u_strToUpper/u_strToLower, checked with `nm -D --undefined`):
so the collation tree (every language), the time-zone names, the converters and the small
supplemental tables stay, and the parts read only by ICU APIs Qt never calls go: break iterators
and their dictionaries, unit, currency, language and region display names, transliteration,
spelled-out numbers, character names, the spoof checker and stringprep profiles, and the main
locale data of languages other than root, English and French (read by Qt's calls only as a
fallback, e.g. a time-zone name's numbering system: root's "latn" for every Latin-script
language). 32.0 MB -> about 13 MB. `check` compares every kind of call Qt makes, on full and
trimmed data, for a set of locales.

    python packaging/icu_data.py trim FULL.so OUT.so     write the trimmed library
    python packaging/icu_data.py list FULL.so            sizes by part
    python packaging/icu_data.py check FULLDIR TRIMDIR   same answers from both ICU folders?
    python packaging/icu_data.py answers LIBDIR          what ICU answers there (JSON)

The library is rebuilt with binutils only (ld, objcopy), which PyInstaller needs anyway.
"""

from __future__ import annotations

import ctypes
import functools
import json
import re
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

# Trees of the ICU data package that no ICU function Qt calls reads.
DROP_TREES = ("brkitr", "unit", "curr", "lang", "region", "translit", "rbnf")
# Top-level items only unused APIs read: character names (u_charName), spoof checking,
# stringprep (IDNA2003, LDAP, XMPP...) profiles.
DROP_FILE = re.compile(r"^(unames\.icu|confusables\.cfu|[\w]+\.spp)$")
# Main locale data (top-level <locale>.res) kept: root and the languages KDS speaks.
KEEP_LOCALES = re.compile(r"^(root|en|fr)(_\w+)?\.res$")
LOCALE_RES = re.compile(r"^(?!res_index)[a-z]{2,3}(_\w+)?\.res$")  # not the tree's index


def kept(name: str) -> bool:
    """True when the package item `name` (e.g. 'icudt73l/coll/fr.res') stays."""
    parts = name.split("/")[1:]
    if len(parts) > 1:
        return parts[0] not in DROP_TREES
    item = parts[0]
    if DROP_FILE.match(item):
        return False
    return bool(KEEP_LOCALES.match(item)) or not LOCALE_RES.match(item)


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """ICU common data ('CmnD'): its header and (name, item bytes) in TOC order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", blob, header_size)[0]
    toc = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(toc):
        start = header_size + name_at
        name = blob[start:blob.index(b"\0", start)].decode("ascii")
        end = toc[i + 1][1] if i + 1 < count else len(blob) - header_size
        items.append((name, blob[header_size + data_at:header_size + end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again, items 16-byte aligned as ICU's own tools lay them out."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = -(-(toc_size + len(names)) // 16) * 16
    offsets, body, name_at = [], b"", toc_size
    for name, data in items:
        offsets.append((name_at, data_start + len(body)))
        name_at += len(name) + 1
        body += data + b"\0" * (-len(data) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(struct.pack("<II", *o) for o in offsets)
    return header + (toc + names).ljust(data_start, b"\xaa") + body


def _symbol(so: Path) -> tuple[str, bytes]:
    """(symbol name, bytes) of the data symbol icudtNN_dat in the library."""
    out = subprocess.run(["nm", "-D", "-S", "--defined-only", str(so)], capture_output=True,
                         text=True, check=True).stdout
    line = next(x for x in out.splitlines() if re.search(r" icudt\d+_dat$", x))
    address, size, _, name = line.split()
    raw = so.read_bytes()
    heads = subprocess.run(["readelf", "-lW", str(so)], capture_output=True, text=True,
                           check=True).stdout
    for fields in (x.split() for x in heads.splitlines()):
        if fields and fields[0] == "LOAD":
            offset, vaddr, filesz = (int(fields[i], 16) for i in (1, 2, 4))
            if vaddr <= int(address, 16) < vaddr + filesz:
                at = offset + int(address, 16) - vaddr
                return name, raw[at:at + int(size, 16)]
    raise ValueError(f"{name} is in no loaded segment of {so}")


def trim(full: Path, out: Path) -> tuple[int, int]:
    """Write the trimmed library to `out`; returns (bytes before, bytes after) of the data."""
    symbol, blob = _symbol(full)
    header, items = read_package(blob)
    small = write_package(header, [(n, d) for n, d in items if kept(n)])
    soname = re.search(r"\[(.*)\]", next(
        x for x in subprocess.run(["readelf", "-d", str(full)], capture_output=True, text=True,
                                  check=True).stdout.splitlines() if "SONAME" in x))
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "icudata").write_bytes(small)
        run = {"cwd": tmp, "check": True}
        subprocess.run(["ld", "-r", "-b", "binary", "-o", "icudata.o", "icudata"], **run)
        subprocess.run(["objcopy", "--rename-section",
                        ".data=.rodata,alloc,load,readonly,data,contents",
                        "--set-section-alignment", ".rodata=16",
                        "--redefine-sym", f"_binary_icudata_start={symbol}",
                        "--strip-symbol", "_binary_icudata_end",
                        "--strip-symbol", "_binary_icudata_size", "icudata.o"], **run)
        subprocess.run(["ld", "-shared", "-z", "noexecstack", "-soname",
                        soname.group(1) if soname else full.name, "-o",
                        str(out.resolve()), "icudata.o"], **run)
    return len(blob), len(small)


# --- check: the answers Qt's ICU calls get, for comparing full and trimmed data ---------------

LOCALES = ("fr_FR", "fr_CA", "en_US", "en_GB", "de_DE", "es_ES", "it_IT", "nl_NL", "pt_BR",
           "tr_TR", "ar_MA", "ja_JP", "zh_CN", "th_TH")
WORDS = ("côte", "coté", "cote", "côté", "Œuf", "oeuf", "Éclair", "eclair", "zèbre", "Zoé",
         "ça", "cabane", "ıi", "İI", "straße", "strasse", "ﬁle", "١٢", "12", "ǆ", "Ångström")
ZONES = ("Europe/Paris", "America/Montreal", "Asia/Tokyo", "Africa/Casablanca", "UTC")
CODECS = ("windows-1252", "ISO-8859-15", "IBM850", "Shift_JIS", "GB18030", "Big5", "EUC-KR",
          "KOI8-R")


def _icu(lib_dir: Path) -> tuple[ctypes.CDLL, str]:
    """ICU's i18n library in lib_dir (its data library is found beside it), and the suffix."""
    i18n = next(lib_dir.glob("libicui18n.so.*"))
    suffix = "_" + i18n.name.rsplit(".", 1)[-1]
    ctypes.CDLL(str(next(lib_dir.glob("libicuuc.so.*"))), mode=ctypes.RTLD_GLOBAL)
    return ctypes.CDLL(str(i18n), mode=ctypes.RTLD_GLOBAL), suffix


def answers(lib_dir: Path) -> dict[str, object]:
    """Collation order and status, time-zone names, case mapping and codec round trips."""
    lib, sfx = _icu(lib_dir)
    fn = {name: getattr(lib, name + sfx) for name in (
        "ucol_open", "ucol_strcoll", "ucol_close", "ucal_getTimeZoneDisplayName", "ucal_open",
        "ucal_close", "u_strToUpper", "u_strToLower", "ucnv_open", "ucnv_close",
        "ucnv_toUChars", "ucnv_fromUChars", "ucal_getCanonicalTimeZoneID")}
    for f in fn.values():
        f.restype = ctypes.c_void_p
    fn["ucol_strcoll"].restype = ctypes.c_int
    result: dict[str, object] = {}
    for loc in LOCALES:
        result[f"collation {loc}"] = _collation(fn, loc)
        for zone in ZONES:
            names = [_call_u16(fn["ucal_getTimeZoneDisplayName"], _cal(fn, zone, loc), style,
                               loc.encode()) for style in range(4)]
            result[f"zone {loc} {zone}"] = names
        for word in WORDS:
            result[f"case {loc} {word}"] = [_case(fn["u_strToUpper"], word, loc),
                                            _case(fn["u_strToLower"], word, loc)]
    for codec in CODECS:
        result[f"codec {codec}"] = _codec(fn, codec)
    for zone in ("Europe/Paris", "US/Pacific", "Asia/Calcutta"):
        result[f"canonical {zone}"] = _call_u16(
            lambda buf, size, st, z=zone: fn["ucal_getCanonicalTimeZoneID"](
                _u16(z), -1, buf, size, None, st))
    return result


def _collation(fn: dict, loc: str) -> list:
    """ucol_open's status and the order of WORDS (what QCollator would give)."""
    status = ctypes.c_int(0)
    col = ctypes.c_void_p(fn["ucol_open"](loc.encode(), ctypes.byref(status)))
    if not col.value:
        return [status.value, None]

    def compare(a: str, b: str) -> int:
        return int(fn["ucol_strcoll"](col, _u16(a), -1, _u16(b), -1))
    order = sorted(WORDS, key=functools.cmp_to_key(compare))
    fn["ucol_close"](col)
    return [status.value, order]


def _cal(fn: dict, zone: str, loc: str) -> ctypes.c_void_p:
    status = ctypes.c_int(0)
    cal = fn["ucal_open"](_u16(zone), -1, loc.encode(), 0, ctypes.byref(status))
    if not cal:
        raise RuntimeError(f"ucal_open({zone}, {loc}) failed: {status.value}")
    return ctypes.c_void_p(cal)


def _u16(text: str) -> ctypes.Array:
    """A NUL-terminated UTF-16 string, as ICU's UChar* arguments want."""
    data = text.encode("utf-16-le")
    return (ctypes.c_uint16 * (len(data) // 2 + 1)).from_buffer_copy(data + b"\0\0")


def _call_u16(f, *args) -> list:  # f: a ctypes function
    buf = (ctypes.c_uint16 * 256)()
    status = ctypes.c_int(0)
    n = f(*args, buf, 256, ctypes.byref(status))
    text = bytes(buf)[:2 * int(n or 0)].decode("utf-16-le", "replace")
    return [status.value, text]


def _case(f, word: str, loc: str) -> list:
    return _call_u16(lambda buf, size, st: f(buf, size, _u16(word), -1, loc.encode(), st))


def _codec(fn: dict, codec: str) -> list:
    status = ctypes.c_int(0)
    conv = fn["ucnv_open"](codec.encode(), ctypes.byref(status))
    if not conv:
        return [status.value, None]
    text = "ça coûte 5 €, déjà, Œuvre"
    out = ctypes.create_string_buffer(256)
    st = ctypes.c_int(0)
    n = fn["ucnv_fromUChars"](ctypes.c_void_p(conv), out, 256, _u16(text), -1, ctypes.byref(st))
    fn["ucnv_close"](ctypes.c_void_p(conv))
    return [status.value, st.value, out.raw[:int(n or 0)].hex()]


def differences(full: dict[str, object], trimmed: dict[str, object]) -> list[str]:
    return [f"{key}: {full[key]!r} -> {trimmed.get(key)!r}" for key in full
            if trimmed.get(key) != full[key]]


def check(full_dir: Path, trimmed_dir: Path) -> int:
    """0 when ICU in trimmed_dir answers every call exactly as in full_dir (one process each:
    the two copies share their sonames)."""
    def run(lib_dir: Path) -> dict[str, object]:
        out = subprocess.run([sys.executable, __file__, "answers", str(lib_dir)],
                             capture_output=True, text=True, check=True).stdout
        return dict(json.loads(out))
    full = run(full_dir)
    diff = differences(full, run(trimmed_dir))
    for line in diff:
        print("ICU differs:", line)
    print(f"ICU: {len(full) - len(diff)} of {len(full)} answers as with the full data "
          f"({', '.join(LOCALES)})")
    return 1 if diff else 0


def list_parts(full: Path) -> Iterable[str]:
    _, items = read_package(_symbol(full)[1])
    sizes: dict[str, int] = {}
    for name, data in items:
        parts = name.split("/")
        key = parts[1] if len(parts) > 2 else ("(top) kept" if kept(name) else "(top) dropped")
        sizes[key] = sizes.get(key, 0) + len(data)
    for key, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        dropped = not key.startswith("(") and not kept(f"x/{key}/y")
        yield f"{size / 1e6:6.2f} MB  {key}{'  (dropped)' if dropped else ''}"


def main(argv: list[str]) -> int:
    command, *paths = argv
    if command == "trim":
        before, after = trim(Path(paths[0]), Path(paths[1]))
        print(f"ICU data {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
    elif command == "list":
        print("\n".join(list_parts(Path(paths[0]))))
    elif command == "check":
        return check(Path(paths[0]), Path(paths[1]))
    elif command == "answers":
        print(json.dumps(answers(Path(paths[0])), ensure_ascii=False, sort_keys=True))
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
