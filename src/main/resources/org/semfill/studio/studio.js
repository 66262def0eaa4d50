// semfill studio: pick an image, paint the hole, watch the latent search complete it (Adam), or sample several
// fills by HMC and choose one.
// Plain JavaScript, no libraries. The server's API is described in StudioHandler.java.
"use strict";

const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const POLL_MS = 200;
// This page's session: a new job from it supersedes its own earlier one; other pages' jobs wait their turn.
const SESSION = (self.crypto && crypto.randomUUID) ? crypto.randomUUID()
  : Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 10).padEnd(8, "0")).join("");

const state = {
  model: null,      // GET /api/model
  size: 0,          // the model's image side S
  scale: 1,         // screen pixels per image pixel in the paint canvas and the result
  image: null,      // {id, png, element}: the chosen image
  known: null,      // Uint8Array(S * S): 1 = known, 0 = hole
  block: 1,         // k > 1: the lowres preset, where only the k x k block means are known (no pixel on its own)
  job: null,        // the running or last job's id
  jobHmc: false,    // whether that job samples several fills (HMC) rather than searching (Adam)
  loss: [],         // per restart (or chain): the loss after each step
  frameIteration: -1,
  approach: "adam", // the approach the settings show
  iters: {},        // per approach: the iterations last entered
  fills: null,      // an HMC job's blended fills (PNG data URLs), when done
  chosen: -1,       // the fill the user chose
  pollTimer: null,
};

const $ = (id) => document.getElementById(id);

// ---- messages and requests ----

function showMessage(text) {
  const box = $("message");
  box.textContent = text;
  box.hidden = !text;
}

/** fetch that turns an error answer into an Error carrying the server's one-line message. */
async function request(url, options) {
  let res;
  try {
    res = await fetch(url, options);
  } catch (e) {
    throw new Error("the studio does not answer (is it still running?)");
  }
  const type = res.headers.get("Content-Type") || "";
  const body = type.startsWith("application/json") ? await res.json() : null;
  if (!res.ok) throw new Error((body && body.error) || ("the server answered " + res.status));
  return body;
}

// ---- start ----

async function start() {
  try {
    state.model = await request("/api/model");
  } catch (e) {
    showMessage(e.message);
    return;
  }
  const m = state.model;
  state.size = m.size;
  state.scale = Math.max(2, Math.round(224 / m.size)); // 8x for 28 px, 7x for 32, 4x for 64
  $("model-info").textContent = "Model " + m.model + ": " + m.description + ".";
  $("iterations").max = m.maxIterations;
  $("iterations").value = m.defaults.iterations;
  $("restarts").max = m.maxRestarts;
  $("restarts").value = m.defaults.restarts;
  $("lambda").value = m.defaults.lambda;
  $("fills").min = m.minFills;
  $("fills").max = m.maxFills;
  $("fills").value = m.defaults.fills;
  state.iters = { adam: m.defaults.iterations, hmc: m.defaults.hmcIterations };
  $("hmc-note").textContent += " Each iteration runs " + m.hmc.leapfrog + " leapfrog steps of " + m.hmc.step + " at \u03b2 = "
    + m.hmc.beta + "; at most " + m.maxHmcIterations + " iterations.";
  $("approach").value = "adam";

  const side = m.size * state.scale;
  const paint = $("paint");
  paint.width = side;
  paint.height = side;
  for (const id of ["input-view", "result"]) {
    $(id).width = side;
    $(id).height = side;
  }
  state.known = new Uint8Array(m.size * m.size).fill(1);

  for (const type of m.maskTypes) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = type;
    b.dataset.mask = type;
    b.addEventListener("click", () => loadMask(type));
    $("mask-types").appendChild(b);
  }
  drawLoss();
  setUpPainting();
  $("upload").addEventListener("change", upload);
  $("complete").addEventListener("click", complete);
  $("stop").addEventListener("click", stop);
  $("approach").addEventListener("change", switchApproach);
  $("brush").addEventListener("input", () => { $("brush-value").textContent = $("brush").value + " px"; });

  try {
    const held = await request("/api/heldout");
    $("heldout-note").textContent = held.note;
    held.images.forEach((img, i) => {
      const el = document.createElement("img");
      el.src = img.png;
      el.alt = "example image " + i;
      el.title = "example image " + i;
      el.dataset.id = img.id;
      el.addEventListener("click", () => chooseImage(img.id, img.png, el));
      $("heldout").appendChild(el);
    });
    const first = $("heldout").querySelector("img");
    if (first) {
      await chooseImage(first.dataset.id, first.src, first);
      await loadMask("center");
    }
  } catch (e) {
    showMessage(e.message);
  }
  redraw();
}

