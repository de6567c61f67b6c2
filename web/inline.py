#!/usr/bin/env python3
"""inline.py - write the browser edition's single page.

Usage: inline.py WEB_DIR ENGINE_JS ENGINE_WASM VERSION CATALOGS_JSON OUT_HTML

Fills the markers of WEB_DIR/template.html: @STYLE@ (page.css), @PAGE@
(page.js), @WORKER@ (the engine's JavaScript followed by worker.js: the
worker's source, which the page turns into a blob: URL), @WASM@ (the
WebAssembly as base64, which the page decodes and hands to the worker, so
that nothing is fetched), @VERSION@ and @CATALOGS@ (the page's words in
each language, from web/strings.py). Inlined text must not be able to end
its <script> or <style> element early: that is checked, never patched.
"""
import base64
import os
import sys


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__.strip().splitlines()[2])
    web, engine_js, engine_wasm, version, catalogs, out = sys.argv[1:]
    parts = {
        "@STYLE@": read(os.path.join(web, "page.css")),
        "@PAGE@": read(os.path.join(web, "page.js")),
        "@WORKER@": read(engine_js) + "\n" + read(os.path.join(web, "worker.js")),
        "@CATALOGS@": read(catalogs).strip(),
    }
    for marker, text in parts.items():
        low = text.lower()
        for bad in ("</script", "<!--", "</style"):
            if bad in low:
                sys.exit(f"inline.py: the text for {marker} holds '{bad}'")
    with open(engine_wasm, "rb") as f:
        parts["@WASM@"] = base64.b64encode(f.read()).decode("ascii")
    parts["@VERSION@"] = version
    page = read(os.path.join(web, "template.html"))
    for marker, text in parts.items():
        if page.count(marker) != 1:
            sys.exit(f"inline.py: template.html must hold {marker} once")
        page = page.replace(marker, text)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
