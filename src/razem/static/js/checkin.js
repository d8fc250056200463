// Check-in at the door: progressive enhancement only; the page works with the keyboard or a scanner without it.
// Where the browser can read QR codes (BarcodeDetector) and a camera exists, a "Scan with camera" button appears:
// it opens the camera, and the first QR code read fills the code field and sends the form.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var input = form.querySelector("input[name=code]");
  var button = document.getElementById("camera-scan");
  var video = document.getElementById("camera-video");
  var status = document.getElementById("camera-status");

  // After a refused code, the next scan replaces the text instead of being appended to it.
  if (input && input.value) { input.select(); }

  if (!button || !video || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia || !navigator.mediaDevices.enumerateDevices) {
    return;
  }
  var startLabel = button.textContent;
  var stream = null;
  var timer = null;
  var detector = null;

  function stop() {
    if (timer) { window.clearTimeout(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); stream = null; }
    video.hidden = true;
    button.textContent = startLabel;
    button.setAttribute("aria-pressed", "false");
  }

  function scan() {
    if (!stream) { return; }
    detector.detect(video).then(function (codes) {
      var found = codes.find(function (c) { return c.rawValue; });
      if (found) {
        input.value = found.rawValue.trim();
        stop();
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        return;
      }
      timer = window.setTimeout(scan, 250);
    }).catch(function () { timer = window.setTimeout(scan, 500); });
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      button.textContent = button.dataset.labelStop;
      button.setAttribute("aria-pressed", "true");
      status.textContent = "";
      return video.play();
    }).then(scan).catch(function () {
      stop();
      status.textContent = button.dataset.error;
      input.focus();
    });
  }

  Promise.all([
    window.BarcodeDetector.getSupportedFormats ? window.BarcodeDetector.getSupportedFormats() : Promise.resolve(["qr_code"]),
    navigator.mediaDevices.enumerateDevices(),
  ]).then(function (results) {
    var formats = results[0];
    var cameras = results[1].filter(function (d) { return d.kind === "videoinput"; });
    if (formats.indexOf("qr_code") === -1 || cameras.length === 0) { return; }
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    button.hidden = false;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () { if (stream) { stop(); } else { start(); } });
  }).catch(function () { /* no camera support: the button stays hidden */ });
});
