"""Byte-level and structure-aware mutations of real spreadsheet files, and the oracle
that judges one import (used by tests/fuzz/test_fuzz.py).

Seeds: small files built here (xlsx, xls, ods, csv) plus the published logs in
``../shared/realworld`` (xlsx and csv) when present. A case is one seed mutated 1-8 times
by one of: bit flip, random byte, insert/delete/duplicate a run, truncate, or — for zip
files — a mutation inside one unpacked XML part, packed again (gets past the zip's own
checksum, so the XML readers see the damage).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from data import sandbox
from data.schema import InputError
from tests import hostile

REALWORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld"


def seeds() -> list[tuple[str, bytes]]:
    """The seed files: our small builds, then every real xlsx/csv under REALWORLD."""
    out = [
        ("log.xlsx", hostile.small_log_xlsx()),
        ("log.xls", hostile.small_log_xls()),
        ("log.ods", hostile.small_log_ods()),
        ("log.csv", hostile.log_csv(40)),
    ]
    if REALWORLD.is_dir():
        for p in sorted(REALWORLD.iterdir()):
            if p.suffix.lower() in (".xlsx", ".csv") and p.stat().st_size < 2_000_000:
                out.append((p.name, p.read_bytes()))
    return out


def _bytes_mutation(rng: random.Random, data: bytearray) -> bytearray:
    if not data:
        return bytearray(rng.randbytes(rng.randint(1, 64)))
    op = rng.randrange(6)
    i = rng.randrange(len(data))
    if op == 0:
        data[i] ^= 1 << rng.randrange(8)
    elif op == 1:
        data[i] = rng.randrange(256)
    elif op == 2:
        data[i:i] = rng.randbytes(rng.randint(1, 16))
    elif op == 3:
        del data[i : i + rng.randint(1, 64)]
    elif op == 4:
        j = rng.randrange(len(data))
        data[j:j] = data[i : i + rng.randint(1, 256)]
    else:
        del data[max(1, i) :]
    return data


def _zip_part_mutation(rng: random.Random, data: bytes) -> bytes | None:
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
        parts = {i.filename: src.read(i) for i in infos}
    except Exception:  # noqa: BLE001 - not a readable zip any more
        return None
    xml = [n for n in parts if n.endswith(".xml")]
    if not xml:
        return None
    target = rng.choice(xml)
    body = bytearray(parts[target])
    for _ in range(rng.randint(1, 4)):
        body = _bytes_mutation(rng, body)
    parts[target] = bytes(body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in infos:
            z.writestr(info.filename, parts[info.filename])
    return out.getvalue()


def mutate(rng: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    """One mutated case from a seed (sometimes renamed to another extension)."""
    if data[:4] == b"PK\x03\x04" and rng.random() < 0.5:
        inner = _zip_part_mutation(rng, data)
        if inner is not None:
            data = inner
    buf = bytearray(data)
    for _ in range(rng.randint(0, 8)):
        buf = _bytes_mutation(rng, buf)
    if rng.random() < 0.1:
        stem = name.rsplit(".", 1)[0]
        name = f"{stem}.{rng.choice(['csv', 'xlsx', 'xls', 'ods', 'txt'])}"
    return name, bytes(buf)


@dataclass
class Tally:
    """What the cases came to. ``failures`` must stay empty."""

    cases: int = 0
    imported: int = 0
    refused: int = 0
    worker_stopped: int = 0  # native aborts / limits, contained in the worker process
    rows_read: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    slowest_s: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.cases} cases: {self.imported} imported ({self.rows_read} rows, all adding "
            f"up), {self.refused} refused in one line, {self.worker_stopped} stopped the "
            f"worker (contained; the caller never noticed), {len(self.failures)} failures; "
            f"slowest {self.slowest_s:.1f} s; by seed kind {dict(self.kinds)}"
        )


def judge(tally: Tally, name: str, data: bytes, label: str) -> None:
    """Import one case through the sandbox and record what happened."""
    import time

    t0 = time.perf_counter()
    tally.cases += 1
    tally.kinds[label.split("#")[0]] += 1
    try:
        result = sandbox.import_files([(name, data)])
    except sandbox.ImporterBug as exc:
        tally.failures.append(f"{label}: unexpected exception: {exc}")
    except sandbox.WorkerStopped as exc:
        tally.worker_stopped += 1
        if "\n" in str(exc):
            tally.failures.append(f"{label}: message of several lines: {exc!r}")
    except InputError as exc:
        tally.refused += 1
        if "\n" in str(exc) or not str(exc):
            tally.failures.append(f"{label}: message not one line: {exc!r}")
    except BaseException as exc:  # noqa: BLE001 - anything else is a failure
        tally.failures.append(f"{label}: {type(exc).__name__} escaped: {exc}")
    else:
        rep = result.report
        tally.imported += 1
        tally.rows_read += rep.rows_read
        if rep.rows_read != rep.rows_analysed + rep.rows_excluded:
            tally.failures.append(
                f"{label}: rows do not add up ({rep.rows_read} read, {rep.rows_analysed} "
                f"analysed, {rep.rows_excluded} excluded)"
            )
    tally.slowest_s = max(tally.slowest_s, time.perf_counter() - t0)
