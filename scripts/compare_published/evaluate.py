"""Turning each published row into a comparison: modelled (with the model's value and error),
explained (why the model does not produce it) or not interpreted."""
from dataclasses import dataclass

from . import eyeriss_rows, simba
from .explanations import explain
from .table import is_bound, parse_condition


@dataclass
class Comparison:
    row: object
    status: str            # modelled | explained | not interpreted
    model: float | None = None
    note: str = ""
    layers: tuple = ()     # (network, layer) pairs the row's condition names

    @property
    def error_pct(self):
        p = self.row.value
        if self.model is None or p is None or p == 0:
            return None
        return (self.model - p) / abs(p) * 100


def _handler(ctx, design):
    if ctx.eyeriss_rows_apply(design):
        return eyeriss_rows.handler_for, ctx.eyeriss.networks
    if ctx.simba_rows_apply(design):
        return simba.handler_for, ctx.simba.networks
    return None, {}


def compare(row, ctx):
    find, networks = _handler(ctx, row.design)
    handler = find(row.metric) if find else None
    if handler is None:
        reason = explain(row.design, row.metric)
        if reason:
            return Comparison(row, "explained", note=reason)
        return Comparison(row, "not interpreted",
                          note="no model quantity for this design and metric" if find else "unknown design")
    if row.value is None:
        reason = explain(row.design, row.metric) or "the published value is not one number"
        return Comparison(row, "explained", note=f"{reason} ('{row.value_text}')")
    cond = parse_condition(row.condition, networks)
    try:
        model = float(handler(ctx, row, cond))
    except (eyeriss_rows.Unanswerable, ValueError, RuntimeError, KeyError) as e:
        return Comparison(row, "explained", note=f"the model cannot produce it here: {e}")
    c = Comparison(row, "modelled", model, layers=tuple((cond.network, l) for l in cond.layers))
    if is_bound(row.value_text):
        c.note = "published bound " + row.value_text + (": met" if _bound_met(row.value_text, model, row.value) else ": missed")
    return c


def _bound_met(text, model, bound):
    t = text.strip()
    if t.startswith((">=", ">")):
        return model >= bound
    if t.startswith("within"):
        return abs(model) <= bound
    return model <= bound
