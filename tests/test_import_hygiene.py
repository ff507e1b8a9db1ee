"""The core and the command line never import the user interface."""

import subprocess
import sys
from pathlib import Path

import lawtrain

PACKAGE = Path(lawtrain.__file__).parent


def core_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        if "tui" in relative.parts or relative.name == "__main__":
            continue
        modules.append(".".join(relative.parts).removesuffix(".__init__"))
    return modules


def test_no_core_module_imports_textual():
    modules = core_modules()
    assert "lawtrain.cli.main" in modules and "lawtrain.store.database" in modules
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + (
            "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
            "assert not bad, bad\n"
        )
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_domain_sources_do_not_mention_textual():
    for path in PACKAGE.rglob("*.py"):
        if "tui" in path.relative_to(PACKAGE).parts:
            continue
        source = path.read_text(encoding="utf-8")
        assert "import textual" not in source and "from textual" not in source, path
