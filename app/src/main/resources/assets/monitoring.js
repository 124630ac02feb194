// Live monitoring of a wave: polls the staff JSON every 10 seconds and redraws the table of
// response counts. Without JavaScript the server-rendered table stays as it is (reload to update).
(function () {
  'use strict';
  var main = document.getElementById('monitoring');
  var table = document.getElementById('monitoring-table');
  if (!main || !table || !window.fetch) {
    return;
  }
  var source = main.getAttribute('data-source');
  var totalLabel = table.getAttribute('data-total-label') || '';
  var live = document.getElementById('live');
  if (live) {
    live.hidden = false;
  }

  function text(value, suffix) {
    return value === null || value === undefined ? '\u2014' : String(value) + (suffix || '');
  }

  function cell(tag, value, className, colspan) {
    var c = document.createElement(tag);
    c.textContent = value;
    if (className) {
      c.className = className;
    }
    if (colspan) {
      c.colSpan = colspan;
    }
    return c;
  }

  function render(data) {
    var body = document.createElement('tbody');
    data.schools.forEach(function (s) {
      s.groups.forEach(function (g) {
        var tr = document.createElement('tr');
        tr.className = 'group-row';
        tr.setAttribute('data-key', s.schoolId + '|' + g.questionnaireVersionId + '|' + g.groupLabel);
        tr.appendChild(cell('td', s.name));
        tr.appendChild(cell('td', g.title));
        tr.appendChild(cell('td', g.groupLabel));
        tr.appendChild(cell('td', String(g.responses), 'responses num'));
        tr.appendChild(cell('td', text(g.expected), 'expected num'));
        tr.appendChild(cell('td', text(g.rate, ' %'), 'rate num'));
        body.appendChild(tr);
      });
      var total = document.createElement('tr');
      total.className = 'school-total';
      total.setAttribute('data-key', s.schoolId + '|total');
      total.appendChild(cell('th', s.name));
      total.appendChild(cell('th', totalLabel, null, 2));
      total.appendChild(cell('th', String(s.responses), 'responses num'));
      total.appendChild(cell('th', text(s.expected), 'expected num'));
      total.appendChild(cell('th', text(s.rate, ' %'), 'rate num'));
      body.appendChild(total);
    });
    table.replaceChild(body, table.tBodies[0]);
    document.getElementById('total').textContent = String(data.responses);
    var none = document.getElementById('no-groups');
    if (none) {
      none.hidden = data.schools.length > 0;
    }
    var updated = document.getElementById('updated');
    if (updated) {
      updated.textContent = new Date(data.generatedAt).toLocaleTimeString(document.documentElement.lang || 'ru');
    }
  }

  function poll() {
    fetch(source, {credentials: 'same-origin', headers: {'Accept': 'application/json'}, cache: 'no-store'})
      .then(function (r) {
        if (!r.ok) {
          throw new Error('HTTP ' + r.status);
        }
        return r.json();
      })
      .then(render)
      .catch(function () { /* keep the last numbers; try again at the next tick */ });
  }

  window.setInterval(poll, 10000);
})();
