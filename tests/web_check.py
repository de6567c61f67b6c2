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
Then the page as a person uses it: choosing a folder (#folder,
webkitdirectory); dragging and dropping the parts, a folder (refused
clearly from file://, scanned from a static host on 127.0.0.1) and both
together (refused); cancelling a scan of a larger export made by
bench/make-export with the keyboard, and scanning again; a part of more
than 4 GiB (sparse on disk); the keyboard alone
(Tab order, visible focus at every stop, Enter and Space on the file
picker, the verdict filter with the arrow keys); the search box against a
case-insensitive search of the CLI's items; light and dark schemes
(Emulation.setEmulatedMedia: every kind of text at least 4.5:1 against its
background); a 390 px phone (no horizontal scroll, also for an incomplete
scan). With SHOT_DIR, screenshots of those too.
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
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

fails = 0
passes = 0
SRC = "."  # the source folder (main sets it)


def check(cond, what):
    global fails, passes
    if cond:
        passes += 1
    else:
        fails += 1
        print("FAIL: " + what)
    return cond


def browser(profile, dark=False, lang="en-US"):
    o = webdriver.ChromeOptions()
    o.binary_location = os.environ.get("TR_CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
              "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=" + lang):
        o.add_argument(a)
    o.add_experimental_option("prefs", {"intl.accept_languages": lang})
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


# ---- the page as a person uses it -------------------------------------------------------------

def wait_state(d, states=("done", "failed"), timeout=600):
    WebDriverWait(d, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script("return document.documentElement.dataset.scan") in states)
    return d.execute_script("return document.documentElement.dataset.scan")


def state(d):
    return d.execute_script("return document.documentElement.dataset.scan")


def cli_report(trainable, inputs):
    rc, want, _ = cli(trainable, inputs, None)
    return want if rc in (0, 5) else None


def check_folder(d, page, trainable, folder):
    """Choosing a folder (#folder, webkitdirectory) scans the export unzipped in it."""
    import zipfile
    with zipfile.ZipFile(os.path.join(SRC, "samples", "facebook-jdoe-2025-06-01-Ab12Cd34.zip")) as zf:
        zf.extractall(folder)
    want = cli_report(trainable, [folder])
    d.get("file://" + page)
    d.find_element(By.ID, "folder").send_keys(folder)
    st = wait_state(d)
    got = d.execute_script("return window.trainableReport")
    print("folder chosen: page %s" % st)
    check(st == "done" and want is not None and got == want, "folder: the page's report differs from the CLI's")


def drag_drop(d, paths):
    """A real drag and drop of files or folders from outside (Chromium's
    Input.dispatchDragEvent) onto the drop zone."""
    x, y = d.execute_script("const r = document.getElementById('drop').getBoundingClientRect();"
                            "return [r.x + r.width / 2, r.y + 10]")
    data = {"items": [], "files": paths, "dragOperationsMask": 1}
    for t in ("dragEnter", "dragOver", "drop"):
        d.execute_cdp_cmd("Input.dispatchDragEvent", {"type": t, "x": x, "y": y, "data": data})
        time.sleep(0.2)  # each event is handled before the next one comes, as in a real drag


def check_drop(d, page, trainable, folder):
    """Dropping the parts of an export scans them; dropping its folder scans
    it where the browser lets the page read a dropped folder (a page from a
    static host) and says so clearly where it does not (Chromium, from
    file://); dropping both is refused; a drop without file system entries
    uses its files."""
    parts = sorted(glob.glob(os.path.join(SRC, "samples", "facebook-meiko-*-part*.zip")))
    want = cli_report(trainable, parts)
    d.get("file://" + page)
    drag_drop(d, parts)
    st = wait_state(d, timeout=30)
    got = d.execute_script("return window.trainableReport")
    print("dropped parts: page %s" % st)
    check(st == "done" and want is not None and got == want, "drop parts: the page's report differs from the CLI's")
    d.get("file://" + page)
    drag_drop(d, [folder])
    st = wait_state(d, timeout=30)
    shown = d.execute_script("return document.getElementById('error').textContent")
    print("dropped a folder on the page from file://: page %s" % st)
    check(st == "done" or (st == "failed" and "Choose a folder" in shown),
          "drop a folder from file://: page %s, %r" % (st, shown[:160]))
    want = cli_report(trainable, [folder])
    with static_host(os.path.dirname(page)) as url:
        d.get(url + "/" + os.path.basename(page))
        drag_drop(d, [folder])
        st = wait_state(d, timeout=30)
        got = d.execute_script("return window.trainableReport")
        print("dropped a folder on the page from %s: page %s" % (url, st))
        check(st == "done" and want is not None and got == want,
              "drop a folder (page from a static host): page %s, report %s the CLI's" % (st, "equal to" if got == want else "not"))
    d.get("file://" + page)
    d.get_log("performance")  # the page's own load from that host is not a request of the page
    drag_drop(d, parts[:1] + [folder])
    st = wait_state(d, timeout=30)
    shown = d.execute_script("return document.getElementById('error').textContent")
    check(st == "failed" and "not both" in shown, "drop of parts and a folder together: page %s, %r" % (st, shown[:120]))
    # a scripted drop: a DataTransfer holding File objects, no entries
    want = cli_report(trainable, parts)
    d.get("file://" + page)
    d.execute_script("const i = document.createElement('input'); i.type = 'file'; i.multiple = true;"
                     "i.id = 'test-files'; document.body.append(i);")
    d.find_element(By.ID, "test-files").send_keys("\n".join(parts))
    d.execute_script("const dt = new DataTransfer();"
                     "for (const f of document.getElementById('test-files').files) dt.items.add(f);"
                     "document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt,"
                     " bubbles: true, cancelable: true}));")
    st = wait_state(d, timeout=60)
    got = d.execute_script("return window.trainableReport")
    check(st == "done" and got == want, "scripted drop of File objects: page %s" % st)


class static_host:
    """The page's folder served on 127.0.0.1 (a static host), for the duration of a with block."""

    def __init__(self, folder):
        import functools
        import http.server
        import threading
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=folder)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class Sparse:
    """A file object that turns writes of zeros into holes (a sparse file)."""

    def __init__(self, f):
        self.f = f

    def write(self, b):
        if not any(b):
            self.f.seek(len(b), 1)
            return len(b)
        return self.f.write(b)

    def __getattr__(self, name):
        return getattr(self.f, name)


