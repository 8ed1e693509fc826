"""Write the README's ``copro-kg diff FIRST`` sample: the changes since the first release.

The README shows what ``copro-kg diff 0.1.0`` prints, whole (tests/test_docs.py checks every
sample output against the command); the answer changes whenever the vocabulary does, so the
block between ``<!-- diff:begin -->`` and ``<!-- diff:end -->`` is generated, like the
statistics table: ``make readme-stats`` (and ``make release``) run this.

Usage::

    python scripts/readme_diff.py README.md
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from copro_kg.history.releases import releases


def main(argv: list[str]) -> int:
    readme = Path(argv[0] if argv else "README.md")
    first = releases()[0].version
    done = subprocess.run(
        [sys.executable, "-m", "copro_kg", "diff", first],
        capture_output=True,
        text=True,
        check=True,
    )
    sample = f"```console\n$ copro-kg diff {first}\n{done.stdout.rstrip()}\n```"
    block = f"<!-- diff:begin -->\n{sample}\n<!-- diff:end -->"
    text = readme.read_text(encoding="utf-8")
    new = re.sub(r"<!-- diff:begin -->.*?<!-- diff:end -->", lambda _: block, text, flags=re.S)
    if new != text:
        readme.write_text(new, encoding="utf-8")
        print(f"updated {readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
