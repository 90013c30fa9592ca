"""Repository-level promises: the README's commands, CI, pinned deps, privacy config."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text, flags=re.S)


def test_readme_has_exactly_one_app_and_one_test_command():
    cmds = [c for c in _readme_commands() if "pip install" in c]
    app = [c for c in cmds if "streamlit run app.py" in c]
    tests = [c for c in cmds if "pytest" in c]
    assert len(app) == 1 and len(tests) == 1, cmds


def test_ci_runs_the_readme_test_command_verbatim():
    test_cmd = next(c for c in _readme_commands() if "pytest" in c and "pip install" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    run_lines = [
        ln.strip() for ln in ci.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]
    assert test_cmd.strip() in run_lines
    assert "chromium" in ci


def test_the_test_command_runs_lint_format_types_and_tests():
    test_cmd = next(c for c in _readme_commands() if "pytest" in c and "pip install" in c)
    steps = [s.strip() for s in test_cmd.split("&&")]
    assert steps == [
        "python3 -m pip install -q -r requirements-dev.txt",
        "python3 -m ruff check .",
        "python3 -m ruff format --check .",
        "python3 -m mypy",
        "python3 -m pytest",
    ]
    pinned = (ROOT / "requirements-dev.txt").read_text()
    assert re.search(r"^ruff==", pinned, re.M) and re.search(r"^mypy==", pinned, re.M)


def test_every_requirement_is_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("-r"):
                continue
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][0-9A-Za-z.\-]*", line), (
                f"{name}: {line!r} is not pinned"
            )


def test_streamlit_config_disables_telemetry_and_limits_uploads():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert cfg["browser"]["gatherUsageStats"] is False
    assert 1 <= cfg["server"]["maxUploadSize"] <= 200
    # listens on this machine only; with a manually set address Streamlit also skips its
    # start-up request to an outside service that looks up the external IP
    assert cfg["server"]["address"] == "localhost"


def test_streamlit_config_skips_the_full_collection_after_every_run():
    """A full gc.collect after each rerun was half the server's CPU per session under load
    (bench/load.py); Python's own collector is enough (the load run's peak memory is checked
    there)."""
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert cfg["runner"]["postScriptGC"] is False


def tracked_python_files() -> list[Path]:
    """The Python files git tracks (a venv/, build/ or scratch file in the checkout is not ours)."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--", "*.py"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [ROOT / name for name in out.split("\0") if name]


def test_no_unsafe_html_in_app_code():
    files = tracked_python_files()
    assert ROOT / "app.py" in files and ROOT / "ui" / "components.py" in files
    offenders = [
        str(path.relative_to(ROOT))
        for path in files
        if path.relative_to(ROOT).parts[0] != "tests"
        and re.search(r"unsafe_allow_html\s*=\s*True", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_architecture_names_every_module():
    """docs/ARCHITECTURE.md is the map of the code: every module of the product packages is
    named there (by path or dotted name; a sub-package such as ``data/formats/`` may be
    described as a whole). Pages are listed in app.py and described together."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = []
    for path in tracked_python_files():
        rel = path.relative_to(ROOT)
        if rel.parts[0] not in {"data", "analysis", "viz", "ui", "report"}:
            continue
        if rel.name == "__init__.py" and len(rel.parts) == 2:
            continue
        dotted = ".".join(rel.with_suffix("").parts)
        folders = [f"{'/'.join(rel.parts[:i])}/" for i in range(2, len(rel.parts))]
        if rel.as_posix() in text or dotted in text or any(f in text for f in folders):
            continue
        missing.append(rel.as_posix())
    assert missing == [], f"not in docs/ARCHITECTURE.md: {missing}"
