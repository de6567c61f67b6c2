/* page.js - the browser edition's page: choosing the export, the scan
 * worker, progress and cancel, and the interactive report.
 *
 * The scan runs in a worker made from a blob: URL (the engine's JavaScript
 * and worker.js, inlined in this page); the WebAssembly, inlined as base64,
 * is decoded here and handed over, so nothing is fetched. Contract for
 * automated tests: choosing files in #files starts a scan (#as-of sets the
 * as-of date); when it ends document.documentElement.dataset.scan is "done"
 * (a report: window.trainableReport holds it, as `trainable scan --format
 * json` writes it; see its "complete") or "failed" (no report: the error is
 * shown, window.trainableReport is null); window.trainableMember(path)
 * resolves to the bytes of one member of the scanned export. Texts of the
 * export are put in the page with textContent only. */
'use strict';
(function () {
    const $ = (id) => document.getElementById(id);
    const LANGS = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];
    const PAGE = 200, THUMBS = 48, THUMB_MAX = 64 * 1024 * 1024;
    const IMAGE = {jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
                   avif: 'image/avif', bmp: 'image/bmp'};
    const VIDEO = {mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm'};
    let worker = null, wasm = null, chosenAt = 0, ui = null, media = [], itemsAsked = 0, requests = new Map(), nextId = 1;
    let shownItems = PAGE, shownThumbs = THUMBS, objectUrls = [];

    const lang = (navigator.languages || [navigator.language || 'en'])
        .map((l) => String(l).slice(0, 2).toLowerCase()).find((l) => LANGS.includes(l)) || 'en';
    document.documentElement.dataset.lang = lang;
    document.documentElement.lang = lang;

    /* The page's words in its language: the catalogs of po/ (web/strings.py
     * picks the page's messages out of them at build time). A message
     * without a translation stays English. */
    const CATALOG = JSON.parse($('catalogs').textContent)[lang] || {};
    function _(s) { return typeof CATALOG[s] === 'string' ? CATALOG[s] : s; }
    function C_(ctx, s) { const t = CATALOG[ctx + '\u0004' + s]; return typeof t === 'string' ? t : s; }
    function n_(n, one, many) { /* the plural rules of src/report/i18n.c: French says "1 élément", "0 élément" */
        const t = CATALOG[one], form = (lang === 'fr' ? n > 1 : n !== 1) ? 1 : 0;
        return Array.isArray(t) ? t[form] : form ? many : one;
    }
    const fill = (s, ...args) => { let i = 0; return s.replace(/%s/g, () => String(args[i++])); };
    /* the category's name for people: the labels of the reports (src/report/util.c) */
    const CATEGORY = {post: C_('category', 'Posts'), photo: C_('category', 'Photos'), video: C_('category', 'Videos'),
        comment: C_('category', 'Comments'), reaction: C_('category', 'Reactions'), story: C_('category', 'Stories'),
        reel: C_('category', 'Reels'), message: C_('category', 'Messages'),
        ai_chat: C_('category', 'Chats with Meta AI'), event: C_('category', 'Events'),
        listing: C_('category', 'Marketplace listings'), profile: C_('category', 'Profile'),
        connection: C_('category', 'Connections'), activity: C_('category', 'Activity and logs'),
        ads: C_('category', 'Ads data'), security: C_('category', 'Security and logins'),
        settings: C_('category', 'Settings'), other: C_('category', 'Other')};
    const category = (c) => CATEGORY[c] || c;
    const verdict = (v) => C_('verdict', v);
    for (const e of document.querySelectorAll('[data-t]')) {
        const text = e.textContent.replace(/\s+/g, ' ').trim();
        e.textContent = e.dataset.t ? C_(e.dataset.t, text) : _(text);
    }
    $('f-search').placeholder = _('path, reason, text');
    $('letter-lang').value = lang;
    $('page-size').textContent = fill(_('page size: %s'), fmtBytes(document.documentElement.outerHTML.length));

    function fmtBytes(n) { /* decimal units, in the page's language (the catalogs' "unit" words) */
        const u = [C_('unit', 'B'), C_('unit', 'KB'), C_('unit', 'MB'), C_('unit', 'GB'), C_('unit', 'TB')];
        let i = 0;
        while (n >= 1000 && i < u.length - 1) { n /= 1000; i++; }
        const v = i ? n.toLocaleString(lang, {maximumFractionDigits: n < 10 ? 1 : 0}) : n.toLocaleString(lang);
        return v + '\u00a0' + u[i];
    }
    const fmt = (n) => Number(n).toLocaleString(lang);
    function el(tag, cls, text) {
        const e = document.createElement(tag);
        if (cls) e.className = cls;
        if (text !== undefined && text !== null) e.textContent = String(text);
        return e;
    }

    function wasmBytes() {
        if (!wasm) {
            const b64 = $('wasm').textContent.trim(), bin = atob(b64);
            wasm = new Uint8Array(bin.length);
            for (let i = 0; i < bin.length; i++) wasm[i] = bin.charCodeAt(i);
        }
        return wasm.slice().buffer;
    }

    function setState(s) { document.documentElement.dataset.scan = s; }

    function stop() {
        if (worker) worker.terminate();
        worker = null;
        for (const r of requests.values()) r(null);
        requests.clear();
        for (const u of objectUrls) URL.revokeObjectURL(u);
        objectUrls = [];
    }

    function ask(msg) { /* a request to the worker, answered by id */
        return new Promise((resolve) => {
            if (!worker) return resolve(null);
            msg.id = nextId++;
            requests.set(msg.id, resolve);
            worker.postMessage(msg);
        });
    }

    function fail(message) {
        stop();
        $('progress-box').hidden = true;
        const box = $('error');
        box.replaceChildren(el('h2', null, _('The scan could not be done')), el('p', 'mono', message),
            el('p', 'hint', _('Choose every .zip part of one export (they are named like facebook-name-date-…zip or instagram-name-date-…zip), or the folder you unzipped them into. A part that was cut short while downloading has to be downloaded again.')));
        box.hidden = false;
        box.focus(); /* keyboard and screen reader users land on the message */
        window.trainableReport = null;
        setState('failed');
    }

    /* entries: [{file, path}]; folder: the paths start with the folder's name */
    function start(entries, folder) {
        chosenAt = performance.timeOrigin + performance.now();
        stop();
        window.trainableReport = null;
        ui = null;
        $('error').hidden = true;
        $('report').hidden = true;
        if (!entries.length) return;
        setState('running');
        $('progress-box').hidden = false;
        $('progress').removeAttribute('value');
        $('progress-text').textContent = _('Reading the list of files of the archive…');
        $('progress-file').textContent = '';
        $('cancel').focus();
        const src = $('worker-src').textContent;
        const url = URL.createObjectURL(new Blob([src], {type: 'text/javascript'}));
        worker = new Worker(url);
        URL.revokeObjectURL(url);
        worker.onmessage = onMessage;
        worker.onerror = (e) => { e.preventDefault(); fail(e.message || _('the scan stopped unexpectedly')); };
        const w = wasmBytes();
        worker.postMessage({type: 'scan', wasm: w, files: entries, folder: folder, asOf: $('as-of').value}, [w]);
    }

    function onMessage(e) {
        const m = e.data;
        if (m.type === 'progress') {
            $('progress').max = m.total || 1;
            $('progress').value = m.done;
            $('progress-text').textContent = fill(n_(m.items, '%s of %s read · %s item', '%s of %s read · %s items'),
                fmtBytes(m.done), fmtBytes(m.total), fmt(m.items));
            $('progress-file').textContent = m.member;
        } else if (m.type === 'log') {
            $('log').textContent += m.text + '\n';
        } else if (m.type === 'failed') {
            fail(m.message);
        } else if (m.type === 'done') {
            $('progress-box').hidden = true;
            let t = performance.now();
            window.trainableReport = JSON.parse(m.json);
            ui = window.trainableReport;
            media = JSON.parse(m.media);
            m.phases.parse = (performance.now() - t) / 1000;
            t = performance.now();
            show();
            m.phases.show = (performance.now() - t) / 1000;
            /* from choosing to the worker's start, and from its end to the page's */
            m.phases.before = (m.began - chosenAt) / 1000;
            m.phases.after = (performance.timeOrigin + performance.now() - m.ended) / 1000;
            m.phases.total = (performance.timeOrigin + performance.now() - chosenAt) / 1000;
            window.trainableScanStats = {seconds: m.seconds, phases: m.phases, reads: m.reads, readBytes: m.readBytes};
            setState('done');
        } else if (m.type === 'output' || m.type === 'member') {
            const r = requests.get(m.id);
            requests.delete(m.id);
            if (r) r(m.type === 'output' ? m.text : m.bytes);
        }
    }

    /* ---- the report ---- */
    function show() {
        const r = ui;
        $('report').hidden = false;
        const st = $('status');
        st.replaceChildren();
        if (r.complete) {
            st.className = 'status complete';
            st.append(el('p', null, _('Scan complete: every part of the export was read.')));
        } else {
            st.className = 'status incomplete';
            st.append(el('p', null, fill(n_(r.errors.length,
                'Scan INCOMPLETE: %s problem. Something was not read, so the numbers below may be too low.',
                'Scan INCOMPLETE: %s problems. Something was not read, so the numbers below may be too low.'),
            fmt(r.errors.length))));
            const ul = el('ul');
            for (const e of r.errors) {
                const li = el('li');
                li.append(el('span', 'mono', e.path), document.createTextNode(': ' + e.message));
                ul.append(li);
            }
            st.append(ul);
        }
        if (r.assume_public) st.append(el('p', null, _('Uncertain items are counted as eligible (worst case).')));
        for (const w of r.warnings || []) st.append(el('p', 'hint', w.path + ': ' + w.message));
        const acc = r.account || {}, et = r.eligible_time;
        if (et && et.first)
            st.append(el('p', null, fill(_('Items that could be used date from %s to %s.'), et.first.slice(0, 10),
                et.last.slice(0, 10))));
        if (acc.minor === true)
            st.append(el('p', null, _('The account holder was under 18: Meta says it does not train on such accounts.')));
        if (acc.private_account === true)
            st.append(el('p', null, _('The account is private.')));
        if ((r.unmatched || []).length)
            st.append(el('p', 'hint', fill(n_(r.unmatched.length, '%s file of the export no rule knows (counted nowhere): %s',
                '%s files of the export no rule knows (counted nowhere): %s'), fmt(r.unmatched.length),
            r.unmatched.slice(0, 5).map((u) => u.path).join(', ') + (r.unmatched.length > 5 ? ', …' : ''))));
        const ex = r.export || {};
        st.append(el('p', 'hint', fill(_('Export: %s · %s · as of %s'), (ex.parts || []).join(', '),
            (ex.platforms || []).join(', '), ex.as_of || _('unknown'))));

        const t = $('totals');
        t.replaceChildren();
        const v = r.totals.items, med = r.totals.media;
        const say = {eligible: [n_(v.eligible, 'item could feed Meta\'s AI', 'items could feed Meta\'s AI')],
            uncertain: [n_(v.uncertain, 'item depends on its audience', 'items depend on their audience')],
            private: [n_(v.private, 'item stays private', 'items stay private')]};
        for (const k of ['eligible', 'uncertain', 'private']) {
            const c = el('div', 'card');
            c.append(el('div', 'n ' + k, fmt(v[k])), el('div', null, say[k][0]),
                el('div', 'hint', fill(n_(med[k].files, '%s photo or other file (%s)', '%s photos and other files (%s)'),
                    fmt(med[k].files), fmtBytes(med[k].bytes))));
            t.append(c);
        }

        const tab = $('categories');
        tab.replaceChildren();
        const head = el('tr');
        head.append(el('th', null, _('Category')), el('th', 'num eligible', verdict('eligible')),
            el('th', 'num uncertain', verdict('uncertain')), el('th', 'num private', verdict('private')));
        tab.append(head);
        const sel = $('f-category');
        sel.replaceChildren(new Option(C_('all categories', 'all'), ''));
        for (const [cat, n] of Object.entries(r.categories)) {
            if (!n.eligible && !n.uncertain && !n.private) continue;
            const tr = el('tr');
            tr.append(el('td', null, category(cat)), el('td', 'num', fmt(n.eligible)), el('td', 'num', fmt(n.uncertain)),
                el('td', 'num', fmt(n.private)));
            tab.append(tr);
            sel.append(new Option(category(cat), cat));
        }
        shownItems = PAGE;
        shownThumbs = THUMBS;
        $('thumbs').replaceChildren();
        renderItems();
        renderThumbs();
        renderAdvice();
        $('report-h').focus();
    }

    /* The items are kept by the worker: it sends the page the ones the
     * filters select, a page at a time. An answer to an older question is
     * dropped. */
    async function renderItems() {
        const asked = ++itemsAsked, query = $('f-search').value.trim().toLowerCase();
        const page = await ask({type: 'items', verdict: $('f-verdict').value, category: $('f-category').value,
            query: query, offset: 0, limit: shownItems});
        if (asked !== itemsAsked || page === null) return;
        const res = JSON.parse(page), list = $('items');
        list.replaceChildren();
        for (const it of res.items) {
            const li = el('li');
            const top = el('div');
            top.append(el('span', 'badge ' + it.verdict, verdict(it.verdict)),
                document.createTextNode(' · ' + category(it.category) + (it.time ? ' · ' + it.time.slice(0, 10) : '')));
            li.append(top, el('div', 'mono', it.path + (it.index ? ' #' + it.index : '')),
                el('div', 'meta', _(it.reason) + ' (' + it.rule + ')'));
            if (it.text) li.append(el('p', 'text', it.text));
            list.append(li);
        }
        $('item-count').textContent = res.total > shownItems
            ? fill(n_(res.all, '%s of %s item, the first %s shown', '%s of %s items, the first %s shown'), fmt(res.total),
                fmt(res.all), fmt(shownItems))
            : fill(n_(res.all, '%s of %s item', '%s of %s items'), fmt(res.total), fmt(res.all));
        $('more-items').hidden = res.total <= shownItems;
        document.documentElement.dataset.items = String(asked);
        document.documentElement.dataset.itemsQuery = query; /* for tests: what the list shows */
    }

    function mediaKind(path) {
        const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
        return IMAGE[ext] ? ['img', IMAGE[ext]] : VIDEO[ext] ? ['video', VIDEO[ext]] : null;
    }

    function renderThumbs() {
        const box = $('thumbs');
        const shown = media.filter((m) => m.verdict !== 'private' && mediaKind(m.path));
        $('photos-h').textContent = fill(_('Your photos and videos that could feed training (%s)'), fmt(shown.length));
        for (const m of shown.slice(box.children.length, shownThumbs)) {
            const fig = el('figure', 'thumb');
            const ph = el('div', 'ph', _('loading…'));
            fig.append(ph, el('figcaption', m.verdict, verdict(m.verdict) + ' · ' + m.path.slice(m.path.lastIndexOf('/') + 1)));
            fig.title = m.path + '\n' + _(m.reason);
            box.append(fig);
            loadThumb(m, ph);
        }
        $('more-thumbs').hidden = shown.length <= shownThumbs;
    }

    async function loadThumb(m, ph) {
        const [tag, type] = mediaKind(m.path);
        const bytes = m.bytes <= THUMB_MAX ? await ask({type: 'member', path: m.path, max: THUMB_MAX}) : null;
        if (!bytes) {
            ph.textContent = m.bytes > THUMB_MAX ? _('too large to preview') : _('cannot be read');
            return;
        }
        const url = URL.createObjectURL(new Blob([bytes], {type: type}));
        objectUrls.push(url);
        const media = document.createElement(tag);
        media.alt = m.path;
        if (tag === 'video') { media.muted = true; media.preload = 'metadata'; media.controls = true; }
        const broken = () => { ph.textContent = fill(_('no preview (%s)'), fmtBytes(m.bytes)); };
        media.addEventListener('error', broken);
        media.addEventListener(tag === 'img' ? 'load' : 'loadedmetadata', () => ph.replaceWith(media));
        media.src = url;
    }

    async function renderAdvice() {
        const region = $('region').value, l = $('letter-lang').value;
        $('advice').textContent = (await ask({type: 'output', format: 'objection', region: region, lang: l})) || '';
        const letter = await ask({type: 'output', format: 'letter', region: region, lang: l});
        $('letter').value = letter || _('There is no objection to file in this region: see above.');
        $('copy').disabled = !letter;
    }

    async function download(format, name, type) {
        const text = await ask({type: 'output', format: format, lang: lang});
        if (text === null) return;
        const a = document.createElement('a');
        a.href = URL.createObjectURL(new Blob([text], {type: type}));
        a.download = name;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    }

    /* ---- choosing files ---- */
    $('files').addEventListener('change', (e) => {
        const files = Array.from(e.target.files);
        start(files.map((f) => ({file: f, path: f.name})), false);
    });
    $('folder').addEventListener('change', (e) => {
        const files = Array.from(e.target.files);
        start(files.map((f) => ({file: f, path: f.webkitRelativePath || f.name})), true);
    });
    const drop = $('drop');
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    /* Dropped files are taken as they are (dataTransfer.files); a dropped
     * folder is walked through its file system entries, which a page opened
     * from disk (file://) may be refused: then the page says so, and a
     * folder is never scanned with some of its files missing. */
    drop.addEventListener('drop', async (e) => {
        e.preventDefault();
        drop.classList.remove('over');
        const files = Array.from(e.dataTransfer.files || []);
        const roots = Array.from(e.dataTransfer.items || []).map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry())
            .filter(Boolean);
        const dirs = roots.filter((r) => r.isDirectory);
        if (!dirs.length)
            return start(files.map((f) => ({file: f, path: f.name})), false);
        if (dirs.length > 1 || roots.length > 1)
            return fail(_('Drop either the .zip parts of one export or one folder, not both.'));
        const out = [];
        const walk = (entry, path) => new Promise((resolve, reject) => {
            if (entry.isFile)
                return entry.file((f) => { out.push({file: f, path: path}); resolve(); }, reject);
            const reader = entry.createReader();
            const more = () => reader.readEntries(async (list) => {
                try {
                    if (!list.length) return resolve();
                    for (const c of list) await walk(c, path + '/' + c.name);
                    more();
                } catch (err) { reject(err); }
            }, reject);
            more();
        });
        try {
            await walk(dirs[0], dirs[0].name);
        } catch (err) {
            return fail(fill(_('The browser did not let this page read the dropped folder (%s). Use \u201cChoose a folder\u2026\u201d instead, or drop the .zip parts.'),
                err && err.name || err));
        }
        start(out, true);
    });
    $('cancel').addEventListener('click', () => {
        stop();
        $('progress-box').hidden = true;
        fail(_('The scan was cancelled: there is no report.'));
        $('files').value = '';
        $('folder').value = '';
    });
    for (const id of ['f-verdict', 'f-category'])
        $(id).addEventListener('input', () => { shownItems = PAGE; renderItems(); });
    let typing = 0; /* the search waits for a pause in typing: a large export takes the worker a while */
    $('f-search').addEventListener('input', () => {
        clearTimeout(typing);
        typing = setTimeout(() => { shownItems = PAGE; renderItems(); }, 250);
    });
    $('more-items').addEventListener('click', () => { shownItems += PAGE; renderItems(); });
    $('more-thumbs').addEventListener('click', () => { shownThumbs += THUMBS; renderThumbs(); });
    $('region').addEventListener('change', renderAdvice);
    $('letter-lang').addEventListener('change', renderAdvice);
    $('copy').addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText($('letter').value);
        } catch (err) { /* older browsers, or no permission: select it for Ctrl+C */
            $('letter').select();
            document.execCommand('copy');
        }
        $('copied').textContent = _('Copied.');
    });
    $('dl-json').addEventListener('click', () => download('json', 'trainable-report.json', 'application/json'));
    $('dl-csv').addEventListener('click', () => download('csv', 'trainable-items.csv', 'text/csv'));
    $('dl-html').addEventListener('click', () => download('html', 'trainable-report.html', 'text/html'));
    $('report-h').tabIndex = -1;
    $('error').tabIndex = -1;
    /* The bytes of one member of the scanned export (as the report names
     * it), read by the engine: what the thumbnails show. For tests. */
    window.trainableMember = (path) => ask({type: 'member', path: path, max: THUMB_MAX});
})();
