// The progress page: follows every operation of the relay's collection over a WebSocket to any
// relay instance, and moves to another instance when its connection drops. Per operation it keeps
// the last (epoch, sequence) it applied and sends them when it reconnects, so the relay sends what
// it missed; the view never goes backwards, and a gap the relay could not fill is shown as such.
"use strict";

const view = {
  ops: new Map(),          // id -> {epoch, sequence, event, skipped, element}
  instance: null,          // the instance connected to
  current: location.origin, // its base URL: where previews, uploads and cancels go
  bases: [location.origin],
  next: 0,
  duplicates: 0,           // events received twice (the relay promises none)
  gaps: 0,                 // events received past a hole (the relay promises none)
  backwards: 0,            // states older than what was shown (ignored; the relay promises none)
  connections: 0,
  synced: false,
};
window.relayView = view;  // read by the browser test

const $ = (selector, root = document) => root.querySelector(selector);
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);
const STATUS = { STARTED: "RUNNING", PROGRESS: "RUNNING", CHECKPOINT: "RUNNING",
                 COMPLETED: "COMPLETED", FAILED: "FAILED", CANCELLED: "CANCELLED" };

function connect() {
  const base = view.bases[view.next % view.bases.length];
  const socket = new WebSocket(base.replace(/^http/, "ws") + "/ws");
  setConnection("connecting", "connecting to " + base + "…");
  socket.onopen = () => {
    view.connections++;
    view.current = base;
    // where it stands in every run still going; a finished one needs nothing more (the relay may
    // send its state again, which changes nothing)
    const seen = {};
    for (const [id, op] of view.ops) {
      if (!TERMINAL.has(STATUS[op.event.kind])) seen[id] = { epoch: op.epoch, sequence: op.sequence };
    }
    socket.send(JSON.stringify({ type: "subscribe", all: true, operations: [], seen }));
  };
  socket.onmessage = (message) => receive(JSON.parse(message.data));
  socket.onclose = () => {
    view.synced = false;
    view.instance = null;
    view.next++;             // another instance next time: no sticky sessions
    setConnection("connecting", "reconnecting…");
    setTimeout(connect, Math.min(2000, 250 * (1 + view.next % 4)));
  };
}

function receive(m) {
  if (m.type === "hello") {
    view.instance = m.instance;
    const peers = m.peers.filter((p) => !view.bases.includes(p));
    view.bases.push(...peers);
    setConnection("open", "live from " + m.instance);
  } else if (m.type === "unavailable") {
    const op = view.ops.get(m.operation);
    if (op) $(".note", op.element).textContent = "The relay could not read this operation from Redis; reload to retry.";
  } else if (m.type === "synced") {
    view.synced = true;
  } else if (m.type === "event") {
    const op = view.ops.get(m.operation);
    if (op && op.epoch === m.epoch && m.sequence <= op.sequence) { view.duplicates++; return; }
    if (op && op.epoch === m.epoch && m.sequence !== op.sequence + 1) { view.gaps++; }
    apply(m, false);
  } else if (m.type === "state") {
    const op = view.ops.get(m.operation);
    if (op && op.epoch === m.epoch && m.sequence <= op.sequence) {
      if (m.sequence < op.sequence) view.backwards++;  // the same state again changes nothing
      return;
    }
    apply(m, m.skipped);
  }
}

function apply(m, skipped) {
  let op = view.ops.get(m.operation);
  if (!op) {
    op = { element: newRow(m.operation) };
    view.ops.set(m.operation, op);
  }
  if (op.epoch !== m.epoch) op.samples = [];
  op.epoch = m.epoch;
  op.sequence = m.sequence;
  // the rate over the last 3 s of events: the run's average hides a burst at its start
  op.samples = (op.samples || []).filter((x) => m.event.atMicros - x[0] <= 3e6).concat([[m.event.atMicros, m.event.bytesDone]]);
  op.event = m.event;
  op.skipped = op.skipped || skipped;
  render(m.operation, op);
}

function newRow(id) {
  const row = $("#operation").content.firstElementChild.cloneNode(true);
  row.dataset.op = id;
  $(".cancel", row).onclick = () => post("/api/operations/" + encodeURIComponent(id) + "/cancel");
  $("#operations").prepend(row);
  $("#empty").hidden = true;
  return row;
}

