"""Per-layer plots, model against published: processing latency, chip power and active PEs."""
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PANELS = [("processing latency", "latency (ms)"), ("chip power", "chip power (mW)"), ("active PEs", "active PEs")]


def per_layer_rows(comparisons):
    panels = {metric: [] for metric, _ in PANELS}
    for c in comparisons:
        if c.status != "modelled" or c.row.value is None:
            continue
        if len(c.layers) == 1 and c.row.metric in panels:
            network, layer = c.layers[0]
            panels[c.row.metric].append((f"{network} {layer}", c.row.value, c.model))
    return panels


def draw(comparisons, out_dir):
    """Writes out_dir/per_layer.png (and .svg); returns the PNG path or None (no per-layer rows)."""
    panels = per_layer_rows(comparisons)
    shown = [(m, label) for m, label in PANELS if panels[m]]
    if not shown:
        return None
    fig, axes = plt.subplots(1, len(shown), figsize=(5.2 * len(shown), 4.2), squeeze=False)
    for ax, (metric, label) in zip(axes[0], shown):
        rows = panels[metric]
        xs = range(len(rows))
        ax.bar([x - 0.2 for x in xs], [r[1] for r in rows], 0.4, label="published", color="#4c72b0")
        ax.bar([x + 0.2 for x in xs], [r[2] for r in rows], 0.4, label="model", color="#dd8452")
        for x, (_, pub, mod) in zip(xs, rows):
            ax.annotate(f"{(mod - pub) / pub * 100:+.0f}%", (x + 0.2, mod), ha="center", va="bottom", fontsize=7)
        ax.set_xticks(list(xs))
        ax.set_xticklabels([r[0] for r in rows], rotation=45, ha="right", fontsize=8)
        ax.set_ylabel(label)
        ax.set_title(metric)
        ax.legend(fontsize=8)
    fig.suptitle("Model vs published silicon, per layer")
    fig.tight_layout()
    path = os.path.join(out_dir, "per_layer.png")
    fig.savefig(path + ".tmp.png", dpi=120)
    fig.savefig(os.path.join(out_dir, "per_layer.svg.tmp.svg"))
    plt.close(fig)
    os.replace(path + ".tmp.png", path)
    os.replace(os.path.join(out_dir, "per_layer.svg.tmp.svg"), os.path.join(out_dir, "per_layer.svg"))
    return path
