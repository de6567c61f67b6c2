#!/usr/bin/env python3
"""web_check.py - drive the browser edition in headless Chromium.

Usage: web_check.py TRAINABLE PAGE SOURCE_DIR [SHOT_DIR]

Opens PAGE from file://, chooses every sample export in #files (the parts
of a multi-part export together), and checks that window.trainableReport
equals `trainable scan --format json` of the same files (and --as-of where
the golden cases use it), that a file which is not an export fails as the
CLI does, that the page made no network request (Chromium's performance
log holds no request that could reach a network), and that the console
holds no error. Prints the page's size and each scan's time; with SHOT_DIR,
saves screenshots of a report at 1280 and 390 px wide (light and dark).
Exit 0 when every check passes, 1 otherwise.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

fails = 0
passes = 0


def check(cond, what):
    global fails, passes
    if cond:
        passes += 1
    else:
        fails += 1
        print("FAIL: " + what)
    return cond


def browser(profile, dark=False):
    o = webdriver.ChromeOptions()
    o.binary_location = os.environ.get("TR_CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
              "--user-data-dir=" + profile, "--window-size=1280,900"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    d = webdriver.Chrome(service=Service(os.environ.get("TR_CHROMEDRIVER", "/usr/bin/chromedriver")), options=o)
    if dark:
        d.execute_cdp_cmd("Emulation.setEmulatedMedia",
                          {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    return d


def cli(trainable, files, as_of):
    args = [trainable, "scan", "--format", "json", "-q"]
    if as_of:
        args += ["--as-of", as_of]
    p = subprocess.run(args + files, capture_output=True, text=True)
    return p.returncode, (json.loads(p.stdout) if p.stdout.strip() else None), p.stderr.strip()


def page_scan(d, page, files, as_of):
    """Load the page, choose files, wait for the end. Returns (state, report, seconds)."""
    d.get("file://" + page)
    if as_of:
        d.execute_script("document.getElementById('as-of').value = arguments[0]", as_of)
    t0 = time.monotonic()
    d.find_element(By.ID, "files").send_keys("\n".join(files))
    WebDriverWait(d, 600, poll_frequency=0.05).until(
        lambda d: d.execute_script("return document.documentElement.dataset.scan") in ("done", "failed"))
    secs = time.monotonic() - t0
    state = d.execute_script("return document.documentElement.dataset.scan")
    report = d.execute_script("return window.trainableReport")
    return state, report, secs


def requests_made(d):
    """URLs asked for that could reach a network (performance log): any
    scheme but file: (the page), blob: (its worker and thumbnails), data:
    and the browser's own chrome: and about: pages (its new tab page, the
    date picker's icon)."""
    bad = []
    for entry in d.get_log("performance"):
        m = json.loads(entry["message"])["message"]
        if m.get("method") in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            url = m["params"]["request"]["url"] if "request" in m["params"] else m["params"].get("url", "")
            if url.split(":", 1)[0].lower() not in ("file", "blob", "data", "chrome", "about"):
                bad.append(url)
    return bad


def console_errors(d):
    return [e["message"] for e in d.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def check_members(d, name, files, report):
    """The engine's member reads (thumbnails) give the zip's bytes: up to 3
    photos or videos and one JSON member, found under their names in the zip
    with or without the wrapper folder (the report strips it)."""
    import zipfile
    members = []
    for z in files:
        with zipfile.ZipFile(z) as zf:
            members += [(z, i.filename) for i in zf.infolist() if not i.is_dir()]
    media = [m for m in members if m[1].lower().endswith((".jpg", ".png", ".mp4", ".webp", ".gif"))][:3]
    docs = [m for m in members if m[1].endswith(".json")][:1]
    compared = 0
    for z, inner in media + docs:
        with zipfile.ZipFile(z) as zf:
            want = zf.read(inner)
        for path in (inner, inner.split("/", 1)[-1]):
            got = d.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "window.trainableMember(arguments[0]).then((b) => done(b ? Array.from(b) : null));", path)
            if got is not None:
                compared += 1
                check(bytes(got) == want, "%s: member %s read by the page differs from the zip's" % (name, path))
                break
    check(compared > 0 or not members, "%s: the page read none of the members asked for" % name)


