"""OUTDIR/comparison.csv and the summary table."""
import csv
import io
import re
from collections import defaultdict

CSV_COLUMNS = ["design", "metric", "condition", "published", "unit", "model", "error_pct", "status",
               "note", "table_line"]


def _num(x):
    return "" if x is None else f"{x:.6g}"


def comparison_csv(comparisons):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for c in comparisons:
        r = c.row
        w.writerow([r.design, r.metric, r.condition, r.value_text, r.unit, _num(c.model),
                    "" if c.error_pct is None else f"{c.error_pct:.1f}", c.status, c.note, r.line])
    return out.getvalue()


def _group(c):
    """Rows are summarised per design and metric; per-layer rows of one metric together."""
    return f"{c.row.design}: {c.row.metric}"


def summary(comparisons):
    lines = []
    counts = defaultdict(int)
    for c in comparisons:
        counts[c.status] += 1
    lines.append("rows: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    lines.append("")
    groups = defaultdict(list)
    for c in comparisons:
        if c.status == "modelled" and c.error_pct is not None:
            groups[_group(c)].append(c)
    width = max([len(g) for g in groups] + [10])
    lines.append(f"{'metric':<{width}}  rows  mean|err|%  max|err|%")
    for g, cs in groups.items():
        errs = [abs(c.error_pct) for c in cs]
        lines.append(f"{g:<{width}}  {len(cs):>4}  {sum(errs) / len(errs):>10.1f}  {max(errs):>9.1f}")
    lines.append("")
    lines.append("per row (modelled):")
    for c in comparisons:
        if c.status == "modelled":
            cond = re.sub(r"\s+", " ", c.row.condition)[:60]
            err = "" if c.error_pct is None else f"{c.error_pct:+.1f}%"
            lines.append(f"  {c.row.metric[:40]:<40} {cond:<60} {c.row.value_text:>8} {_num(c.model):>10} {err:>8} {c.note}")
    return "\n".join(lines) + "\n"
