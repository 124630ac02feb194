// Paper import. The file form is sent as multipart/form-data; with script it goes by XMLHttpRequest
// so a progress bar shows the upload, then the browser follows to the import's own page (its
// progress and result) or shows the refusal the server answered. The paste form refuses before
// sending a text over the server's limit for ordinary forms (a form with its own file input, as the
// external results page, reads the chosen file into the text first), and shows that the checks are under way.
(function () {
  'use strict';
  var upload = document.getElementById('upload-form');
  if (upload && window.FormData && window.XMLHttpRequest) {
    var status = document.getElementById('upload-status');
    var bar = document.getElementById('upload-progress');
    var send = document.getElementById('upload-submit');
    upload.addEventListener('submit', function (e) {
      e.preventDefault();
      var data = new FormData(upload);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', upload.action);
      xhr.setRequestHeader('Accept', 'text/html');
      xhr.upload.onprogress = function (p) {
        if (p.lengthComputable) {
          bar.value = Math.round(100 * p.loaded / p.total);
        }
      };
      xhr.onload = function () {
        if (xhr.status === 200 && xhr.responseURL && xhr.responseURL !== upload.action) {
          window.location.assign(xhr.responseURL); // the import's page, after the server's redirect
          return;
        }
        // a refusal (422 with the problems, 413, 403): the server's page as it answered
        document.open();
        document.write(xhr.responseText);
        document.close();
      };
      xhr.onerror = function () {
        status.hidden = true;
        send.disabled = false;
      };
      status.hidden = false;
      bar.value = 0;
      send.disabled = true;
      xhr.send(data);
    });
  }

  var form = document.getElementById('import-form');
  if (!form) {
    return;
  }
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

  // a form with its own file input (the external results page) reads the chosen file into its text
  var file = form.querySelector('#csv-file');
  var text = document.getElementById('csv');
  var reading = document.getElementById('read-progress');
  if (file && reading) {
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
  }

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