def exports(src):
    """Sample exports: parts of one export (-partN) together."""
    groups = {}
    for z in sorted(glob.glob(os.path.join(src, "samples", "*.zip"))):
        stem = re.sub(r"-part\d+$", "", os.path.basename(z)[:-4])
        groups.setdefault(stem, []).append(os.path.abspath(z))
    cases = [(stem, files, None) for stem, files in groups.items()]
    # the golden cases that set --as-of
    try:
        with open(os.path.join(src, "tests", "golden", "CASES")) as f:
            for line in f:
                w = line.split()
                if "--as-of" in w:
                    files = [os.path.join(src, x) for x in w if x.endswith(".zip")]
                    cases.append((w[0], files, w[w.index("--as-of") + 1]))
    except OSError:
        pass
    return cases


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[2])
    trainable, page, src = (os.path.abspath(x) for x in sys.argv[1:4])
    shots = sys.argv[4] if len(sys.argv) == 5 else None
    print("page: %s, %d bytes (%.2f MiB)" % (page, os.path.getsize(page), os.path.getsize(page) / 1048576))
    with tempfile.TemporaryDirectory() as tmp:
        d = browser(os.path.join(tmp, "profile"))
        try:
            for name, files, as_of in exports(src):
                rc, want, err = cli(trainable, files, as_of)
                state, got, secs = page_scan(d, page, files, as_of)
                print("%-40s cli exit %d, page %s in %.2f s" % (name, rc, state, secs))
                if rc in (0, 5):
                    check(state == "done", name + ": the page's scan " + str(state))
                    check(got == want, name + ": the page's report differs from the CLI's")
                    if got != want and got and want:
                        for k in sorted(set(got) | set(want)):
                            if got.get(k) != want.get(k):
                                print("    %s: page %s, cli %s" % (k, json.dumps(got.get(k))[:300],
                                                                  json.dumps(want.get(k))[:300]))
                    if want and not want["complete"]:
                        shown = d.execute_script("return document.getElementById('status').textContent")
                        check("INCOMPLETE" in shown, name + ": an incomplete scan does not say so")
                else:
                    check(state == "failed" and got is None, name + ": CLI exit %d but the page %s" % (rc, state))
                if state == "done" and got:
                    check_members(d, name, files, got)
                net = requests_made(d)
                check(not net, name + ": network requests: %s" % net)
                errs = console_errors(d)
                check(not errs, name + ": console errors: %s" % errs)
            # not an export: fails in the page as in the CLI, with the CLI's message
            readme = os.path.join(src, "samples", "README.md")
            rc, _, err = cli(trainable, [readme], None)
            state, got, _ = page_scan(d, page, [readme], None)
            shown = d.execute_script("return document.getElementById('error').textContent")
            print("not an export: cli exit %d (%s), page %s" % (rc, err, state))
            check(rc != 0 and state == "failed" and got is None, "not an export: page " + str(state))
            check("README.md" in shown, "not an export: the page does not name the file: " + shown)
            check(not console_errors(d), "not an export: console errors: %s" % console_errors(d))
            if shots:
                os.makedirs(shots, exist_ok=True)
                sample = [os.path.join(src, "samples", "facebook-jdoe-2025-06-01-Ab12Cd34.zip")]
                for width in (1280, 390):
                    d.set_window_size(width, 900)
                    page_scan(d, page, sample, None)
                    h = d.execute_script("return document.documentElement.scrollHeight")
                    d.set_window_size(width, min(h, 6000))
                    time.sleep(0.5)
                    d.save_screenshot(os.path.join(shots, "web-%d.png" % width))
                broken = [os.path.join(src, "samples", "facebook-oskarlind-2025-02-20-Br0k3n99.zip")]
                d.set_window_size(390, 900)
                page_scan(d, page, broken, None)
                d.save_screenshot(os.path.join(shots, "web-390-incomplete.png"))
        finally:
            d.quit()
        if shots:
            d = browser(os.path.join(tmp, "profile-dark"), dark=True)
            try:
                d.set_window_size(390, 900)
                page_scan(d, page, [os.path.join(src, "samples", "facebook-jdoe-2025-06-01-Ab12Cd34.zip")], None)
                d.save_screenshot(os.path.join(shots, "web-390-dark.png"))
            finally:
                d.quit()
    print("%d passed, %d failed" % (passes, fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
