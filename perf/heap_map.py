#!/usr/bin/python3
"""Draw heap maps: one PNG per map file that `heaplab run --heap-map FILE` or
`heaplab compare --heap-map DIR` wrote (README, "Fragmentation").

    /usr/bin/python3 perf/heap_map.py OUT_DIR MAP...

Every held page of 4 KiB is a small square, in address order, 128 to a row (512 KiB), coloured
by the share of its bytes that live blocks fill: light grey for a held page with nothing live
in it, then yellow (a few live bytes) to dark red (full). Where the held pages stop and start
again further on (a gap between mappings, runs or heap sections), a black square stands for
the gap. Writes OUT_DIR/<backend>.png. Needs matplotlib (Debian's python3-matplotlib)."""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
import numpy as np  # noqa: E402

PAGE = 4096
ROW = 128
GAP, EMPTY = -2.0, -1.0


def read_map(path):
    """The backend's name, the summary figures and the (address, live bytes) of every page."""
    backend, summary, pages = os.path.splitext(os.path.basename(path))[0], {}, []
    with open(path) as f:
        for line in f:
            if line.startswith("# heaplab heap map: backend "):
                backend = line.split("backend ", 1)[1].split(",", 1)[0]
            elif line.startswith("# held "):
                words = line[2:].split()
                summary = {words[i]: int(words[i + 1]) for i in range(0, len(words) - 1, 2)}
            elif not line.startswith("#") and line.strip():
                address, live = line.split()
                pages.append((int(address, 16), int(live)))
    return backend, summary, pages


def cells(pages):
    """Each page's fill (0..1, EMPTY for a held page with nothing live), a GAP between runs."""
    out, previous = [], None
    for address, live in pages:
        if previous is not None and address != previous + PAGE:
            out.append(GAP)
        out.append(min(live, PAGE) / PAGE if live else EMPTY)
        previous = address
    return out


def mib(n):
    return f"{n / 1048576:.1f} MiB"


def draw(path, out_dir):
    backend, s, pages = read_map(path)
    values = cells(pages)
    rows = max(1, -(-len(values) // ROW))
    grid = np.full(rows * ROW, np.nan)
    grid[:len(values)] = values
    grid = grid.reshape(rows, ROW)
    fig_h = max(2.0, min(14.0, rows * 0.06 + 1.4))
    fig, ax = plt.subplots(figsize=(8, fig_h))
    fill = np.ma.masked_where(grid < 0, grid)
    special = np.ma.masked_where(~np.isin(grid, [GAP, EMPTY]), grid)
    ax.imshow(special, cmap=ListedColormap(["black", "#d9d9d9"]), vmin=GAP, vmax=EMPTY,
              interpolation="nearest", aspect="auto")
    im = ax.imshow(fill, cmap="YlOrRd", vmin=0.0, vmax=1.0, interpolation="nearest", aspect="auto")
    gaps = values.count(GAP)
    title = f"{backend}: {len(pages)} pages held, {s.get('pages_live', 0)} with live bytes, {gaps} gaps"
    if s:
        ratio = s["held"] / s["live"] if s.get("live") else 0
        title += f"\nheld {mib(s['held'])}, live {mib(s['live'])} ({ratio:.2f}x), largest free {s['largest_free'] // 1024} KiB"
    ax.set_title(title, fontsize=9)
    ax.set_xlabel(f"{ROW} pages of 4 KiB a row, addresses ascending; grey: held, nothing live; black: a gap", fontsize=8)
    ax.set_yticks([])
    ax.set_xticks([])
    bar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("share of the page live", fontsize=8)
    fig.tight_layout()
    out = os.path.join(out_dir, f"{backend}.png")
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    os.makedirs(argv[1], exist_ok=True)
    for path in argv[2:]:
        try:
            print(draw(path, argv[1]))
        except (OSError, ValueError) as e:
            print(f"heap_map.py: cannot draw {path}: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