def make_over_4gib(tmp, sample):
    """The sample with two 2.2 GB files of zeros first (holes on disk): its
    documents and central directory lie beyond 4 GiB (zip64)."""
    import zipfile
    out = os.path.join(tmp, "over4gib", os.path.basename(sample))
    os.makedirs(os.path.dirname(out))
    zeros = bytes(1 << 24)
    with open(out, "wb") as raw, zipfile.ZipFile(Sparse(raw), "w", zipfile.ZIP_STORED, allowZip64=True) as zo, \
            zipfile.ZipFile(sample) as zi:
        for k in (1, 2):
            with zo.open("filler/zeros-%d.bin" % k, "w", force_zip64=True) as w:
                for _ in range(2200 * 1000 * 1000 // len(zeros)):
                    w.write(zeros)
        for info in zi.infolist():
            zo.writestr(info, zi.read(info.filename), compress_type=info.compress_type)
        raw.truncate(raw.tell())
    return out


def check_over_4gib(d, page, trainable, tmp, sample):
    """A part of more than 4 GiB gives the CLI's report: reads beyond 4 GiB
    are not cut to 32 bits."""
    big = make_over_4gib(tmp, sample)
    want = cli_report(trainable, [big])
    d.get("file://" + page)
    d.find_element(By.ID, "files").send_keys(big)
    st = wait_state(d)
    got = d.execute_script("return window.trainableReport")
    print("a part of %.1f GiB: cli %s, page %s" % (os.path.getsize(big) / 2 ** 30,
                                                   want and ("complete" if want["complete"] else "incomplete"), st))
    check(want is not None and want["complete"], "over 4 GiB: the CLI's scan is not complete")
    check(st == "done" and got == want, "over 4 GiB: the page's report differs from the CLI's")


def make_big_export(tmp):
    """An export that takes the page a few seconds: bench/make-export."""
    out = os.path.join(tmp, "big")
    subprocess.run([sys.executable, os.path.join(SRC, "bench", "make-export"), "--out", out, "--json-mb", "40",
                    "--media-mb", "2", "--parts", "1", "--seed", "3"], check=True, capture_output=True)
    return sorted(glob.glob(os.path.join(out, "*.zip")))


def check_cancel(d, page, trainable, big):
    """Cancel during a scan, with the keyboard (the scan puts the focus on
    Cancel): no report, the page says so, a late result does not show up,
    and the next scan works."""
    d.get("file://" + page)
    d.find_element(By.ID, "files").send_keys("\n".join(big))
    running = state(d) == "running"
    focus = d.execute_script("return document.activeElement.id")
    ActionChains(d).send_keys(Keys.ENTER).perform()
    st = wait_state(d, timeout=60)
    check(running, "cancel: the scan was not running when Cancel was pressed (state %s)" % state(d))
    check(focus == "cancel", "cancel: the focus is on %r during a scan, not on Cancel" % focus)
    shown = d.execute_script("return document.getElementById('error').textContent")
    check(st == "failed" and "cancelled" in shown and d.execute_script("return window.trainableReport") is None,
          "cancel: page %s, %r" % (st, shown[:120]))
    check(d.execute_script("return document.getElementById('progress-box').hidden"), "cancel: the progress stays")
    check(d.execute_script("return document.activeElement.id") == "error",
          "cancel: the focus is not on the message but on %r" % d.execute_script("return document.activeElement.id"))
    time.sleep(1.5)
    check(state(d) == "failed" and d.execute_script("return window.trainableReport") is None,
          "cancel: a report appeared after Cancel")
    want = cli_report(trainable, big)
    d.find_element(By.ID, "files").send_keys("\n".join(big))
    st = wait_state(d)
    got = d.execute_script("return window.trainableReport")
    print("cancelled a scan, then scanned %s: page %s" % (os.path.basename(big[0]), st))
    check(st == "done" and got == want, "after a cancel, the next scan's report differs from the CLI's")
    # its items come a page at a time: "Show more items" adds the next page
    n = lambda: d.execute_script("return document.querySelectorAll('#items li').length")
    first = n()
    before = d.execute_script("return document.documentElement.dataset.items")
    d.find_element(By.ID, "more-items").click()
    WebDriverWait(d, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.items") != before)
    total = sum(got["totals"]["items"].values())
    check(first == 200 and n() == min(400, total), "more items: %d items shown, then %d (of %d)" % (first, n(), total))


FOCUS_SHOWN = """
const e = document.activeElement;
const target = e.type === 'file' && e.labels && e.labels.length ? e.labels[0] : e;
const s = getComputedStyle(target);
return [e.id || e.tagName, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, target.id || target.tagName];
"""


def tab_stops(d, n):
    """Press Tab n times; [(id, focus shown)] of each stop."""
    stops = []
    for _ in range(n):
        ActionChains(d).send_keys(Keys.TAB).perform()
        stops.append(d.execute_script(FOCUS_SHOWN))
    return stops


def check_keyboard(d, page, sample):
    """Keyboard only: Tab reaches the file pickers first, the focus is
    visible at every stop, Enter and Space open the file chooser; in a
    report, the filters work from the keyboard."""
    d.get("file://" + page)
    d.execute_cdp_cmd("Page.setInterceptFileChooserDialog", {"enabled": True})
    stops = tab_stops(d, 3)
    ids = [s[0] for s in stops]
    check(ids == ["files", "folder", "as-of"], "keyboard: the first Tab stops are %s" % ids)
    for sid, shown, target in stops:
        check(shown, "keyboard: the focus on %s is not visible (%s has no outline)" % (sid, target))
    for key in (Keys.ENTER, Keys.SPACE):
        d.execute_script("window.opened = 0; document.getElementById('files').onclick = () => window.opened++;"
                         "document.getElementById('files').focus();")
        ActionChains(d).send_keys(key).perform()
        check(d.execute_script("return window.opened") == 1, "keyboard: %s on the file picker does not open it"
              % ("Enter" if key == Keys.ENTER else "Space"))
    d.execute_cdp_cmd("Page.setInterceptFileChooserDialog", {"enabled": False})
    d.get("file://" + page)
    d.find_element(By.ID, "files").send_keys(sample)
    check(wait_state(d) == "done", "keyboard: the sample's scan failed")
    check(d.execute_script("return document.activeElement.id") == "report-h",
          "keyboard: the focus does not move to the report when it is shown")
    d.execute_script("window.focusLog = []; document.addEventListener('focusin', (e) =>"
                     " window.focusLog.push(e.target.id || e.target.tagName));")
    stops = tab_stops(d, 40)
    ids = [s[0] for s in stops]
    for want in ("f-verdict", "f-category", "f-search", "dl-json", "dl-csv", "dl-html", "region", "copy"):
        check(want in ids, "keyboard: Tab never reaches #%s in the report (stops: %s)" % (want, ids))
    hidden = sorted({sid for sid, shown, _ in stops if not shown and sid not in ("BODY", "HTML")})
    check(not hidden, "keyboard: the focus is not visible on %s in the report" % hidden)
    # choose "eligible" in the verdict filter with the keyboard alone
    before = d.execute_script("return document.documentElement.dataset.items")
    d.execute_script("document.getElementById('f-verdict').focus()")
    ActionChains(d).send_keys(Keys.ARROW_DOWN).perform()
    WebDriverWait(d, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.items") != before)
    time.sleep(0.3)
    badges = d.execute_script("return Array.from(document.querySelectorAll('#items .badge')).map((b) => b.textContent)")
    check(d.execute_script("return document.getElementById('f-verdict').value") == "eligible" and badges and
          set(badges) == {"eligible"}, "keyboard: the verdict filter chosen with the arrow keys shows %s" % set(badges))


def check_search(d, page, trainable, sample):
    """The search box (the engine filters: trw_items) finds what a
    case-insensitive search of the CLI's items finds, in their path, reason
    and text (eligible and uncertain items' texts), accented capitals
    included; every item shown holds the words."""
    p = subprocess.run([trainable, "scan", "--format", "json", "--items", "--show-text", "-q", sample],
                       capture_output=True, text=True, env=dict(os.environ, LANGUAGE="en", LC_ALL="C.UTF-8"))
    items = json.loads(p.stdout)["items"]
    d.get("file://" + page)
    d.find_element(By.ID, "files").send_keys(sample)
    check(wait_state(d) == "done", "search: the sample's scan failed")
    box = d.find_element(By.ID, "f-search")
    for q in ("WEIHNACHTEN", "\u010ce\u0161tina".upper(), "Sof\u00cdA", "\u7f8e\u5473", "jdoe", "zzzz-nothing"):
        want = sum(1 for it in items if q.lower() in "\n".join((it["path"], it["reason"], it.get("text") or "")).lower())
        box.clear()
        box.send_keys(q)
        WebDriverWait(d, 10).until(
            lambda d: d.execute_script("return document.documentElement.dataset.itemsQuery") == q.lower())
        count = d.execute_script("return document.getElementById('item-count').textContent")
        shown = d.execute_script("return Array.from(document.querySelectorAll('#items li')).map((li) => li.textContent)")
        got = int(count.split(" of ")[0].replace(",", "")) if " of " in count else -1
        check(got == want, "search %r: the page finds %d items, the CLI's items %d" % (q, got, want))
        check(all(q.lower() in t.lower() for t in shown), "search %r: an item shown does not hold it" % q)
    print("search: %d items, 6 queries" % len(items))


def luminance(rgb):
    def ch(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


COLOURS = """
const rgb = (s) => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
const bg = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
  if (!/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return rgb(c); } return [255, 255, 255]; };
const out = [];
for (const sel of arguments[0]) for (const e of document.querySelectorAll(sel)) {
  if (!e.getClientRects().length) continue;
  out.push([sel, rgb(getComputedStyle(e).color), bg(e)]); break; }
return out;
"""
TEXTS = ["body", "h1", ".promise", ".hint", "label.button", "button#dl-json", ".status", ".card .n.eligible",
         ".card .n.uncertain", ".card .n.private", "#items .badge.eligible", "#items .badge.uncertain",
         "#items .meta", "#categories td", "select", "textarea", "pre#advice", "footer"]


def check_scheme(d, page, sample, scheme, shots):
    """Light and dark: every kind of text has a contrast of at least 4.5:1
    with its background, and the page follows the scheme asked for."""
    d.execute_cdp_cmd("Emulation.setEmulatedMedia",
                      {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    d.get("file://" + page)
    d.find_element(By.ID, "files").send_keys(sample)
    check(wait_state(d) == "done", "%s: the sample's scan failed" % scheme)
    found = d.execute_script(COLOURS, TEXTS)
    seen = {f[0] for f in found}
    check("body" in seen and "#items .badge.eligible" in seen, "%s: the report's texts were not found" % scheme)
    for sel, fg, bg in found:
        c = contrast(fg, bg)
        check(c >= 4.5, "%s: %s has a contrast of %.2f:1 (rgb%s on rgb%s)" % (scheme, sel, c, tuple(fg), tuple(bg)))
    body_bg = [f[2] for f in found if f[0] == "body"][0]
    dark = luminance(body_bg) < 0.2
    check(dark == (scheme == "dark"), "%s: the page's background rgb%s is not %s" % (scheme, tuple(body_bg), scheme))
    print("%s scheme: %d kinds of text checked" % (scheme, len(found)))
    if shots:
        d.save_screenshot(os.path.join(shots, "web-scheme-%s.png" % scheme))
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


OVERFLOW = """
const w = document.documentElement.clientWidth, out = [];
const clipped = (e) => { for (e = e.parentElement; e; e = e.parentElement) {
  const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
  return false; };
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (r.width && r.right > w + 0.5 && !clipped(e)) out.push((e.id || e.tagName + '.' + e.className) + ' ' + r.right);
}
return [document.documentElement.scrollWidth, w, out.slice(0, 5)];
"""


def check_phone(d, page, sample, broken, shots):
    """A 390 px phone: the report and an incomplete scan's message fit
    the width (no horizontal scroll)."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        for name, f in (("report", sample), ("incomplete", broken)):
            d.get("file://" + page)
            d.find_element(By.ID, "files").send_keys(f)
            check(wait_state(d) == "done", "phone: the %s scan failed" % name)
            time.sleep(0.3)
            sw, w, over = d.execute_script(OVERFLOW)
            print("phone, %s: %d px wide, scroll width %d" % (name, w, sw))
            check(w == 390 and sw <= w and not over, "phone, %s: wider than the screen (%d > %d px): %s"
                  % (name, sw, w, over))
            if shots:
                d.save_screenshot(os.path.join(shots, "web-phone-%s.png" % name))
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def use_checks(d, page, trainable, tmp, shots):
    sample = os.path.join(SRC, "samples", "facebook-jdoe-2025-06-01-Ab12Cd34.zip")
    broken = os.path.join(SRC, "samples", "facebook-oskarlind-2025-02-20-Br0k3n99.zip")
    folder = os.path.join(tmp, "unzipped", "facebook-jdoe-2025-06-01")
    if shots:
        os.makedirs(shots, exist_ok=True)
    steps = [("folder", lambda: check_folder(d, page, trainable, folder)),
             ("drop", lambda: check_drop(d, page, trainable, folder)),
             ("cancel", lambda: check_cancel(d, page, trainable, make_big_export(tmp))),
             ("over 4 GiB", lambda: check_over_4gib(d, page, trainable, tmp, sample)),
             ("keyboard", lambda: check_keyboard(d, page, sample)),
             ("search", lambda: check_search(d, page, trainable, sample)),
             ("light", lambda: check_scheme(d, page, sample, "light", shots)),
             ("dark", lambda: check_scheme(d, page, sample, "dark", shots)),
             ("phone", lambda: check_phone(d, page, sample, broken, shots))]
    for name, step in steps:
        try:
            step()
        except Exception as e:  # a step that cannot go on fails; the others still run
            check(False, "%s: %s: %s" % (name, type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else ""))
    errs = console_errors(d)
    check(not errs, "use checks: console errors: %s" % errs)
    net = requests_made(d)
    check(not net, "use checks: network requests: %s" % net)


def language_checks(page, trainable, src, tmp, lang):
    """The page in the browser's language: every marked word of the page, the
    category names and the incomplete-scan notice come from po/LANG.po, and
    the report is still the CLI's."""
    sys.path.insert(0, os.path.join(src, "tests"))
    import i18n_leak  # the .po reader
    cat = {}
    for e in i18n_leak.entries(os.path.join(src, "po", lang + ".po")):
        if e["msgstr"] and e["msgstr"][0]:
            cat[(e.get("msgctxt"), e["msgid"])] = e["msgstr"]
    d = browser(os.path.join(tmp, "profile-" + lang), lang=lang)
    try:
        files = [os.path.join(src, "samples", "facebook-oskarlind-2025-02-20-Br0k3n99.zip")]
        rc, want, _ = cli(trainable, files, None)
        state, got, _ = page_scan(d, page, files, None)
        check(d.execute_script("return document.documentElement.lang") == lang, lang + ": <html lang> is not " + lang)
        check(state == "done" and got == want, lang + ": the page's report differs from the CLI's")
        marked = d.execute_script("""
            return Array.from(document.querySelectorAll('[data-t]'), e => [e.dataset.t || null, e.textContent]);""")
        english = set(i18n_leak.norm_marked(os.path.join(src, "web", "template.html")))
        wrong = [t for ctx, t in marked if (ctx, t) in english and cat.get((ctx, t), [t])[0] != t]
        check(marked and not wrong, lang + ": page words left in English: %s" % wrong[:5])
        cells = d.execute_script("""
            return Array.from(document.querySelectorAll('#categories td:first-child'), e => e.textContent);""")
        labels = {v[0] for (ctx, k), v in cat.items() if ctx == "category"}
        check(cells and all(c in labels for c in cells), lang + ": category names not in %s: %s" % (lang, cells))
        status = d.execute_script("return document.getElementById('status').textContent")
        forms = cat.get((None, "Scan INCOMPLETE: %s problem. Something was not read, so the numbers below may be too low."))
        check(forms and any(f.split("%s")[0] in status for f in forms),
              lang + ": the incomplete scan is not told in %s: %s" % (lang, status[:120]))
        check(not console_errors(d), lang + ": console errors: %s" % console_errors(d))
    finally:
        d.quit()


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[2])
    global SRC
    trainable, page, src = (os.path.abspath(x) for x in sys.argv[1:4])
    SRC = src
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
            use_checks(d, page, trainable, tmp, shots)
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
        for lang in ("fr", "de"):
            language_checks(page, trainable, src, tmp, lang)
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
