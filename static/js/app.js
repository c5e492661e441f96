// Progressive enhancement: every page works without this file (plain form posts).
// With it, section pages save answers in the background as they are typed, show which
// questions apply as answers change, and never drop an unsaved answer.
"use strict";

// After a refused save the page comes back with errors: put the keyboard on the first one.
(function () {
  const first = document.querySelector(
    ".has-error input:not([type=hidden]):not([disabled]), .has-error select, .has-error textarea");
  if (first) first.focus();
})();

// "Copy link" buttons: copy the text of the field they name; the field stays selectable.
document.querySelectorAll("button.copy-button").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(source.value).then(() => {
      button.textContent = button.dataset.copiedText;
    });
  });
});

// Review comments are saved without leaving the page (the form posts normally without this).
document.querySelectorAll("form.comment-form").forEach((commentForm) => {
  const live = document.getElementById("live-status");
  commentForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = commentForm.querySelector("button[type=submit]");
    const box = commentForm.querySelector("textarea");
    const error = commentForm.querySelector(".comment-error");
    button.disabled = true;
    try {
      const response = await fetch(commentForm.action, {
        method: "POST", body: new FormData(commentForm), credentials: "same-origin",
        headers: { "Accept": "application/json" },
      });
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || "");
      const comment = document.createElement("p");
      comment.className = "review-comment";
      const label = document.createElement("strong");
      label.textContent = data.label + ":";
      comment.append(label, " ", data.body);
      commentForm.closest("[data-comments]").querySelector(".comment-list").append(comment);
      box.value = "";
      error.textContent = "";
      if (live) live.textContent = data.message;
    } catch (e) {
      error.textContent = e.message || error.dataset.failedText;
      box.focus();
    } finally {
      button.disabled = false;
    }
  });
});