// ---- choosing and uploading images ----

function chooseImage(id, png, thumb) {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => {
      state.image = { id: id, png: png, element: img };
      for (const t of document.querySelectorAll(".thumbs img")) t.classList.toggle("selected", t === thumb);
      $("complete").disabled = false;
      $("status").textContent = "Paint the hole (or pick a mask type), then press Complete.";
      redraw();
      resolve();
    };
    img.src = png;
  });
}

async function upload() {
  const file = $("upload").files[0];
  if (!file) return;
  $("upload-note").textContent = "Uploading " + file.name + "...";
  try {
    const r = await request("/api/images", {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: file,
    });
    showMessage("");
    $("upload-note").textContent = r.note;
    await chooseImage(r.id, r.png, null);
  } catch (e) {
    $("upload-note").textContent = "";
    showMessage("Upload refused: " + e.message);
  }
  $("upload").value = "";
}

// ---- the mask: painting, presets, drawing ----

async function loadMask(type) {
  try {
    const m = await request("/api/masks/" + encodeURIComponent(type));
    state.known = Uint8Array.from(m.known);
    state.block = m.block || 1;
    state.blockType = state.block > 1 ? type : null;
    for (const b of $("mask-types").querySelectorAll("button")) b.classList.toggle("active", b.dataset.mask === type);
    showMessage("");
    redraw();
  } catch (e) {
    showMessage(e.message);
  }
}

function setUpPainting() {
  const canvas = $("paint");
  let last = null;
  const cell = (ev) => {
    const r = canvas.getBoundingClientRect();
    return { x: (ev.clientX - r.left) / r.width * state.size, y: (ev.clientY - r.top) / r.height * state.size };
  };
  canvas.addEventListener("pointerdown", (ev) => {
    canvas.setPointerCapture(ev.pointerId);
    last = cell(ev);
    stroke(last, last);
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (last === null) return;
    const p = cell(ev);
    stroke(last, p);
    last = p;
  });
  const end = () => { last = null; };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  $("clear").addEventListener("click", () => {
    leaveBlockMask();
    state.known.fill(1);
    for (const b of $("mask-types").querySelectorAll("button")) b.classList.remove("active");
    redraw();
  });
}

/** Painting after the lowres preset starts from a whole image: lowres knows no single pixel to keep. */
function leaveBlockMask() {
  if (state.block === 1) return;
  state.block = 1;
  state.blockType = null;
  state.known.fill(1);
}

/** Paints (or erases) a line of discs from a to b, in image pixels. */
function stroke(a, b) {
  leaveBlockMask();
  const radius = Number($("brush").value) / 2;
  const value = $("erase").checked ? 1 : 0;
  const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) * 2));
  const s = state.size;
  for (let i = 0; i <= steps; i++) {
    const cx = a.x + (b.x - a.x) * i / steps, cy = a.y + (b.y - a.y) * i / steps;
    for (let y = Math.floor(cy - radius); y <= Math.ceil(cy + radius); y++) {
      for (let x = Math.floor(cx - radius); x <= Math.ceil(cx + radius); x++) {
        if (x < 0 || y < 0 || x >= s || y >= s) continue;
        const dx = x + 0.5 - cx, dy = y + 0.5 - cy;
        if (dx * dx + dy * dy <= Math.max(radius * radius, 0.25)) state.known[y * s + x] = value;
      }
    }
  }
  for (const btn of $("mask-types").querySelectorAll("button")) btn.classList.remove("active");
  redraw();
}

/** The image enlarged, with the hole drawn over it in pink. */
function redraw() {
  const canvas = $("paint"), ctx = canvas.getContext("2d"), s = state.size, k = state.scale;
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = "#222";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (state.image) ctx.drawImage(state.image.element, 0, 0, s * k, s * k);
  else {
    ctx.fillStyle = "#ccc";
    ctx.font = "15px sans-serif";
    ctx.fillText("Pick or upload an image", 16, 30);
  }
  if (!state.known) return;
  if (state.block > 1) { // lowres: show what the search is given, the k x k block means, not a hole
    if (state.image) drawBlockMeans(ctx, state.image.element, s, k, state.block);
    return;
  }
  ctx.fillStyle = "rgba(224, 64, 122, 0.75)";
  for (let y = 0; y < s; y++)
    for (let x = 0; x < s; x++)
      if (state.known[y * s + x] === 0) ctx.fillRect(x * k, y * k, k, k);
}

