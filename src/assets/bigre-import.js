// bigre-import.js — enhances the import page: a file chosen with the file
// field is read in the browser (UTF-8, else Windows-1252) and put into the
// CSV text area, which is what the form sends.  Without JavaScript the file
// field stays hidden and the text area works alone.
(function () {
  'use strict';
  var field = document.getElementById('import-file');
  var area = document.getElementById('f-csv');
  if (!field || !area || !window.FileReader || !window.TextDecoder) return;
  field.hidden = false;
  field.querySelector('input').addEventListener('change', function (ev) {
    var file = ev.target.files && ev.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var bytes = new Uint8Array(reader.result);
      var text;
      try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); }
      catch (e) { text = new TextDecoder('windows-1252').decode(bytes); }
      area.value = text.replace(/^\uFEFF/, '');
      area.focus();
    };
    reader.readAsArrayBuffer(file);
  });
})();
