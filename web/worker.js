/* worker.js - the scan worker of the browser edition.
 *
 * The page builds this worker from a blob: URL holding the engine's
 * JavaScript (emscripten's output, TrainableEngine) followed by this file.
 * The chosen files are mounted read-only through WORKERFS: the engine reads
 * them at any offset with FileReaderSync, and nothing is copied into memory
 * but what it reads. Reads are coalesced: a window of the file is read at
 * once and grows while the engine reads on sequentially (the JSON and HTML
 * members of an export sit in a few contiguous runs), so a scan takes a few
 * large reads instead of one per member; media bytes are never read unless
 * a thumbnail asks for them.
 *
 * Messages in: {type: 'scan', wasm, files: [{file, path}], folder, asOf},
 * {type: 'output', id, format, region, lang}, {type: 'member', id, path, max},
 * {type: 'items', id, verdict, category, query, offset, limit} (a page of
 * the items, filtered by the engine: trw_items).
 * Messages out: progress, log, done, failed, output, member (see page.js). */
'use strict';

const WINDOW_MIN = 256 * 1024, WINDOW_MAX = 16 * 1024 * 1024, SLACK = 64 * 1024;
const PLAN_MAX = 32 * 1024 * 1024, PLAN_GAP = 4096;
let engine = null, W = null, lastProgress = 0;
const stats = {reads: 0, bytes: 0};

/* Reading the chosen files. Each FileReaderSync call costs about 1 ms
 * whatever its size, so WORKERFS's read (one call per read) is replaced:
 * - before reading zip members, the engine announces their byte ranges
 *   (posix_fadvise WILLNEED, see trainable_web.c): a read in an announced
 *   range reads it and the announced ranges after it, up to PLAN_MAX bytes,
 *   in one call on a Blob made of those slices (media between them are
 *   skipped);
 * - any other read (the central directories, a folder's files) reads a
 *   window that grows while the engine reads on sequentially.
 * What was read is kept per file as segments {start, end, at} of one
 * buffer. */
function willNeed(fd, offset, len) {
    const stream = engine.FS.getStream(fd);
    if (!stream || stream.stream_ops !== W.stream_ops) return;
    /* the engine reads at least 4 KiB at a time, also near a range's end */
    (stream.trPlan = stream.trPlan || []).push([offset, offset + len + 4096]);
    stream.trPlanSorted = false;
}

function plan(stream) { /* the announced ranges, sorted, overlaps merged */
    if (!stream.trPlanSorted) {
        const p = stream.trPlan.sort((x, y) => x[0] - y[0]), out = [];
        for (const r of p) {
            const last = out[out.length - 1];
            if (last && r[0] <= last[1] + PLAN_GAP) last[1] = Math.max(last[1], r[1]);
            else out.push([r[0], r[1]]);
        }
        stream.trPlan = out;
        stream.trPlanSorted = true;
    }
    return stream.trPlan;
}

function where(c, position, length) { /* offset in c.bytes, or -1 */
    if (!c) return -1;
    for (let lo = 0, hi = c.segs.length - 1; lo <= hi;) {
        const mid = (lo + hi) >> 1, g = c.segs[mid];
        if (position < g.start) hi = mid - 1;
        else if (position >= g.end) lo = mid + 1;
        else return position + length <= g.end ? g.at + position - g.start : -1;
    }
    return -1;
}

function readPlanned(reader, stream, position, length, size) {
    const p = plan(stream);
    let lo = 0, hi = p.length;
    while (lo < hi) { /* the first range that ends after position */
        const mid = (lo + hi) >> 1;
        if (p[mid][1] <= position) lo = mid + 1; else hi = mid;
    }
    if (lo === p.length || p[lo][0] > position || Math.min(p[lo][1], size) < position + length) return null;
    const slices = [], segs = [];
    let total = 0;
    for (let j = lo; j < p.length && total < PLAN_MAX; j++) {
        const start = j === lo ? position : p[j][0];
        const end = Math.min(p[j][1], size, start + Math.max(PLAN_MAX - total, j === lo ? length : 0));
        if (end <= start) continue;
        slices.push(stream.node.contents.slice(start, end));
        segs.push({start: start, end: end, at: total});
        total += end - start;
    }
    return {segs: segs, bytes: new Uint8Array(reader.readAsArrayBuffer(new Blob(slices)))};
}

