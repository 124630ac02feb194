// Progress of a batch of school summaries: polls the status JSON every second and moves the
// progress bar; when the batch is finished the page is reloaded once, so the server renders the
// download link or the failures. Without JavaScript the page's "Refresh" link does the same.
(function () {
  'use strict';
  var main = document.getElementById('summary-batch');
  var bar = document.getElementById('batch-progress');
  if (!main || !bar || !window.fetch) {
    return;
  }
  var source = main.getAttribute('data-source');
  var initial = main.getAttribute('data-state');
  if (initial !== 'QUEUED' && initial !== 'RUNNING') {
    return;
  }
  var state = document.getElementById('batch-state');
  var text = document.getElementById('batch-progress-text');

  function render(data) {
    bar.max = Math.max(1, data.total);
    bar.value = data.done;
    bar.textContent = data.progressText;
    text.textContent = data.progressText;
    state.textContent = data.stateText;
    main.setAttribute('data-state', data.state);
    if (data.finished) {
      window.location.reload();
      return true;
    }
    return false;
  }

  function poll() {
    fetch(source, {credentials: 'same-origin', headers: {'Accept': 'application/json'}, cache: 'no-store'})
      .then(function (r) {
        if (!r.ok) {
          throw new Error('HTTP ' + r.status);
        }
        return r.json();
      })
      .then(function (data) {
        if (!render(data)) {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 500);
}());
