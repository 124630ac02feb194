// Paper import: reads a chosen CSV file into the form's text field (with a progress bar for large
// files), refuses before sending a body over the server's limit, and shows that the upload and the
// checks are under way once the form is sent.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  if (!form) {
    return;
  }
  var file = document.getElementById('csv-file');
  var text = document.getElementById('csv');
  var reading = document.getElementById('read-progress');
  var tooLarge = document.getElementById('too-large');
  var working = document.getElementById('import-progress');
  var button = document.getElementById('import-submit');
  var maxBytes = parseInt(form.getAttribute('data-max-bytes'), 10);

  // the size of the body the browser will send (application/x-www-form-urlencoded): a form sends
  // a textarea's line breaks as CRLF, and escapes !'()~ that encodeURIComponent leaves as they are
  function encoded(text) {
    var plain = encodeURIComponent(text.replace(/\r?\n/g, '\r\n')).replace(/%20/g, '+');
    return plain.length + 2 * (plain.match(/[!'()~]/g) || []).length;
  }
  function encodedSize() {
    var size = 0;
    var fields = form.querySelectorAll('input[name], select[name], textarea[name]');
    for (var i = 0; i < fields.length; i++) {
      size += encoded(fields[i].name) + 2 + encoded(fields[i].value);
    }
    return size;
  }

  file.addEventListener('change', function () {
    var chosen = file.files && file.files[0];
    if (!chosen) {
      return;
    }
    var reader = new FileReader();
    reading.hidden = false;
    reading.value = 0;
    reader.onprogress = function (e) {
      if (e.lengthComputable) {
        reading.value = Math.round(100 * e.loaded / e.total);
      }
    };
    reader.onload = function () {
      // not UTF-8 (replacement characters): what Excel in a Russian Windows saves, Windows-1251
      if (reader.result.indexOf('\uFFFD') >= 0 && !reader.retried) {
        reader.retried = true;
        reader.readAsText(chosen, 'windows-1251');
        return;
      }
      text.value = reader.result;
      reading.value = 100;
      tooLarge.hidden = encodedSize() <= maxBytes;
    };
    reader.readAsText(chosen, 'UTF-8');
  });

  form.addEventListener('submit', function (e) {
    if (encodedSize() > maxBytes) {
      e.preventDefault();
      tooLarge.hidden = false;
      return;
    }
    tooLarge.hidden = true;
    working.hidden = false;
    button.disabled = true;
  });
}());