function coalesceReads() {
    const reader = new FileReaderSync();
    W.stream_ops.read = function (stream, buffer, offset, length, position) {
        const node = stream.node, size = node.size;
        if (position >= size) return 0;
        if (position + length > size) length = size - position;
        let c = node.trWindow, at = where(c, position, length);
        if (at < 0) {
            let next = stream.trPlan ? readPlanned(reader, stream, position, length, size) : null;
            if (!next) {
                let win = WINDOW_MIN;
                const seg = c && c.segs.length === 1 ? c.segs[0] : null;
                if (seg && c.win && position >= seg.start && position <= seg.end + SLACK)
                    win = Math.min(c.win * 2, WINDOW_MAX); /* reading on: read further ahead */
                const end = Math.min(size, position + Math.max(length, win));
                next = {segs: [{start: position, end: end, at: 0}], win: win,
                        bytes: new Uint8Array(reader.readAsArrayBuffer(node.contents.slice(position, end)))};
            }
            c = node.trWindow = next;
            stats.reads++;
            stats.bytes += c.bytes.length;
            at = where(c, position, length);
        }
        buffer.set(c.bytes.subarray(at, at + length), offset);
        return length;
    };
}

function text(ptr) {
    if (!ptr) return null;
    const s = engine.UTF8ToString(ptr, engine._trw_output_len());
    engine._trw_free(ptr);
    return s;
}

function output(format, region, lang) {
    return text(engine.ccall('trw_output', 'number', ['string', 'string', 'string'],
                             [format, region || '', lang || '']));
}

async function scan(msg) {
    const started = performance.now(), phases = {};
    let t = started;
    const lap = (name) => { const now = performance.now(); phases[name] = (now - t) / 1000; t = now; };
    engine = await TrainableEngine({
        wasmBinary: msg.wasm,
        print: (t) => postMessage({type: 'log', text: t}),
        printErr: (t) => postMessage({type: 'log', text: t}),
        onWillNeed: willNeed,
        onProgress: (done, total, items, member) => { /* called per member: posted 10 times a second */
            const now = performance.now();
            if (now - lastProgress < 100 && done < total) return;
            lastProgress = now;
            postMessage({type: 'progress', done: done, total: total, items: items, member: member});
        },
    });
    lap('start');
    const FS = engine.FS;
    W = FS.filesystems.WORKERFS;
    coalesceReads();
    FS.mkdir('/in');
    FS.mount(W, {blobs: msg.files.map((f) => ({name: f.path, data: f.file}))}, '/in');
    const inputs = new Set();
    for (const f of msg.files) {
        /* the modification times the engine sees are the files' own */
        FS.lookupPath('/in/' + f.path).node.timestamp = f.file.lastModified;
        inputs.add(msg.folder ? '/in/' + f.path.split('/')[0] : '/in/' + f.path);
    }
    for (const p of inputs)
        if (engine.ccall('trw_input_add', 'number', ['string'], [p]) !== 0)
            return postMessage({type: 'failed', message: 'too many files were chosen'});
    const rc = engine.ccall('trw_scan', 'number', ['string'], [msg.asOf || '']);
    lap('scan');
    if (rc !== 0)
        return postMessage({type: 'failed', message: engine.ccall('trw_error', 'string', [], [])});
    const json = output('json');
    lap('json');
    const media = output('media');
    lap('media');
    postMessage({
        type: 'done',
        json: json,
        media: media,
        complete: engine._trw_complete() === 1,
        seconds: (performance.now() - started) / 1000,
        began: performance.timeOrigin + started, /* for the page's own timings */
        ended: performance.timeOrigin + performance.now(),
        phases: phases,
        reads: stats.reads,
        readBytes: stats.bytes,
    });
}

onmessage = (e) => {
    const msg = e.data;
    try {
        if (msg.type === 'scan') {
            scan(msg).catch((err) => postMessage({type: 'failed', message: String(err && err.message || err)}));
        } else if (msg.type === 'output') {
            postMessage({type: 'output', id: msg.id, text: output(msg.format, msg.region, msg.lang)});
        } else if (msg.type === 'items') {
            postMessage({type: 'output', id: msg.id, text: text(engine.ccall('trw_items', 'number',
                ['string', 'string', 'string', 'number', 'number'],
                [msg.verdict, msg.category, msg.query, msg.offset, msg.limit]))});
        } else if (msg.type === 'member') {
            const ptr = engine.ccall('trw_member', 'number', ['string', 'number'], [msg.path, msg.max]);
            let bytes = null;
            if (ptr) {
                bytes = engine.HEAPU8.slice(ptr, ptr + engine._trw_output_len());
                engine._trw_free(ptr);
            }
            postMessage({type: 'member', id: msg.id, bytes: bytes}, bytes ? [bytes.buffer] : []);
        }
    } catch (err) {
        postMessage({type: 'failed', message: String(err && err.message || err)});
    }
};
