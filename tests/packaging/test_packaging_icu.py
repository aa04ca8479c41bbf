"""packaging/icu_data.py: the bundle's ICU data keeps what Qt's ICU calls read and answers them
exactly as the full data does (collation, time-zone names, case mapping, converters)."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import sys
from pathlib import Path

import pytest

ICU_PATH = Path(__file__).resolve().parents[2] / "packaging" / "icu_data.py"
_spec = importlib.util.spec_from_file_location("kds_packaging_icu", ICU_PATH)
assert _spec and _spec.loader
icu = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = icu
_spec.loader.exec_module(icu)


@pytest.mark.parametrize("name", [
    "icudt73l/coll/fr.res", "icudt73l/coll/ucadata.icu", "icudt73l/coll/de.res",
    "icudt73l/zone/fr.res", "icudt73l/zone/ja.res", "icudt73l/ibm-5348_P100-1997.cnv",
    "icudt73l/cnvalias.icu", "icudt73l/root.res", "icudt73l/fr.res", "icudt73l/fr_CA.res",
    "icudt73l/en_GB.res", "icudt73l/supplementalData.res", "icudt73l/zoneinfo64.res",
    "icudt73l/pool.res", "icudt73l/res_index.res", "icudt73l/likelySubtags.res",
    "icudt73l/nfkc.nrm",
])
def test_what_qts_icu_calls_read_stays(name: str) -> None:
    assert icu.kept(name)


@pytest.mark.parametrize("name", [
    "icudt73l/brkitr/cjdict.dict", "icudt73l/unit/fr.res", "icudt73l/curr/fr.res",
    "icudt73l/lang/fr.res", "icudt73l/region/fr.res", "icudt73l/translit/root.res",
    "icudt73l/rbnf/fr.res", "icudt73l/unames.icu", "icudt73l/confusables.cfu",
    "icudt73l/rfc3491.spp", "icudt73l/de.res", "icudt73l/ja_JP.res",
])
def test_what_only_other_icu_apis_read_goes(name: str) -> None:
    assert not icu.kept(name)


def fake_package(items: list[tuple[str, bytes]]) -> bytes:
    header = bytearray(32)
    struct.pack_into("<H", header, 0, 32)
    header[2:4] = b"\xda\x27"
    header[12:16] = b"CmnD"
    return icu.write_package(bytes(header), items)


def test_a_package_reads_back_item_for_item_each_aligned() -> None:
    items = [("icudt73l/a.res", b"x" * 5), ("icudt73l/coll/b.res", b"yy" * 9),
             ("icudt73l/c.icu", b"z")]
    blob = fake_package(items)
    header, back = icu.read_package(blob)
    assert len(header) == 32
    # Items come back padded to 16 bytes, as ICU's own packager lays them out.
    assert [(n, d[:len(o)]) for (n, d), (_, o) in zip(back, items, strict=True)] == items
    toc = [struct.unpack_from("<II", blob, 32 + 4 + 8 * i) for i in range(len(items))]
    assert all(data_at % 16 == 0 for _, data_at in toc)


def test_something_else_is_refused() -> None:
    with pytest.raises(ValueError):
        icu.read_package(b"\x20\x00\xda\x27" + b"\0" * 8 + b"ToCP" + b"\0" * 40)


def qt_icu_dir() -> Path:
    import PySide6
    return Path(PySide6.__file__).parent / "Qt" / "lib"


def trimmed_copy(tmp_path: Path) -> Path:
    full = qt_icu_dir()
    for name in ("libicuuc.so.*", "libicui18n.so.*"):
        for lib in full.glob(name):
            shutil.copy2(lib, tmp_path / lib.name)
    data = next(full.glob("libicudata.so.*"))
    before, after = icu.trim(data, tmp_path / data.name)
    assert after < before / 2
    return tmp_path


@pytest.mark.slow  # builds a 13 MB library with binutils and asks ICU ~400 questions twice
def test_the_trimmed_library_answers_like_the_full_one(tmp_path: Path) -> None:
    assert icu.check(qt_icu_dir(), trimmed_copy(tmp_path)) == 0


@pytest.mark.slow
def test_the_check_sees_a_missing_collation(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icu, "DROP_TREES", (*icu.DROP_TREES, "coll"))
    assert icu.check(qt_icu_dir(), trimmed_copy(tmp_path)) == 1