function render(id, op) {
  const e = op.event, row = op.element;
  const status = STATUS[e.kind];
  row.dataset.status = status;
  row.dataset.sequence = op.sequence;
  row.dataset.bytes = e.bytesDone;
  row.dataset.chunks = e.chunks;
  $(".document", row).textContent = e.document;
  $(".status", row).textContent = status.toLowerCase();
  const bar = $("progress", row);
  if (e.bytesTotal) bar.value = Math.min(100, 100 * e.bytesDone / e.bytesTotal);
  if (e.kind === "COMPLETED") bar.value = 100;
  $(".bytes", row).textContent = size(e.bytesDone) + (e.bytesTotal != null ? " of " + size(e.bytesTotal) : "");
  $(".chunks", row).textContent = e.chunks.toLocaleString() + " chunks";
  const first = op.samples[0], span = (e.atMicros - first[0]) / 1e6;
  const rate = span >= 0.5 ? (e.bytesDone - first[1]) / span : e.bytesPerSecond;
  $(".rate", row).textContent = size(TERMINAL.has(status) ? e.bytesPerSecond : rate) + "/s";
  const left = e.bytesTotal != null && rate > 0 ? (e.bytesTotal - e.bytesDone) / rate : null;
  $(".eta", row).textContent = TERMINAL.has(status) ? "done" : left == null ? "ETA unknown" : "ETA " + Math.ceil(left) + " s";
  $(".note", row).textContent = op.skipped ? "Some events were missed while disconnected; the figures are the latest." : "";
  if (TERMINAL.has(status)) {
    $(".result", row).textContent = status === "COMPLETED"
      ? "Completed: " + e.chunks.toLocaleString() + " chunks from " + size(e.bytesDone) + "."
      : status === "FAILED" ? "Failed: " + e.failure : "Cancelled after " + size(e.bytesDone) + ".";
  }
  if (e.chunks > 0 && !op.previewLoaded && !op.previewLoading) loadPreview(id, op);
}

async function loadPreview(id, op) {
  op.previewLoading = true;
  try {
    const answer = await fetch(view.current + "/api/operations/" + encodeURIComponent(id) + "/preview");
    if (answer.ok) {
      const preview = await answer.json();
      const list = $(".preview", op.element);
      list.replaceChildren(...preview.chunks.map((c) => {
        const item = document.createElement("li");
        const where = document.createElement("code");
        where.textContent = "[" + c.start + ", " + c.end + ") bytes [" + c.startByte + ", " + c.endByte + ") ";
        item.append(where, document.createTextNode(c.text.slice(0, 140)));
        return item;
      }));
      op.previewLoaded = preview.chunks.length > 0;
    }
  } finally {
    op.previewLoading = false;
  }
}

function size(bytes) {
  const units = ["B", "KB", "MB", "GB"];
  let n = bytes, u = 0;
  while (n >= 1000 && u < units.length - 1) { n /= 1000; u++; }
  return (u === 0 ? n : n.toFixed(1)) + " " + units[u];
}

function setConnection(state, text) {
  const p = $("#connection");
  p.dataset.state = state;
  p.textContent = text;
}

async function post(path, body, type = "application/json") {
  const message = $("#message");
  let answer, json;
  try {
    answer = await fetch(view.current + path, { method: "POST", body, headers: { "Content-Type": type } });
    json = await answer.json();
  } catch (e) {
    message.className = "error";
    message.textContent = "The relay did not answer (" + e.message + "); try again.";
    return {};
  }
  message.className = answer.ok ? "" : "error";
  message.textContent = answer.ok ? (json.operation ? "Started " + json.operation + " on " + json.instance + "." : "") : json.error;
  return json;
}

$("#by-path").onsubmit = (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  post("/api/operations", JSON.stringify({ path: form.get("path"), strategy: form.get("strategy"), maxSize: Number(form.get("maxSize")) }));
};
$("#by-upload").onsubmit = (event) => {
  event.preventDefault();
  const file = new FormData(event.target).get("file");
  const strategy = $("#by-path select").value, maxSize = $("#by-path [name=maxSize]").value;
  post("/api/uploads?name=" + encodeURIComponent(file.name) + "&strategy=" + strategy + "&maxSize=" + maxSize, file, "application/octet-stream");
};

connect();