// Country lists: a search box narrows the checkboxes (the list works without it).
document.querySelectorAll("[data-country-picker]").forEach((picker) => {
  const search = picker.querySelector("[data-country-search]");
  const labels = Array.from(picker.querySelectorAll(".country-list label"));
  const count = picker.querySelector("[data-count-text]");
  search.closest("label").hidden = false;
  search.addEventListener("input", () => {
    const term = search.value.trim().toLocaleLowerCase();
    let shown = 0;
    labels.forEach((label) => {
      const match = !term || label.textContent.toLocaleLowerCase().includes(term)
        || label.querySelector("input").checked;
      label.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = term ? count.dataset.countText
      .replace("%(shown)s", String(shown)).replace("%(total)s", String(labels.length)) : "";
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();  // never submits the answers form
  });
});

(function () {
  const form = document.querySelector("form[data-autosave]");
  if (!form || !form.dataset.autosave) return;
  const url = form.dataset.autosave;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const versionInput = form.querySelector('input[name="version"]');
  const state = form.querySelector(".save-state");
  const dirty = new Set();
  let timer = null;
  let inFlight = false;
  let queued = false;

  function show(kind) {
    state.className = "save-state " + kind;
    state.textContent = state.dataset[kind + "Text"] || "";
  }

  function questionOf(element) {
    const box = element.closest("[data-question]");
    return box ? box.dataset.question : null;
  }

  function valueOf(qid) {
    const box = form.querySelector('[data-question="' + qid + '"]');
    const type = box.dataset.type;
    const name = "q-" + qid;
    if (type === "multiple") {
      return Array.from(box.querySelectorAll('input[name="' + name + '"]:checked')).map((i) => i.value);
    }
    if (type === "countries") {
      return Array.from(box.querySelectorAll('input[name="' + name + '"]:checked')).map((i) => i.value);
    }
    if (type === "yes_no" || type === "single") {
      const checked = box.querySelector('input[name="' + name + '"]:checked');
      return checked ? checked.value : "";
    }
    if (type === "table") {
      const rows = [];
      box.querySelectorAll("tbody tr").forEach((tr) => {
        const row = {};
        let filled = false;
        tr.querySelectorAll("input, select").forEach((cell) => {
          const column = cell.name.split("-").slice(-1)[0];
          row[column] = cell.value;
          if (cell.value.trim() !== "") filled = true;
        });
        if (filled) rows.push(row);
      });
      return rows;
    }
    const input = box.querySelector('[name="' + name + '"]');
    const unknown = box.querySelector('input[name="' + name + '-unknown"]:checked');
    if (unknown && (!input || input.value.trim() === "")) return unknown.value;
    return input ? input.value : "";
  }

  function applyResult(data) {
    if (typeof data.version === "number") versionInput.value = data.version;
    (data.saved || []).forEach((qid) => setError(qid, ""));
    Object.entries(data.errors || {}).forEach(([qid, message]) => setError(qid, message));
    Object.entries(data.conflicts || {}).forEach(([qid, other]) => setError(qid, other, true));
    if (Array.isArray(data.visible)) {
      const visible = new Set(data.visible);
      form.querySelectorAll("[data-question]").forEach((box) => {
        box.hidden = !visible.has(box.dataset.question);
      });
    }
  }

  function setError(qid, message, conflict) {
    const box = form.querySelector('[data-question="' + qid + '"]');
    if (!box) return;
    const slot = box.querySelector("[data-error-for]");
    slot.textContent = conflict ? (state.dataset.conflictText + " (" + message + ")") : message;
    slot.hidden = !message;
    box.classList.toggle("has-error", Boolean(message));
    box.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((control) => {
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    });
    if (message) dirty.add(qid);
  }

  async function flush() {
    timer = null;
    if (inFlight) { queued = true; return; }  // sent as soon as the save in flight ends
    if (dirty.size === 0) return;
    const answers = {};
    dirty.forEach((qid) => { answers[qid] = valueOf(qid); });
    dirty.clear();
    inFlight = true;
    show("saving");
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ version: Number(versionInput.value), answers: answers }),
        redirect: "manual",
      });
      let data = {};
      try { data = await response.json(); } catch (e) { data = {}; }
      if (response.ok) {
        applyResult(data);
        if (dirty.size) {
          // Some answers were refused (messages shown beside them): they stay on the page.
          state.className = "save-state failed";
          state.textContent = data.message || "";
        } else {
          show("saved");
        }
      } else {
        Object.keys(answers).forEach((qid) => dirty.add(qid));
        if (response.status === 409) { applyResult(data); show("conflict"); }
        else if (response.status === 400 || response.status === 401 || response.type === "opaqueredirect") { show("signedout"); }
        else { show("failed"); }
      }
    } catch (e) {
      Object.keys(answers).forEach((qid) => dirty.add(qid));
      show("failed");
    } finally {
      inFlight = false;
      if (queued) { queued = false; timer = setTimeout(flush, 0); }
    }
  }

  function schedule(element, immediate) {
    const qid = questionOf(element);
    if (!qid || !element.name || element.type === "file" || element.form !== form) return;
    dirty.add(qid);
    clearTimeout(timer);
    timer = setTimeout(flush, immediate ? 0 : 700);
  }

  form.addEventListener("input", (event) => {
    const t = event.target;
    schedule(t, t.type === "radio" || t.type === "checkbox" || t.tagName === "SELECT");
  });
  form.addEventListener("change", (event) => schedule(event.target, true));

  // An answer that calls for a document says so beside the question as soon as it is chosen.
  function showDocumentNeed(element) {
    const qid = questionOf(element);
    const notice = qid && form.querySelector("#evneed-" + CSS.escape(qid));
    if (!notice) return;
    const when = JSON.parse(notice.dataset.evidenceWhen);
    const value = valueOf(qid);
    const needed = Array.isArray(value) ? value.some((v) => when.includes(v)) : when.includes(value);
    const text = needed ? notice.dataset.text : "";
    if (notice.textContent !== text) notice.textContent = text;
  }
  form.addEventListener("change", (event) => showDocumentNeed(event.target));
  // Posting the form sends every answer on it: leaving the page then loses nothing.
  let posting = false;
  form.addEventListener("submit", () => { posting = true; });
  window.addEventListener("beforeunload", (event) => {
    if (!posting && (dirty.size || inFlight)) { event.preventDefault(); event.returnValue = ""; }
  });
  setInterval(() => { if (dirty.size && !timer) flush(); }, 15000);

  // Tables: an "Add a row" button replaces the spare rows offered without JavaScript.
  form.querySelectorAll("button.add-row").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const table = form.querySelector('table[data-table="' + button.dataset.table + '"]');
      const body = table.querySelector("tbody");
      const last = body.querySelector("tr:last-child");
      const index = body.querySelectorAll("tr").length;
      const row = last.cloneNode(true);
      row.dataset.row = index;
      row.querySelectorAll("input, select").forEach((cell) => {
        const parts = cell.name.split("-");
        parts[parts.length - 2] = String(index);
        cell.name = parts.join("-");
        cell.id = cell.name;
        cell.value = "";
        const column = cell.closest("td").dataset.column;
        cell.setAttribute("aria-label", table.dataset.cellLabel
          .replace("%(column)s", column).replace("%(row)s", String(index + 1)));
      });
      body.appendChild(row);
    });
  });
})();
