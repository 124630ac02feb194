// Progress of a streamed import: polls the job's status JSON every second and moves the progress
// bar; when the import is finished the page is reloaded once, so the server renders the result or
// the problems. Without JavaScript the page refreshes itself (and has a "Refresh" link).
(function () {
  'use strict';
  var main = document.getElementById('import-job');
  var bar = document.getElementById('import-job-progress');
  if (!main || !bar || !window.fetch) {
    return;
  }
  var source = main.getAttribute('data-source');
  var initial = main.getAttribute('data-state');
  if (initial === 'DONE' || initial === 'REFUSED' || initial === 'FAILED') {
    return;
  }
  var state = document.getElementById('import-state');
  var text = document.getElementById('import-progress-text');

  function render(data) {
    bar.value = data.percent;
    bar.textContent = data.percent + '%';
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
