// Progressive enhancement of the survey form: keeps answers on this device while the respondent
// works (autosave, resume after reload), shows progress and hides conditional questions. The form
// works without this script; nothing here is needed to submit.
(function () {
  'use strict';
  var PREFIX = 'uklad:survey:';

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function doneCleanup() {
    var done = document.getElementById('done');
    var s = store();
    if (done && s) { s.removeItem(PREFIX + done.getAttribute('data-code')); }
  }

  function fields(form) {
    var out = {};
    var els = form.elements;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!el.name || el.name.indexOf('a.') !== 0) { continue; }
      if (el.type === 'radio' || el.type === 'checkbox') {
        if (el.checked) { (out[el.name] = out[el.name] || []).push(el.value); }
      } else if (el.value !== '') {
        out[el.name] = [el.value];
      }
    }
    return out;
  }

  function restore(form, saved) {
    var els = form.elements;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!el.name || !(el.name in saved)) { continue; }
      var values = saved[el.name];
      if (el.type === 'radio' || el.type === 'checkbox') {
        el.checked = values.indexOf(el.value) >= 0;
      } else {
        el.value = values[0];
      }
    }
  }

  function applyConditions(form, answers) {
    var items = form.querySelectorAll('[data-show-if-item]');
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var on = (answers['a.' + item.getAttribute('data-show-if-item')] || []);
      var wanted = (item.getAttribute('data-show-if-values') || '').split(' ');
      var parent = document.getElementById('item-' + item.getAttribute('data-show-if-item'));
      var show = !(parent && parent.classList.contains('is-hidden')) && on.some(function (v) { return wanted.indexOf(v) >= 0; });
      item.classList.toggle('is-hidden', !show);
      var inputs = item.querySelectorAll('input, textarea');
      for (var j = 0; j < inputs.length; j++) { inputs[j].disabled = !show; }
    }
  }

  function progress(form, answers) {
    var items = form.querySelectorAll('fieldset[data-item]');
    var total = 0, answered = 0;
    for (var i = 0; i < items.length; i++) {
      if (items[i].classList.contains('is-hidden')) { continue; }
      total++;
      if (answers['a.' + items[i].getAttribute('data-item')]) { answered++; }
    }
    var count = document.getElementById('progress-count');
    var bar = document.getElementById('progress-bar');
    if (count && bar) {
      count.textContent = answered;
      bar.max = total;
      bar.value = answered;
      var label = count.nextElementSibling;
      if (label) { label.textContent = total; }
      bar.parentNode.hidden = false;
    }
  }

  function exclusive(form, changed) {
    if (changed.type !== 'checkbox' || !changed.checked) { return; }
    var group = form.querySelectorAll('input[type=checkbox][name="' + changed.name + '"]');
    var isExclusive = changed.getAttribute('data-exclusive') === 'true';
    for (var i = 0; i < group.length; i++) {
      if (group[i] === changed) { continue; }
      if (isExclusive || group[i].getAttribute('data-exclusive') === 'true') { group[i].checked = false; }
    }
  }

  function init() {
    doneCleanup();
    var form = document.getElementById('survey');
    if (!form) { return; }
    var s = store();
    var key = PREFIX + form.getAttribute('data-code');
    var keyField = form.elements.idempotencyKey;
    var saved = null;
    if (s) {
      try { saved = JSON.parse(s.getItem(key) || 'null'); } catch (e) { saved = null; }
    }
    var serverShowedErrors = !!document.getElementById('error-summary');
    if (saved && !serverShowedErrors) {
      restore(form, saved.answers || {});
      if (saved.idempotencyKey) { keyField.value = saved.idempotencyKey; }
      if (Object.keys(saved.answers || {}).length) {
        var note = document.createElement('p');
        note.className = 'notice';
        note.setAttribute('role', 'status');
        note.textContent = form.getAttribute('data-saved-note');
        form.parentNode.insertBefore(note, form);
      }
    }
    function save() {
      var answers = fields(form);
      applyConditions(form, answers);
      progress(form, answers);
      if (s) {
        try { s.setItem(key, JSON.stringify({ idempotencyKey: keyField.value, answers: fields(form) })); } catch (e) { /* storage full or blocked */ }
      }
    }
    form.addEventListener('submit', function (ev) { sendWhenOnline(ev, form); });
    form.addEventListener('change', function (ev) { exclusive(form, ev.target); save(); });
    form.addEventListener('input', save);
    save();
    var summary = document.getElementById('error-summary');
    if (summary) { summary.focus(); }
  }

  // Sends the form in the background so a dropped connection loses nothing: the answers stay on
  // the device and are sent again, with the same idempotency key, when the connection returns.
  // Any answer from the server (stored, or a page with errors) is then shown as a normal post.
  var retryTimer = null;
  function sendWhenOnline(ev, form) {
    if (!window.fetch || form.getAttribute('data-sending') === 'native') { return; }
    ev.preventDefault();
    var button = form.querySelector('button[type=submit]');
    if (button) { button.disabled = true; }
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', redirect: 'follow' })
      .then(function (response) {
        offlineNotice(form, false);
        if (response.redirected && /\/done$/.test(response.url)) {
          window.location.assign(response.url);
        } else {
          form.setAttribute('data-sending', 'native');
          form.submit();
        }
      })
      .catch(function () {
        if (button) { button.disabled = false; }
        offlineNotice(form, true);
        if (retryTimer === null) {
          var retry = function () {
            clearInterval(retryTimer);
            retryTimer = null;
            window.removeEventListener('online', retry);
            form.requestSubmit ? form.requestSubmit() : sendWhenOnline({ preventDefault: function () {} }, form);
          };
          window.addEventListener('online', retry);
          retryTimer = setInterval(function () { if (navigator.onLine !== false) { retry(); } }, 10000);
        }
      });
  }

  function offlineNotice(form, show) {
    var note = document.getElementById('offline-notice');
    if (!show) {
      if (note) { note.parentNode.removeChild(note); }
      return;
    }
    if (!note) {
      note = document.createElement('p');
      note.id = 'offline-notice';
      note.className = 'notice';
      note.setAttribute('role', 'alert');
      note.textContent = form.getAttribute('data-offline-note');
      var button = form.querySelector('button[type=submit]');
      form.insertBefore(note, button);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
