// barefoot entry page enhancements: finding search, understood-findings chips, unit-aware ranges. The form works without any of it.
(function () {
  'use strict';
  var form = document.getElementById('entry');
  if (!form) return;
  var csrf = form.querySelector('input[name="_csrf"]').value;

  function debounce(fn, ms) {
    var t;
    return function () { var args = arguments; clearTimeout(t); t = setTimeout(function () { fn.apply(null, args); }, ms); };
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fill(template, label) { return template.replace('{label}', label); }

  // A finding is either present or absent: ticking one box of a checklist row clears the other.
  form.addEventListener('change', function (ev) {
    var box = ev.target;
    if (box.type !== 'checkbox' || (box.name !== 'f' && box.name !== 'absent') || !box.checked) return;
    var other = form.querySelector('input[type=checkbox][name="' + (box.name === 'f' ? 'absent' : 'f') + '"][value="' + box.value + '"]');
    if (other) other.checked = false;
  });

  // Plausible ranges follow the unit chosen (the server converts and checks again).
  var RANGES = { C: [25, 45], F: [77, 113], mmol: [0.5, 60], mgdl: [9, 1080] };
  function unitRange(unitName, inputName) {
    var unit = form.querySelector('select[name="' + unitName + '"]');
    var input = form.querySelector('input[name="' + inputName + '"]');
    if (!unit || !input) return;
    var apply = function () { var r = RANGES[unit.value]; if (r) { input.min = r[0]; input.max = r[1]; } };
    unit.addEventListener('change', apply);
    apply();
  }
  unitRange('tempUnit', 'temp');
  unitRange('glucoseUnit', 'glucose');

  // Finding search: type, pick with arrows + Enter or a click; the finding joins the form as present (switchable to absent).
  var finder = document.getElementById('finder');
  var q = document.getElementById('finder-q');
  var list = document.getElementById('finder-list');
  var chosen = document.getElementById('chosen');
  var active = -1;
  var hits = [];
  function chosenHeading() { var hd = finder.querySelector('h3'); if (hd) hd.hidden = !chosen.children.length; }

  function chipControls(li, id, label) {
    var sel = li.querySelector('select');
    var hidden = li.querySelector('input[type=hidden]');
    sel.setAttribute('aria-label', fill(finder.dataset.status, label));
    sel.addEventListener('change', function () { hidden.name = sel.value === 'present' ? 'f' : 'absent'; });
    var rm = el('button', '', '×');
    rm.type = 'button';
    rm.setAttribute('aria-label', fill(finder.dataset.remove, label));
    rm.addEventListener('click', function () { li.remove(); chosenHeading(); q.focus(); });
    li.appendChild(rm);
  }
  function addFinding(hit) {
    var box = form.querySelector('input[type=checkbox][name="f"][value="' + hit.id + '"]');
    if (box) { box.checked = true; box.dispatchEvent(new Event('change', { bubbles: true })); box.focus(); return; }
    if (chosen.querySelector('li[data-id="' + hit.id + '"]')) return;
    var li = el('li', 'chip');
    li.dataset.id = hit.id;
    li.appendChild(el('span', '', hit.display));
    var sel = el('select');
    [['present', finder.dataset.present], ['absent', finder.dataset.absent]].forEach(function (o) { var opt = el('option', '', o[1]); opt.value = o[0]; sel.appendChild(opt); });
    li.appendChild(sel);
    var hidden = el('input');
    hidden.type = 'hidden'; hidden.name = 'f'; hidden.value = hit.id;
    li.appendChild(hidden);
    chipControls(li, hit.id, hit.display);
    chosen.appendChild(li);
    chosenHeading();
  }
  function closeList() { list.hidden = true; q.setAttribute('aria-expanded', 'false'); q.removeAttribute('aria-activedescendant'); active = -1; }
  function mark(i) {
    var items = list.querySelectorAll('li[role=option]');
    items.forEach(function (li, j) { li.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
    active = i;
    if (items[i]) { q.setAttribute('aria-activedescendant', items[i].id); items[i].scrollIntoView({ block: 'nearest' }); }
  }
  function choose(i) { if (hits[i]) { addFinding(hits[i]); q.value = ''; closeList(); } }
  function showHits(found) {
    hits = found;
    list.textContent = '';
    if (!found.length) { list.appendChild(el('li', 'alt', finder.dataset.none)); }
    found.forEach(function (h, i) {
      var li = el('li', '', h.display);
      li.id = 'finder-opt-' + i;
      li.setAttribute('role', 'option');
      if (h.display !== h.label) li.appendChild(el('span', 'alt', ' · ' + h.label));
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = false;
    q.setAttribute('aria-expanded', 'true');
    active = -1;
  }
  var search = debounce(function (text) {
    if (!text.trim()) { closeList(); return; }
    fetch('/api/v1/findings?q=' + encodeURIComponent(text), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { findings: [] }; })
      .then(function (body) { if (q.value === text) showHits(body.findings || []); })
      .catch(function () { closeList(); });
  }, 150);
  if (finder && q && list && chosen) {
    finder.hidden = false;
    chosenHeading();
    chosen.querySelectorAll('li.chip').forEach(function (li) { chipControls(li, li.dataset.id, li.querySelector('span').textContent); });
    q.addEventListener('input', function () { search(q.value); });
    q.addEventListener('blur', function () { setTimeout(closeList, 100); });
    q.addEventListener('keydown', function (e) {
      var n = hits.length;
      if (e.key === 'ArrowDown' && n) { e.preventDefault(); if (list.hidden) showHits(hits); mark((active + 1) % n); }
      else if (e.key === 'ArrowUp' && n) { e.preventDefault(); mark((active - 1 + n) % n); }
      else if (e.key === 'Enter') { if (!list.hidden && n) { e.preventDefault(); choose(active < 0 ? 0 : active); } else if (q.value) e.preventDefault(); }
      else if (e.key === 'Escape') { closeList(); }
    });
  }

  // As-you-type: the findings the server understood in the note, as chips with their status in words.
  var note = document.getElementById('text');
  var box = document.getElementById('understood');
  if (note && box) {
    var chips = box.querySelector('.chips');
    var last = null;
    var parse = debounce(function () {
      var text = note.value;
      if (text === last) return;
      last = text;
      if (!text.trim()) { box.hidden = true; return; }
      fetch('/api/v1/parse', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' }, body: JSON.stringify({ text: text }) })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (!body || note.value !== text) return;
          chips.textContent = '';
          var seen = {};
          body.mentions.forEach(function (m) {
            var key = m.findingId + '|' + m.status;
            if (seen[key]) return;
            seen[key] = true;
            var li = el('li', 'chip s-' + m.status);
            li.appendChild(el('span', '', (m.status === 'present' ? '✓ ' : m.status === 'absent' ? '✗ ' : '? ') + m.label));
            li.appendChild(el('span', 'st', box.dataset[m.status] || m.status));
            li.title = m.text;
            chips.appendChild(li);
          });
          if (!body.mentions.length) chips.appendChild(el('li', 'hint', box.dataset.none));
          box.hidden = false;
        })
        .catch(function () { /* the opinion page shows the same after submit */ });
    }, 400);
    note.addEventListener('input', parse);
    if (note.value.trim()) parse();
  }
})();