/** Draws the image as its b x b block means (the low-resolution input), enlarged k times. */
function drawBlockMeans(ctx, img, s, k, b) {
  const c = document.createElement("canvas");
  c.width = s;
  c.height = s;
  const small = c.getContext("2d");
  small.drawImage(img, 0, 0, s, s);
  const px = small.getImageData(0, 0, s, s).data;
  for (let by = 0; by < s; by += b) {
    for (let bx = 0; bx < s; bx += b) {
      const sum = [0, 0, 0];
      for (let y = by; y < by + b; y++)
        for (let x = bx; x < bx + b; x++)
          for (let ch = 0; ch < 3; ch++) sum[ch] += px[4 * (y * s + x) + ch];
      const n = b * b;
      ctx.fillStyle = `rgb(${Math.round(sum[0] / n)}, ${Math.round(sum[1] / n)}, ${Math.round(sum[2] / n)})`;
      ctx.fillRect(bx * k, by * k, b * k, b * k);
    }
  }
}

/** The mask as a PNG data URL at the model's size: white = known, black = hole. */
function maskPng() {
  const s = state.size, c = document.createElement("canvas");
  c.width = s;
  c.height = s;
  const ctx = c.getContext("2d"), data = ctx.createImageData(s, s);
  for (let i = 0; i < s * s; i++) {
    const v = state.known[i] ? 255 : 0;
    data.data[4 * i] = v;
    data.data[4 * i + 1] = v;
    data.data[4 * i + 2] = v;
    data.data[4 * i + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  return c.toDataURL("image/png");
}

// ---- completing ----

/** Shows the settings of the chosen approach: restarts for Adam, fills for HMC, each with its own iterations. */
function switchApproach() {
  const hmc = $("approach").value === "hmc";
  state.iters[state.approach] = $("iterations").value;
  state.approach = $("approach").value;
  $("iterations").max = hmc ? state.model.maxHmcIterations : state.model.maxIterations;
  $("iterations").value = state.iters[state.approach];
  for (const el of document.querySelectorAll(".adam-only")) el.hidden = hmc;
  for (const el of document.querySelectorAll(".hmc-only")) el.hidden = !hmc;
}

async function complete() {
  if (!state.image) {
    showMessage("Pick or upload an image first.");
    return;
  }
  if (!state.known.includes(0)) {
    showMessage("Paint the hole first: drag over the part of the image to fill in, or pick a mask type.");
    return;
  }
  const hmc = $("approach").value === "hmc";
  const body = {
    imageId: state.image.id,
    mask: state.blockType || maskPng(), // lowres goes by name: a painted PNG cannot say "the block means are known"
    approach: hmc ? "hmc" : "adam",
    iterations: Number($("iterations").value),
    lambda: Number($("lambda").value),
    blend: $("blend").value,
    weighted: $("weighted").checked,
  };
  if (hmc) body.fills = Number($("fills").value);
  else body.restarts = Number($("restarts").value);
  try {
    const r = await request("/api/complete", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Semfill-Session": SESSION },
      body: JSON.stringify(body),
    });
    showMessage("");
    beginJob(r.jobId, hmc ? body.fills : body.restarts, hmc);
  } catch (e) {
    showMessage(e.message);
  }
}

function beginJob(id, restarts, hmc) {
  if (state.pollTimer) clearTimeout(state.pollTimer);
  state.job = id;
  state.jobHmc = hmc;
  state.loss = Array.from({ length: restarts }, () => []);
  state.frameIteration = -1;
  state.fills = null;
  state.chosen = -1;
  const row = hmc ? "chain" : "restart";
  $("result-caption").textContent = hmc ? "Result: the fill you choose, blended" : "Result: best restart, blended";
  $("loss-caption").textContent = "Loss of each " + row + (hmc ? " at its current z" : "") + " (contextual + \u03bb \u00b7 realism), coloured as below";
  $("restarts-title").textContent = hmc ? "G(z) of each chain as it samples" : "G(z) of each restart";
  $("alternatives").hidden = true;
  $("fill-views").replaceChildren();
  $("input-view").src = $("paint").toDataURL("image/png");
  $("input-caption").textContent = state.block > 1 ? `Input: only the ${state.block} \u00d7 ${state.block} block means are known`
      : "Input (hole in pink)";
  $("result").removeAttribute("src");
  $("download").hidden = true;
  $("stop").disabled = false;
  $("results").dataset.state = "running";
  const views = $("restart-views");
  views.replaceChildren();
  const side = state.size * Math.max(2, Math.floor(128 / state.size));
  for (let r = 0; r < restarts; r++) {
    const fig = document.createElement("figure");
    fig.style.borderColor = COLOURS[r % COLOURS.length];
    const frame = document.createElement("div");
    frame.className = "frame";
    const img = document.createElement("img");
    img.width = side;
    img.height = side;
    img.alt = "G(z) of " + row + " " + (r + 1);
    frame.appendChild(img);
    const cap = document.createElement("figcaption");
    cap.textContent = row + " " + (r + 1);
    fig.append(frame, cap);
    views.appendChild(fig);
  }
  drawLoss();
  poll();
}

async function poll() {
  const id = state.job;
  let s;
  try {
    s = await request("/api/jobs/" + id + "?since=" + state.loss[0].length);
  } catch (e) {
    showMessage(e.message);
    $("stop").disabled = true;
    return;
  }
  if (id !== state.job) return; // a newer job took over
  s.loss.forEach((points, r) => state.loss[r].push(...points));
  if (s.frameIteration !== undefined && s.frameIteration !== state.frameIteration) showFrame(s);
  if (s.fills && !state.fills) showFills(s);
  drawLoss();
  const running = s.state === "queued" || s.state === "running";
  const hmc = s.approach === "hmc";
  const bestText = s.best === undefined ? "" : hmc ? " · lowest loss: chain " + (s.best + 1) : " · best: restart " + (s.best + 1);
  const acceptText = hmc && s.acceptance !== undefined && s.acceptance !== null ? " · acceptance " + s.acceptance.toFixed(2) : "";
  const fillsText = hmc && s.fills ? " · " + s.fills.length + " fills: click one to choose it" : "";
  $("status").textContent = (running ? (hmc ? "Sampling: " : "Searching: ") : s.state === "done" ? "Done: " : s.state === "cancelled" ? "Cancelled: " : "Stopped: ")
    + "step " + s.iteration + " of " + s.iterations + bestText + acceptText + fillsText + (s.error ? " · " + s.error : "")
    + (s.state === "queued" ? " · waiting for other pages' jobs to finish" : "") + (s.supersededBy ? " · superseded by a newer job" : "");
  $("results").dataset.state = s.state;
  if (s.state === "failed") showMessage("The search failed: " + s.error);
  if (running) {
    state.pollTimer = setTimeout(poll, POLL_MS);
  } else {
    $("stop").disabled = true;
    if (s.frameIteration !== undefined && !hmc) {
      const a = $("download");
      a.href = "/api/jobs/" + id + "/result.png";
      a.download = "semfill-" + id + ".png";
      a.hidden = false;
    }
  }
}

function showFrame(s) {
  state.frameIteration = s.frameIteration;
  if (s.blended) $("result").src = s.blended; // HMC has no result until the user chooses a fill
  const row = s.approach === "hmc" ? "chain" : "restart", mark = s.approach === "hmc" ? " (lowest)" : " (best)";
  const figures = $("restart-views").querySelectorAll("figure");
  s.generated.forEach((png, r) => {
    const fig = figures[r];
    if (!fig) return;
    fig.querySelector("img").src = png;
    fig.classList.toggle("best", r === s.best);
    const loss = s.rowLoss[r] === null ? "?" : s.rowLoss[r].toFixed(3);
    fig.querySelector("figcaption").textContent = row + " " + (r + 1) + (r === s.best ? mark : "") + "\nloss " + loss;
  });
}

/** HMC's fills, blended, side by side: each a button that makes it the result. */
function showFills(s) {
  state.fills = s.fills;
  const views = $("fill-views");
  views.replaceChildren();
  const side = state.size * Math.max(2, Math.floor(128 / state.size));
  s.fills.forEach((png, r) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "fill-choice";
    b.dataset.fill = String(r + 1);
    b.setAttribute("aria-pressed", "false");
    b.style.borderColor = COLOURS[r % COLOURS.length];
    const frame = document.createElement("div");
    frame.className = "frame";
    const img = document.createElement("img");
    img.width = side;
    img.height = side;
    img.src = png;
    img.alt = "fill " + (r + 1) + ", blended";
    frame.appendChild(img);
    const cap = document.createElement("span");
    cap.className = "caption";
    const loss = s.fillLoss[r] === null ? "?" : s.fillLoss[r].toFixed(3);
    cap.dataset.loss = loss;
    cap.textContent = "fill " + (r + 1) + "\nloss " + loss;
    b.append(frame, cap);
    b.addEventListener("click", () => chooseFill(r));
    views.appendChild(b);
  });
  $("alternatives").hidden = false;
  $("result-caption").textContent = "Result: click a fill below to choose it";
}

