#!/usr/bin/env python3
"""Seed corpus of one fuzz target (scripts/fuzz), gathered at run time from the reference
fixtures and our examples and packed as test-suites/fuzz/fuzz_inputs.hpp describes.
usage: fuzz_seeds.py TARGET FIXTURES_DIR EXAMPLES_DIR OUT_DIR"""
import hashlib
import os
import sys

import yaml

target, fixtures, examples, out = sys.argv[1:5]


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def save(text):
    name = hashlib.sha1(text.encode()).hexdigest()
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


def pack(first_text, inputs=(), files=(), variables=()):
    """inputs/files: (relative path, text) pairs; variables: (name, value) pairs."""
    parts = [first_text]
    parts += [f"#=== input {p}\n{t}" for p, t in inputs]
    parts += [f"#=== file {p}\n{t}" for p, t in files]
    parts += [f"#=== var {n}={v}\n" for n, v in variables]
    return "\n".join(parts)


def processed_cases():
    """(name, [file paths in timeloop-model order]) of the processed Timeloop fixtures."""
    for group in ("timeloop", "timeloop-generated", "timeloop-sparse-generated"):
        folder = os.path.join(fixtures, group)
        if not os.path.isdir(folder):
            continue
        for case in sorted(os.listdir(folder)):
            d = os.path.join(folder, case)
            if os.path.exists(os.path.join(d, "model-input.yaml")):
                names = ["model-input.yaml", "map.yaml"]
            elif os.path.exists(os.path.join(d, "input.yaml")):
                names = ["input.yaml"]
            else:
                continue
            names += [n for n in ("ERT.yaml", "ART.yaml") if os.path.exists(os.path.join(d, n))]
            yield case, [os.path.join(d, n) for n in names]
    conv1d = os.path.join(examples, "conv1d")
    yield "conv1d", [os.path.join(conv1d, n) for n in ("arch.yaml", "problem.yaml", "map.yaml", "ERT.yaml", "ART.yaml")]


def timeloop_yaml_seeds():
    for index, (_, paths) in enumerate(processed_cases()):
        texts = [read(p) for p in paths]
        save(pack(texts[0], [(f"in{i}.yaml", t) for i, t in enumerate(texts[1:], 1)]))
        if index % 8 == 0:  # some without ERT/ART: the built-in Accelergy estimates them
            kept = [t for p, t in zip(paths, texts) if os.path.basename(p) not in ("ERT.yaml", "ART.yaml")]
            save(pack(kept[0], [(f"in{i}.yaml", t) for i, t in enumerate(kept[1:], 1)]))


def libconfig_value(value, indent):
    pad = "  " * indent
    if isinstance(value, dict):
        body = "".join(f"{pad}  {k} = {libconfig_value(v, indent + 1)};\n" for k, v in value.items())
        return "{\n" + body + pad + "}"
    if isinstance(value, list):
        scalars = all(isinstance(v, (int, float, str)) and not isinstance(v, bool) for v in value)
        same = len({type(v) for v in value}) <= 1
        items = ", ".join(libconfig_value(v, indent + 1) for v in value)
        return f"[{items}]" if scalars and same else f"({items})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) + ("L" if abs(value) >= 2**31 else "")
    if isinstance(value, float):
        return repr(value) if ("." in repr(value) or "e" in repr(value)) else repr(value) + ".0"
    if value is None:
        return '""'
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def valid_names(value):
    import re
    if isinstance(value, dict):
        return all(re.fullmatch(r"[A-Za-z*][-A-Za-z0-9_*]*", str(k)) and valid_names(v) for k, v in value.items())
    if isinstance(value, list):
        return all(valid_names(v) for v in value)
    return True


def libconfig_seeds():
    for _, paths in processed_cases():
        merged = {}
        for p in paths:
            document = yaml.safe_load(read(p)) or {}
            if isinstance(document, dict):
                merged.update(document)
        if not valid_names(merged):
            continue
        save("".join(f"{k} = {libconfig_value(v, 0)};\n" for k, v in merged.items()))


def relative_to(path, folder):
    rel = os.path.relpath(path, folder)
    return rel if not rel.startswith("..") else os.path.basename(path)


def v04_seeds():
    raw = os.path.join(fixtures, "timeloop-raw")
    cases = os.path.join(raw, "cases")
    for case in sorted(os.listdir(cases)) if os.path.isdir(cases) else []:
        spec = yaml.safe_load(read(os.path.join(cases, case, "case.yaml")))
        inputs = [os.path.join(raw, p) for p in spec.get("inputs", [])]
        pulled = [os.path.join(raw, str(p).split("#")[0].strip()) for p in spec.get("pulls_in", []) or []
                  if not str(p).startswith("(")]
        if not inputs:
            continue
        home = os.path.dirname(inputs[0])
        save(pack(read(inputs[0]),
                  [(relative_to(p, home), read(p)) for p in inputs[1:]],
                  [(relative_to(p, home), read(p)) for p in pulled if os.path.isfile(p)],
                  [(k, v) for k, v in (spec.get("jinja") or {}).items()]))
    for design in sorted(os.listdir(examples)):
        d = os.path.join(examples, design)
        names = ["arch.yaml", "problem.yaml", "map.yaml"]
        if not all(os.path.isfile(os.path.join(d, n)) for n in names) or design == "conv1d":
            continue
        texts = [read(os.path.join(d, n)) for n in names]
        save(pack(texts[0], [(n, t) for n, t in zip(names[1:], texts[1:])]))


def cimloop_seeds():
    """Our CiMLoop-style models tree, one seed per macro: the tree without the other macros'
    folders and with only the default workload."""
    top = os.path.join(examples, "cim")
    macros = sorted(os.listdir(os.path.join(top, "arch", "1_macro")))
    for macro in macros:
        files = []
        for folder, _, names in os.walk(top):
            for name in sorted(names):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, top)
                parts = rel.split(os.sep)
                if rel in ("top.yaml.jinja2", "README.md"):
                    continue
                if parts[:2] == ["arch", "1_macro"] and parts[2] != macro:
                    continue
                if parts[0] == "workloads" and rel != os.path.join("workloads", "default_problem.yaml") \
                        and rel != os.path.join("workloads", "problem_base.yaml"):
                    continue
                files.append((rel, read(path)))
        save(pack(read(os.path.join(top, "top.yaml.jinja2")), files=files, variables=[("macro", macro)]))


os.makedirs(out, exist_ok=True)
{"fuzz_timeloop_yaml": timeloop_yaml_seeds, "fuzz_libconfig": libconfig_seeds,
 "fuzz_v04": v04_seeds, "fuzz_cimloop_report": cimloop_seeds}[target]()
