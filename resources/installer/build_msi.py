"""Build the MSI on Linux with msitools' wixl, from a dist folder, for any version.

    python resources/installer/build_msi.py DIST OUT.msi [--version X.Y.Z] [--help-url URL]

What `.ci/run` (the authoring check), tests/test_installer.py (small dists) and
tests/test_wine_install.py (two versions of the real dist) build. It writes the file list
(make_files_wxs.py) beside OUT and runs ``wixl -a x64`` from DIST's parent, since wixl
wants a relative SourceDir. The Windows release build runs candle/light on the same
send-desk.wxs instead (.github/workflows/windows-msi.yml). wixl's warnings (it ignores
``Secure="yes"``, see check_msi.py) are shown only when the build fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_files_wxs  # noqa: E402

WXS = HERE / "send-desk.wxs"
# A reserved example.org placeholder: only the Windows release passes the real guide.
PLACEHOLDER_HELP = "https://example.org/send-adviser-desk/it-deployment"


def build(
    dist: Path,
    out: Path,
    version: str,
    help_url: str = PLACEHOLDER_HELP,
    wxs: Path = WXS,
) -> Path:
    """Build out (an .msi) from dist with wixl; raises RuntimeError with wixl's output."""
    dist, out = dist.resolve(), out.resolve()
    files = out.with_name(out.stem + "-files.wxs")
    if make_files_wxs.main([str(dist), str(files)]) != 0:
        raise RuntimeError(f"could not list the files of {dist}")
    cmd = [
        "wixl",
        "-a",
        "x64",
        "-D",
        f"Version={version}",
        "-D",
        f"SourceDir={dist.name}",
        "-D",
        f"HelpUrl={help_url}",
        "-o",
        str(out),
        str(wxs.resolve()),
        str(files),
    ]
    done = subprocess.run(cmd, cwd=dist.parent, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"wixl failed ({done.returncode}): {done.stderr.strip()}")
    return out


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--version", default=None, help="ProductVersion (default: the app's)")
    parser.add_argument("--help-url", default=PLACEHOLDER_HELP)
    args = parser.parse_args(argv)
    version = args.version
    if version is None:
        sys.path.insert(0, str(HERE.parent.parent))
        from desktop import __version__ as version
    try:
        msi = build(args.dist, args.out, version, args.help_url)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {msi}: {msi.stat().st_size / 1e6:.1f} MB, version {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
