"""Trunk post-build hook: allow exactly the inline loader Trunk wrote.

Trunk starts the app with one inline <script type="module">. The page's
Content-Security-Policy allows scripts from the page's own origin only, so this
hook puts the SHA-256 of that script's text where index.html says SCRIPT_HASH.
Any other inline script stays blocked. It fails the build if the page does not
have exactly one inline script and one placeholder, so a Trunk change cannot
silently ship a page that does not start.
"""

import base64
import hashlib
import os
import re
import sys
from pathlib import Path

PLACEHOLDER = "SCRIPT_HASH"


def main() -> int:
    staging = Path(os.environ.get("TRUNK_STAGING_DIR", "dist"))
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    if len(inline) != 1 or html.count(PLACEHOLDER) != 1:
        print(
            f"csp_hash: expected one inline script and one {PLACEHOLDER} in {index}, "
            f"found {len(inline)} and {html.count(PLACEHOLDER)}",
            file=sys.stderr,
        )
        return 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode("utf-8")).digest()).decode()
    index.write_text(html.replace(PLACEHOLDER, f"'sha256-{digest}'"), encoding="utf-8")
    print(f"csp_hash: allowed the loader script sha256-{digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
