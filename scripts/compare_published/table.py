"""Reading a published table (columns design, source, table_or_figure, metric, condition, value,
unit, notes) and the conditions its rows are stated under."""
import csv
import re
from dataclasses import dataclass, field

COLUMNS = ["design", "source", "table_or_figure", "metric", "condition", "value", "unit", "notes"]


@dataclass
class Row:
    line: int
    design: str
    source: str
    where: str
    metric: str
    condition: str
    value_text: str
    unit: str
    notes: str

    @property
    def value(self):
        """The published number, or None when the cell is not one number ('5-10', '4.0 x 4.0')."""
        return parse_number(self.value_text)


def parse_number(text):
    """'~30' -> 30, '<10' / 'up to 45' / 'within 5' -> the bound; ranges and text -> None."""
    t = text.strip().lstrip("~").strip()
    t = re.sub(r"^(<|>=|<=|>|up to|within)\s*", "", t)
    try:
        return float(t)
    except ValueError:
        return None


def is_bound(text):
    return re.match(r"^\s*(<|>=|<=|>|up to|within)", text) is not None


@dataclass
class Condition:
    """What a row's condition names: network and layers, batch, clocks and voltage."""
    network: str = ""          # 'alexnet', 'vgg16', 'resnet50' or ''
    layers: list = field(default_factory=list)   # ['conv1', ...] in network order
    batch: int | None = None
    core_mhz: float | None = None
    link_mhz: float | None = None
    volts: float | None = None
    chips: int | None = None   # Simba: chips in the system


NETWORK_NAMES = {"alexnet": "alexnet", "vgg-16": "vgg16", "vgg16": "vgg16", "resnet-50": "resnet50",
                 "resnet50": "resnet50"}


def parse_condition(text, network_layers):
    """network_layers: network -> its layer names in order (to expand 'CONV1-5')."""
    c = Condition()
    low = text.lower()
    for name, key in NETWORK_NAMES.items():
        if re.search(r"\b" + re.escape(name) + r"\b", low):
            c.network = key
            break
    if c.network in network_layers:
        c.layers = _layers(low, network_layers[c.network])
    if m := re.search(r"batch\s*(?:n\s*=\s*)?(\d+)", low):
        c.batch = int(m.group(1))
    if m := re.search(r"core\s+(\d+(?:\.\d+)?)\s*mhz", low):
        c.core_mhz = float(m.group(1))
    if m := re.search(r"link\s+(\d+(?:\.\d+)?)\s*mhz", low):
        c.link_mhz = float(m.group(1))
    if m := re.search(r"(\d+(?:\.\d+)?)\s*v\b", low):
        c.volts = float(m.group(1))
    if m := re.search(r"(\d+)[- ]chips?\b", low):
        c.chips = int(m.group(1))
    return c


def _layers(low, names):
    """'conv1-5' and 'conv3-conv5' -> ranges, 'conv4-2' / 'conv4_2' -> one VGG layer,
    'conv1 and conv5' -> both; [] when no layer of the network is named."""
    found = []
    for m in re.finditer(r"\bconv(\d+)(?:\s*[-_]\s*(conv)?(\d+))?", low):
        first, repeated, second = m.groups()
        if second and not repeated and f"conv{first}_{second}" in names:
            found.append(f"conv{first}_{second}")
        elif second and f"conv{first}" in names and f"conv{second}" in names:
            found += names[names.index(f"conv{first}"):names.index(f"conv{second}") + 1]
        elif f"conv{first}" in names:
            found.append(f"conv{first}")
    return list(dict.fromkeys(found))


def read_table(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:len(COLUMNS)]] != COLUMNS:
            raise SystemExit(f"ERROR: {path}:1: expected the columns {','.join(COLUMNS)}")
        rows = []
        for line, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            cells = (cells + [""] * len(COLUMNS))[:len(COLUMNS)]
            rows.append(Row(line, *[c.strip() for c in cells]))
        return rows
