/* VM Portal dashboards: refresh on the server's push (a slow poll while the socket is down), and
   drag and drop. The page's p:remoteCommands do the work: refreshVms, startDroppedVm, createDroppedVm. */
var VmPortal = window.VmPortal || {};
(function (ns) {
  var scheduled = false;

  /* f:websocket onmessage: a VM of this page changed. A create or wipe stores a row two or three
     times within milliseconds; one refresh covers the burst. */
  ns.vmsChanged = function () {
    if (scheduled) {
      return;
    }
    scheduled = true;
    setTimeout(function () {
      scheduled = false;
      window.refreshVms();
    }, 50);
  };

  function fallbackPoll() {
    return PrimeFaces.widgets.fallbackPoll;
  }

  ns.pushOpened = function () {
    var poll = fallbackPoll();
    if (poll) {
      poll.stop();
    }
  };

  ns.pushLost = function () {
    var poll = fallbackPoll();
    if (poll) {
      poll.start();
    }
  };

  /* The log dialog follows the log: the poll reads it every two seconds while the dialog is open. */
  ns.openLogs = function () {
    PF('logsDialog').show();
    PF('logsPoll').start();
    ns.scrollLog();
  };

  ns.scrollLog = function () {
    var box = document.getElementById('logs-form:log-text');
    if (box) {
      box.scrollTop = box.scrollHeight;
    }
  };

  /* p:droppable onDrop callbacks: the dragged element carries the id in a data attribute. */
  ns.startDropped = function (event, ui) {
    window.startDroppedVm([{name: 'vmId', value: ui.draggable.attr('data-vm-id')}]);
  };

  ns.createDropped = function (event, ui) {
    window.createDroppedVm([{name: 'imageId', value: ui.draggable.attr('data-image-id')}]);
  };
})(VmPortal);
