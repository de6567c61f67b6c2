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
let engine = null;
const stats = {reads: 0, bytes: 0};

/* Replace WORKERFS's read (one FileReaderSync call per read) with a
 * read-ahead window per file. */
function coalesceReads(W) {
    const reader = new FileReaderSync();
    W.stream_ops.read = function (stream, buffer, offset, length, position) {
        const node = stream.node, size = node.size;
        if (position >= size) return 0;
        if (position + length > size) length = size - position;
        let c = node.trWindow;
        if (!c || position < c.start || position + length > c.start + c.bytes.length) {
            let win = WINDOW_MIN;
            if (c && position >= c.start && position <= c.start + c.bytes.length + SLACK)
                win = Math.min(c.win * 2, WINDOW_MAX); /* reading on: read further ahead */
            const end = Math.min(size, position + Math.max(length, win));
            const bytes = new Uint8Array(reader.readAsArrayBuffer(node.contents.slice(position, end)));
            c = node.trWindow = {start: position, bytes: bytes, win: win};
            stats.reads++;
            stats.bytes += bytes.length;
        }
        buffer.set(c.bytes.subarray(position - c.start, position - c.start + length), offset);
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
        onProgress: (done, total, items, member) =>
            postMessage({type: 'progress', done: done, total: total, items: items, member: member}),
    });
    lap('start');
    const FS = engine.FS, W = FS.filesystems.WORKERFS;
    coalesceReads(W);
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
