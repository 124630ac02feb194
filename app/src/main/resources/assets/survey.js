// Progressive enhancement of the respondent pages: keeps the answers of this visit while the
// respondent works (resume after a reload in the same tab), shows progress, hides conditional
// questions, switches the steps of a paged form on the page, reads questions aloud on the youngest
// pupils' form and delivers answers sent while offline. The pages work without this script.
//
// A computer may be shared by a class, so nothing of one respondent may reach the next:
// - the draft lives in sessionStorage, i.e. only in this tab: a reload resumes it, a new tab starts
//   clean; the start page and the thank-you page drop it;
// - in the classroom mode (?kiosk=1, remembered for the tab) no draft is kept at all;
// - a finished submission that could not be sent waits in a separate outbox (localStorage, so it
//   survives the tab) with its idempotency key until it is delivered; no page ever shows it.
(function () {
  'use strict';
  var LEGACY = 'uklad:survey:';   // drafts of the earlier page version: localStorage, shared by everyone
  var DRAFT = 'uklad:draft:';     // + code, in sessionStorage
  var KIOSK = 'uklad:kiosk';      // sessionStorage: this tab is in the classroom mode
  var OUTBOX = 'uklad:outbox';    // localStorage: [{action, key, body}] sent but not yet delivered

  function storage(name) {
    try { var s = window[name]; s.getItem(KIOSK); return s; } catch (e) { return null; }
  }
  var local = storage('localStorage');
  var session = storage('sessionStorage');

  function read(s, key) {
    if (!s) { return null; }
    try { return JSON.parse(s.getItem(key) || 'null'); } catch (e) { return null; }
  }

  function write(s, key, value) {
    if (!s) { return false; }
    try { s.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; /* full or blocked */ }
  }

  function remove(s, key) {
    if (s) { try { s.removeItem(key); } catch (e) { /* blocked */ } }
  }

  function removeByPrefix(s, prefix) {
    if (!s) { return; }
    for (var i = s.length - 1; i >= 0; i--) {
      var key = s.key(i);
      if (key && key.indexOf(prefix) === 0) { remove(s, key); }
    }
  }

  /** Whether this tab is in the classroom mode; a page opened with the flag switches it on. */
  function kioskTab(pageSaysKiosk) {
    if (pageSaysKiosk && session) { try { session.setItem(KIOSK, '1'); } catch (e) { /* blocked */ } }
    return pageSaysKiosk || (!!session && session.getItem(KIOSK) === '1');
  }

  function withKiosk(url) {
    return /[?&]kiosk=1(&|$)/.test(url) ? url : url + (url.indexOf('?') < 0 ? '?' : '&') + 'kiosk=1';
  }

  // ---- the outbox: finished submissions waiting for the connection -------------------------

  var unsaved = [];   // entries the storage refused, kept for as long as this page lives

  function pending() {
    var stored = read(local, OUTBOX);
    var list = Array.isArray(stored) ? stored : [];
    unsaved.forEach(function (e) { if (!list.some(function (s) { return s.key === e.key; })) { list.push(e); } });
    return list;
  }

  function keep(list) {
    unsaved = [];
    if (!list.length) { remove(local, OUTBOX); } else if (!write(local, OUTBOX, list)) { unsaved = list; }
  }

  function enqueue(entry) {
    keep(pending().filter(function (e) { return e.key !== entry.key; }).concat([entry]));
  }

  function dequeue(key) {
    keep(pending().filter(function (e) { return e.key !== key; }));
  }

  function post(entry) {
    return fetch(entry.action, { method: 'POST', body: new URLSearchParams(entry.body), credentials: 'same-origin',
      redirect: 'follow' });
  }

  function delivered(response) {
    return response.redirected && /\/done$/.test(new URL(response.url).pathname);
  }

  // A refusal (bad answers, unknown code, conflict) will never succeed: it leaves the outbox.
  // Only an overloaded or failing server is worth another try.
  function worthRetrying(response) {
    return response.status === 408 || response.status === 429 || response.status >= 500;
  }

  var flushing = false;
  var retryTimer = null;
  var settleShown = null;   // the form page's handler for the submission it still shows

  function scheduleRetry() {
    if (retryTimer !== null) { return; }
    window.addEventListener('online', flush);
    retryTimer = setInterval(function () { if (navigator.onLine !== false) { flush(); } }, 10000);
  }

  function stopRetry() {
    if (retryTimer === null) { return; }
    clearInterval(retryTimer);
    retryTimer = null;
    window.removeEventListener('online', flush);
  }

  /** Sends what waits in the outbox, one after the other; stops at the first network failure. */
  function flush() {
    if (flushing || !window.fetch) { return; }
    var list = pending();
    if (!list.length) { stopRetry(); return; }
    flushing = true;
    var i = 0;
    (function next() {
      if (i >= list.length) {
        flushing = false;
        if (pending().length) { scheduleRetry(); } else { stopRetry(); queuedNotice(false); }
        return;
      }
      var entry = list[i++];
      post(entry).then(function (response) {
        if (settleShown && settleShown(entry, response)) { return; }
        if (!worthRetrying(response)) { dequeue(entry.key); }
        next();
      }, function () {
        flushing = false;
        scheduleRetry();
      });
    })();
  }

  // ---- the form -----------------------------------------------------------------------------

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

  /** Empties every answer, also the ones the server put back into a re-shown form, and its messages. */
  function clearAnswers(form) {
    var els = form.elements;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!el.name || el.name.indexOf('a.') !== 0) { continue; }
      if (el.type === 'radio' || el.type === 'checkbox') {
        el.checked = false;
        el.defaultChecked = false;
      } else {
        el.value = '';
        el.defaultValue = '';
      }
    }
    var messages = document.querySelectorAll('#error-summary, .item .error, .notice');
    for (var j = 0; j < messages.length; j++) { messages[j].parentNode.removeChild(messages[j]); }
    var marked = form.querySelectorAll('.has-error');
    for (var k = 0; k < marked.length; k++) { marked[k].classList.remove('has-error'); }
  }

  /** A key for a fresh start made on the device, e.g. offline (the server's pattern: 8-128 of [A-Za-z0-9._:-]). */
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
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

  /**
   * Shows each support message while its item's answer (or one of the ticked options) calls for it.
   * The server renders the messages visible for pages without this script; here they wait for the answer.
   */
  function applySupport(form, answers) {
    var boxes = form.querySelectorAll('.support[data-support-any-of]');
    for (var i = 0; i < boxes.length; i++) {
      var item = boxes[i].closest('fieldset[data-item]');
      var given = answers['a.' + item.getAttribute('data-item')] || [];
      var wanted = boxes[i].getAttribute('data-support-any-of').split(' ');
      var show = !item.classList.contains('is-hidden') && given.some(function (v) { return wanted.indexOf(v) >= 0; });
      var message = boxes[i].firstElementChild;
      // the live region itself stays in place, so the message appearing in it is announced
      if (message.hidden === show) { message.hidden = !show; }
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

  function note(id, text, before) {
    var el = document.getElementById(id);
    if (!el) {
      el = document.createElement('p');
      el.id = id;
      el.className = 'notice';
      el.setAttribute('role', 'alert');
      before.parentNode.insertBefore(el, before);
    }
    el.textContent = text;
    return el;
  }

  function queuedNotice(show) {
    var el = document.getElementById('offline-notice');
    if (!show && el && el.getAttribute('data-queued') === 'true') { el.parentNode.removeChild(el); }
  }


  // ---- the steps of a paged form ------------------------------------------------------------

  /**
   * Next and Back switch the sections on the page (without this script they ask the server for the
   * step, carrying every answer); {@code changed} is told of each switch. Null for a one-page form.
   */
  function initSteps(form, changed) {
    var nav = form.querySelector('.steps-nav');
    if (!nav) { return null; }
    var sections = form.querySelectorAll('section[data-step]');
    var next = nav.querySelector('button.next');
    var back = nav.querySelector('button.back');
    var send = nav.querySelector('button.submit');
    var label = document.getElementById('step-progress');
    var count = sections.length;
    var current = 1;
    for (var i = 0; i < count; i++) { if (!sections[i].hidden) { current = i + 1; } }

    function offer(button, on) { button.hidden = !on; button.disabled = !on; }

    function show(step, moved) {
      current = Math.max(1, Math.min(count, step));
      for (var j = 0; j < count; j++) { sections[j].hidden = j + 1 !== current; }
      next.value = String(Math.min(current + 1, count));
      back.value = String(Math.max(current - 1, 1));
      offer(next, current < count);
      offer(back, current > 1);
      offer(send, current === count);
      if (label) { label.textContent = label.getAttribute('data-pattern').replace('{0}', current).replace('{1}', count); }
      if (moved) {
        // the new section's heading takes the focus, so a screen reader starts there, as on a new page
        var heading = sections[current - 1].querySelector('h2');
        window.scrollTo(0, 0);
        if (heading) { heading.focus({ preventScroll: true }); }
      }
      changed();
    }

    return { show: show, current: function () { return current; } };
  }

  // ---- read aloud (the youngest pupils' form) -----------------------------------------------

  /**
   * The "listen" buttons read a question and its answers with the device's own speech synthesis. A
   * button shows only while the device has a voice for the page's language made on the device itself
   * (localService): a voice of an online service would send the question away, so it is not used.
   */
  function initListen(form) {
    var buttons = form.querySelectorAll('button.listen');
    var synth = window.speechSynthesis;
    if (!buttons.length || !synth || !window.SpeechSynthesisUtterance) { return; }
    var lang = (document.documentElement.lang || 'ru').toLowerCase();
    var preferred = lang === 'ru' ? 'ru-ru' : 'en-gb';

    function voice() {
      var voices = (synth.getVoices() || []).filter(function (v) {
        return v.localService !== false && (v.lang || '').toLowerCase().replace('_', '-').split('-')[0] === lang;
      });
      var exact = voices.filter(function (v) { return v.lang.toLowerCase().replace('_', '-') === preferred; });
      return exact[0] || voices[0] || null;
    }

    function update() {
      var on = !!voice();
      for (var i = 0; i < buttons.length; i++) { buttons[i].hidden = !on; }
    }

    function words(item) {
      var parts = [item.querySelector('legend').textContent];
      var labels = item.querySelectorAll('.choice > span');
      for (var i = 0; i < labels.length; i++) { parts.push(labels[i].textContent); }
      return parts.map(function (p) { return p.replace(/\s+/g, ' ').trim(); }).filter(Boolean).join('. ');
    }

    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (ev) {
        var v = voice();
        if (!v) { update(); return; }
        synth.cancel();
        var utterance = new window.SpeechSynthesisUtterance(words(ev.currentTarget.closest('fieldset')));
        utterance.voice = v;
        utterance.lang = v.lang;
        utterance.rate = 0.9;   // a little slower for a child
        synth.speak(utterance);
      });
    }
    update();
    // voices arrive later on many devices
    if (synth.addEventListener) { synth.addEventListener('voiceschanged', update); }
  }

  function initForm(form) {
    var code = form.getAttribute('data-code');
    var draftKey = DRAFT + code;
    var keyField = form.elements.idempotencyKey;
    var kiosk = kioskTab(form.getAttribute('data-kiosk') === 'true');
    if (kiosk && !form.elements.kiosk) {
      var flag = document.createElement('input');
      flag.type = 'hidden';
      flag.name = 'kiosk';
      flag.value = '1';
      form.insertBefore(flag, keyField);
    }
    var saved = kiosk ? null : read(session, draftKey);
    if (kiosk) { remove(session, draftKey); }
    var serverShowedErrors = !!document.getElementById('error-summary');
    var steps = initSteps(form, function () { save(); });
    if (saved && !serverShowedErrors) {
      restore(form, saved.answers || {});
      if (saved.idempotencyKey) { keyField.value = saved.idempotencyKey; }
      if (steps && saved.step) { steps.show(saved.step, false); }
      if (Object.keys(saved.answers || {}).length) {
        var restored = document.createElement('p');
        restored.className = 'notice';
        restored.setAttribute('role', 'status');
        restored.textContent = form.getAttribute('data-saved-note');
        form.parentNode.insertBefore(restored, form);
      }
    }

    function save() {
      var answers = fields(form);
      applyConditions(form, answers);
      applySupport(form, answers);
      progress(form, answers);
      if (!kiosk) {
        write(session, draftKey, { idempotencyKey: keyField.value, answers: answers, step: steps ? steps.current() : 1 });
      }
    }

    var button = form.querySelector('button.submit');

    /** The next respondent starts here, on a clean form with a new key, even offline. */
    function freshStart() {
      clearAnswers(form);
      keyField.value = newKey();
      remove(session, draftKey);
      if (steps) { steps.show(1, false); }
      save();
      var queued = note('offline-notice', form.getAttribute('data-queued-note'), form);
      queued.setAttribute('data-queued', 'true');
      window.scrollTo(0, 0);
    }

    // The outcome of the submission this page still shows: stored, or a page to show (errors).
    settleShown = function (entry, response) {
      if (entry.key !== keyField.value) { return false; }
      dequeue(entry.key);
      if (delivered(response)) {
        window.location.assign(response.url);
      } else {
        form.setAttribute('data-sending', 'native');
        form.submit();
      }
      return true;
    };

    // Sends in the background so a dropped connection loses nothing: the finished answers wait in
    // the outbox and go out, with the same idempotency key, when the connection returns.
    form.addEventListener('submit', function (ev) {
      var by = ev.submitter;
      if (steps && by && by.name === 'step') {   // Next or Back: another section, nothing is sent
        ev.preventDefault();
        steps.show(parseInt(by.value, 10), true);
        return;
      }
      if (!window.fetch || form.getAttribute('data-sending') === 'native') { return; }
      ev.preventDefault();
      var entry = { action: form.action, key: keyField.value, body: new URLSearchParams(new FormData(form)).toString() };
      if (button) { button.disabled = true; }
      post(entry).then(function (response) {
        settleShown(entry, response);
      }, function () {
        if (button) { button.disabled = false; }
        enqueue(entry);
        if (kiosk) {
          freshStart();
        } else {
          // at the top, where the respondent looks first, not under the button
          var offline = note('offline-notice', form.getAttribute('data-offline-note'), form);
          offline.scrollIntoView({ block: 'center' });
          var next = document.createElement('button');
          next.type = 'button';
          next.id = 'next-respondent';
          next.textContent = form.getAttribute('data-next-label');
          next.addEventListener('click', freshStart);
          offline.appendChild(next);
        }
        scheduleRetry();
      });
    });
    form.addEventListener('change', function (ev) { exclusive(form, ev.target); save(); });
    form.addEventListener('input', save);
    initListen(form);
    // a page brought back from the back-forward cache is loaded afresh, so it shows only what this tab keeps
    window.addEventListener('pageshow', function (ev) { if (ev.persisted) { window.location.reload(); } });
    save();
    var summary = document.getElementById('error-summary');
    if (summary) { summary.focus(); }
  }

  function initHome(codeForm) {
    removeByPrefix(session, DRAFT);   // back at the start: whoever enters a code next starts clean
    var box = document.getElementById('kiosk');
    if (!box) { return; }
    if (kioskTab(false)) { box.checked = true; }
    codeForm.addEventListener('submit', function () {
      if (!box.checked) { remove(session, KIOSK); }
    });
  }

  function initDone(done) {
    remove(session, DRAFT + done.getAttribute('data-code'));
    var next = document.getElementById('next-respondent');
    if (next && kioskTab(/[?&]kiosk=1(&|$)/.test(window.location.search))) {
      next.setAttribute('href', withKiosk(next.getAttribute('href')));
    }
  }

  function init() {
    removeByPrefix(local, LEGACY);
    var form = document.getElementById('survey');
    var codeForm = document.querySelector('form.code-form');
    var done = document.getElementById('done');
    if (form) { initForm(form); }
    if (codeForm) { initHome(codeForm); }
    if (done) { initDone(done); }
    flush();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
