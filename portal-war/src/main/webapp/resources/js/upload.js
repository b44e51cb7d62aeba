/*
 * VM Portal's resumable uploader: sends a file to /api/uploads in chunks (Content-Range), resumes
 * after a dropped connection, and reports progress. The server checks everything; this script only
 * moves bytes and shows what the server said (as text, never as HTML).
 */
(function () {
  "use strict";
  var CHUNK_BYTES = 8 * 1024 * 1024;
  var RETRIES = 3;
  var HEADERS = { "X-Requested-By": "vmportal" };

  function api(path) {
    var settings = window.PrimeFaces && PrimeFaces.settings;
    return (settings && settings.contextPath ? settings.contextPath : "") + "/api/" + path;
  }

  function errorOf(response) {
    return response.json().then(
      function (body) { return body && body.error ? body.error : "Upload failed (" + response.status + ")."; },
      function () { return "Upload failed (" + response.status + ")."; });
  }

  /**
   * Uploads one file. handlers: onProgress(received, total), onDone(status), onError(message).
   * Returns { cancel() }.
   */
  function upload(file, request, handlers) {
    var cancelled = false;
    var uploadId = null;

    function fail(message) {
      if (!cancelled) { handlers.onError(message); }
    }

    function send(offset, retriesLeft) {
      if (cancelled) { return; }
      var end = Math.min(offset + CHUNK_BYTES, file.size);
      var headers = Object.assign({
        "Content-Type": "application/octet-stream",
        "Content-Range": "bytes " + offset + "-" + (end - 1) + "/" + file.size
      }, HEADERS);
      fetch(api("uploads/" + uploadId), { method: "PUT", headers: headers, body: file.slice(offset, end) })
        .then(function (response) {
          if (response.ok) {
            return response.json().then(function (status) {
              handlers.onProgress(status.receivedBytes, file.size);
              if (status.resultId !== null && status.resultId !== undefined) {
                handlers.onDone(status);
              } else {
                send(status.receivedBytes, RETRIES);
              }
            });
          }
          if (response.status === 409 && retriesLeft > 0) {
            return resume(retriesLeft - 1);
          }
          return errorOf(response).then(fail);
        }, function () {
          if (retriesLeft > 0) {
            setTimeout(function () { resume(retriesLeft - 1); }, 1000);
          } else {
            fail("The connection to the portal was lost; the upload stopped.");
          }
        });
    }

    function resume(retriesLeft) {
      fetch(api("uploads/" + uploadId), { headers: HEADERS })
        .then(function (response) {
          if (!response.ok) { return errorOf(response).then(fail); }
          return response.json().then(function (status) { send(status.receivedBytes, retriesLeft); });
        }, function () { fail("The connection to the portal was lost; the upload stopped."); });
    }

    var body = Object.assign({ fileName: file.name, sizeBytes: file.size }, request);
    fetch(api("uploads"), {
      method: "POST",
      headers: Object.assign({ "Content-Type": "application/json" }, HEADERS),
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { return errorOf(response).then(fail); }
      return response.json().then(function (status) {
        uploadId = status.uploadId;
        handlers.onProgress(0, file.size);
        send(0, RETRIES);
      });
    }, function () { fail("The portal could not be reached."); });

    return {
      cancel: function () {
        cancelled = true;
        if (uploadId) {
          fetch(api("uploads/" + uploadId), { method: "DELETE", headers: HEADERS });
        }
      }
    };
  }

  /**
   * Wires a drop zone, a file input, a PrimeFaces progress bar and a status line to the uploader.
   * options: zone, input, cancel, status (element ids), progress (widget var), request (extra fields,
   * or a function returning them), done (function called with the final status).
   */
  function attach(options) {
    var zone = document.getElementById(options.zone);
    var input = document.getElementById(options.input);
    var cancelButton = document.getElementById(options.cancel);
    var status = document.getElementById(options.status);
    var current = null;

    function say(text, isError) {
      status.textContent = text;
      status.classList.toggle("upload-error", !!isError);
    }

    function start(file) {
      if (current) { say("Wait for the current upload to finish, or cancel it.", true); return; }
      var request = typeof options.request === "function" ? options.request() : options.request;
      if (!request) { return; }
      PF(options.progress).setValue(0);
      cancelButton.disabled = false;
      say("Uploading " + file.name + " …");
      current = upload(file, request, {
        onProgress: function (received, total) {
          PF(options.progress).setValue(Math.floor(received * 100 / total));
        },
        onDone: function (result) {
          current = null;
          cancelButton.disabled = true;
          say("Stored " + result.name + ".");
          options.done(result);
        },
        onError: function (message) {
          current = null;
          cancelButton.disabled = true;
          PF(options.progress).setValue(0);
          say(message, true);
        }
      });
    }

    input.addEventListener("change", function () {
      var file = input.files.length > 0 ? input.files[0] : null;
      input.value = "";
      if (file) { start(file); }
    });
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("drag-over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("drag-over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("drag-over");
      if (e.dataTransfer.files.length > 0) { start(e.dataTransfer.files[0]); }
    });
    cancelButton.addEventListener("click", function () {
      if (current) {
        current.cancel();
        current = null;
        cancelButton.disabled = true;
        PF(options.progress).setValue(0);
        say("Upload cancelled; nothing was kept.");
      }
    });
  }

  window.VmPortalUpload = { upload: upload, attach: attach };
})();
