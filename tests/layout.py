#!/usr/bin/env python3
"""layout.py - check that the source layout shows the flow (src/README.md).

Usage: tests/layout.py SOURCE_DIR BUILD_DIR

The stages of src/, lowest first, are listed in STAGES. A file may include
headers of its own stage and of stages before it, never of a later one; the
front-ends (cli, web) may include any stage but not each other. Between
files there is no include cycle, and no call cycle: calls are read from the
compiled objects in BUILD_DIR (a symbol a file leaves undefined and another
file of the project defines is a call from the first to the second), so a
cycle through a header-only declaration is caught too. Every stage folder has
a README.md saying what it owns and what it may call.

Exit status 0 when all holds, 1 with one line per problem otherwise.
"""
import os
import re
import subprocess
import sys

STAGES = ["base", "archive", "parse", "rules", "scan", "report"]
FRONTENDS = ["cli", "web"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def rank(stage):
    """Order of a stage; front-ends come after every stage."""
    if stage in STAGES:
        return STAGES.index(stage)
    return len(STAGES)


def sources(src):
    """{relative path: stage} of every .c and .h under src/<stage>/."""
    out = {}
    for stage in STAGES + FRONTENDS:
        d = os.path.join(src, stage)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith((".c", ".h")):
                out[os.path.join(stage, name)] = stage
    return out


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, comps = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return comps


def check_includes(src, files, problems):
    by_name = {}
    for path in files:
        by_name.setdefault(os.path.basename(path), []).append(path)
    graph = {}
    for path, stage in files.items():
        with open(os.path.join(src, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for inc in INCLUDE.findall(text):
            targets = by_name.get(os.path.basename(inc), [])
            if not targets:
                continue  # a generated or system-like header (embedded rules, ...)
            if len(targets) > 1:
                problems.append(f"{path}: includes {inc}, which names {len(targets)} headers")
                continue
            target = targets[0]
            tstage = files[target]
            if tstage in FRONTENDS and tstage != stage:
                problems.append(f"{path}: includes {target}: a front-end's header")
            elif rank(tstage) > rank(stage):
                problems.append(f"{path}: includes {target}: stage {tstage} comes after {stage}")
            graph.setdefault(path, set()).add(target)
    for comp in cycles(graph):
        problems.append("include cycle: " + " -> ".join(comp))


def objects(build):
    """{stage/file.c: object path} of the library's and the front-ends' objects."""
    out = {}
    for top, _, names in os.walk(os.path.join(build, "CMakeFiles")):
        for name in names:
            if not name.endswith(".c.o"):
                continue
            parts = top.replace(os.sep, "/").split("/src/")
            if len(parts) < 2:
                continue
            rel = parts[-1] + "/" + name[:-2]
            stage = rel.split("/")[0]
            if stage in STAGES or stage in FRONTENDS:
                out.setdefault(rel, os.path.join(top, name))
    return out


def check_calls(build, problems):
    objs = objects(build)
    if not objs:
        problems.append(f"{build}: no compiled objects of src/ found (build first)")
        return
    defined, undefined = {}, {}
    for rel, obj in objs.items():
        out = subprocess.run(["nm", "-P", obj], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            fields = line.split()
            if len(fields) < 2:
                continue
            sym, kind = fields[0], fields[1]
            if kind == "U":
                undefined.setdefault(rel, set()).add(sym)
            elif kind in "TDBRVW":
                defined.setdefault(sym, set()).add(rel)
    graph = {}
    for rel, syms in undefined.items():
        stage = rel.split("/")[0]
        for sym in syms:
            for owner in defined.get(sym, ()):
                if owner == rel:
                    continue
                ostage = owner.split("/")[0]
                if ostage in FRONTENDS and ostage != stage:
                    problems.append(f"{rel}: calls {sym} of {owner}: a front-end")
                elif rank(ostage) > rank(stage):
                    problems.append(f"{rel}: calls {sym} of {owner}: stage {ostage} comes after {stage}")
                graph.setdefault(rel, set()).add(owner)
    for comp in cycles(graph):
        problems.append("call cycle: " + " -> ".join(comp))


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root, build = sys.argv[1], sys.argv[2]
    src = os.path.join(root, "src")
    problems = []
    for name in sorted(os.listdir(src)):
        if os.path.isdir(os.path.join(src, name)) and name not in STAGES + FRONTENDS:
            problems.append(f"src/{name}: not a stage of the flow (tests/layout.py STAGES, src/README.md)")
    for stage in STAGES + FRONTENDS:
        d = os.path.join(src, stage)
        if os.path.isdir(d) and not os.path.isfile(os.path.join(d, "README.md")):
            problems.append(f"src/{stage}: no README.md saying what it owns and what it may call")
    files = sources(src)
    check_includes(src, files, problems)
    check_calls(build, problems)
    for p in problems:
        print("layout: " + p)
    print(f"layout: {len(files)} files in {len(set(files.values()))} folders, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