/** Makes fill r (from 0) the result: highlighted, shown large, downloadable. */
function chooseFill(r) {
  if (!state.fills || r < 0 || r >= state.fills.length) return;
  state.chosen = r;
  $("fill-views").querySelectorAll("button").forEach((b, i) => {
    b.classList.toggle("chosen", i === r);
    b.setAttribute("aria-pressed", String(i === r));
    const cap = b.querySelector(".caption");
    cap.textContent = "fill " + (i + 1) + (i === r ? " \u2713 chosen" : "") + "\nloss " + cap.dataset.loss;
  });
  $("result").src = state.fills[r];
  $("result-caption").textContent = "Result: fill " + (r + 1) + " (your choice), blended";
  const a = $("download");
  a.href = "/api/jobs/" + state.job + "/result.png?fill=" + (r + 1);
  a.download = "semfill-" + state.job + "-fill" + (r + 1) + ".png";
  a.hidden = false;
}

async function stop() {
  if (!state.job) return;
  try {
    await request("/api/jobs/" + state.job + "/cancel", { method: "POST" });
  } catch (e) {
    showMessage(e.message);
  }
}

// ---- the loss chart ----

function drawLoss() {
  const canvas = $("loss"), ctx = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, left = 52, right = 10, top = 10, bottom = 28;
  ctx.clearRect(0, 0, w, h);
  ctx.font = "11px sans-serif";
  // The first steps' loss is often far above the rest: the scale follows the last 90% of the steps so the
  // differences between restarts stay visible, and the first steps may leave the chart at the top.
  let lo = Infinity, hi = -Infinity, n = 0;
  for (const row of state.loss) n = Math.max(n, row.length);
  const from = Math.floor(n / 10);
  for (const row of state.loss) {
    row.forEach((v, i) => {
      if (v === null) return;
      lo = Math.min(lo, v);
      if (i >= from) hi = Math.max(hi, v);
    });
  }
  ctx.strokeStyle = "#c9d0d6";
  ctx.strokeRect(left, top, w - left - right, h - top - bottom);
  if (n === 0 || !isFinite(lo)) {
    ctx.fillStyle = "#7a848d";
    ctx.fillText("the loss appears here during the search", left + 10, top + 20);
    return;
  }
  if (hi - lo < 1e-9) { hi = lo + 1; }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const x = (i) => left + (n <= 1 ? 0 : i / (n - 1)) * (w - left - right);
  const y = (v) => top + (hi - v) / (hi - lo) * (h - top - bottom);
  ctx.fillStyle = "#5c6670";
  ctx.textAlign = "right";
  const decimals = Math.max(0, Math.min(6, Math.ceil(-Math.log10((hi - lo) / 4))));
  for (let t = 0; t <= 4; t++) {
    const v = lo + (hi - lo) * t / 4;
    ctx.fillText(v.toFixed(decimals), left - 4, y(v) + 4);
  }
  ctx.textAlign = "left";
  ctx.fillText("1", x(0), h - 10);
  ctx.textAlign = "right";
  ctx.fillText(String(n), x(n - 1), h - 10);
  ctx.textAlign = "center";
  ctx.fillText("step", (left + w - right) / 2, h - 10);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, w - left - right, h - top - bottom);
  ctx.clip();
  state.loss.forEach((row, r) => {
    ctx.strokeStyle = COLOURS[r % COLOURS.length];
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let pen = false;
    row.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      if (pen) ctx.lineTo(x(i), y(v)); else ctx.moveTo(x(i), y(v));
      pen = true;
    });
    ctx.stroke();
  });
  ctx.restore();
  ctx.textAlign = "left";
}

document.addEventListener("DOMContentLoaded", start);
