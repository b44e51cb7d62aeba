/* VM Portal dashboards: refresh on the server's push (a slow poll while the socket is down), the
   guest cards' buttons, their shared menu (three-dot button or right-click), and drag and drop.
   The page's p:remoteCommands do the work: refreshVms, vmAction, openRename, openSnapshots,
   openLogs, createDroppedVm. The server checks every VM id it gets. */
var VmPortal = window.VmPortal || {};
(function (ns) {
  var scheduled = false;
  var menuVmId = null;

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

  /* Which menu items a card's state offers (the cards' own buttons are rendered by the server). */
  var OFFERED = {
    connect: ['RUNNING'],
    terminal: ['RUNNING'],
    start: ['STOPPED', 'ERROR', 'HIBERNATED'],
    stop: ['RUNNING', 'PAUSED'],
    'force-stop': ['RUNNING', 'PAUSED'],
    pause: ['RUNNING'],
    resume: ['PAUSED'],
    hibernate: ['RUNNING', 'PAUSED']
  };

  /* Runs one action on a card's VM. */
  ns.act = function (card, action) {
    var id = card.getAttribute('data-vm-id');
    var params = [{name: 'vmId', value: id}];
    switch (action) {
      case 'connect':
      case 'terminal':
        var kind = action === 'connect' ? 'desktop' : 'terminal';
        window.open(card.querySelector('a.vm-' + action).href, 'vm-' + id + '-' + kind);
        break;
      case 'wipe':
        document.getElementById('vms-form:wipe-vm-id').value = id;
        document.getElementById('vms-form:wipe-confirmed').click();
        break;
      case 'rename':
        window.openRename(params);
        break;
      case 'snapshots':
        window.openSnapshots(params);
        break;
      case 'logs':
        window.openLogs(params);
        break;
      default:
        params.push({name: 'action', value: action});
        window.vmAction(params);
    }
  };

  /* The shared menu's items call this for the card the menu was opened on. */
  ns.pick = function (action) {
    PF('vmMenu').hide();
    // The cards may have been redrawn since the menu opened: find the VM's card as it is now.
    var card = document.querySelector('.vm-card[data-vm-id="' + menuVmId + '"]');
    if (card) {
      ns.act(card, action);
    }
    return false;
  };

  /* Opens the shared menu for a card, under its three-dot button or at the mouse. */
  function openMenu(card, at) {
    var menu = PF('vmMenu');
    var state = card.getAttribute('data-vm-state');
    menuVmId = card.getAttribute('data-vm-id');
    menu.jq.find('a.ui-menuitem-link').each(function () {
      var action = /menu-([a-z-]+)/.exec(this.className)[1];
      var offered = !OFFERED[action] || OFFERED[action].indexOf(state) >= 0;
      $(this).closest('li').toggle(offered);
    });
    menu.cfg.pos.of = at;
    menu.show();
  }

  $(document).on('click', '.vm-card .vm-more', function (event) {
    event.stopPropagation();
    openMenu(this.closest('.vm-card'), $(this));
  });
  $(document).on('contextmenu', '.vm-card', function (event) {
    event.preventDefault();
    // A keyboard's menu key has no mouse position: open the menu under the card's button.
    openMenu(this, event.pageX ? event : $(this).find('.vm-more'));
  });
  $(document).on('click', '.vm-card [data-action]', function () {
    ns.act(this.closest('.vm-card'), this.getAttribute('data-action'));
  });

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

  /* Cards are plain markup, redrawn on every refresh: make the new ones draggable. */
  function initCards() {
    if ($.fn.draggable) {
      $('.vm-card:not(.ui-draggable)').draggable({
        revert: true, scope: 'start', zIndex: 1000, opacity: 0.8, cancel: 'button,a,input'
      });
    }
  }
  $(initCards);
  $(document).on('pfAjaxComplete', initCards);

  /* p:droppable onDrop callbacks: the dragged element carries the id in a data attribute. */
  ns.startDropped = function (event, ui) {
    window.vmAction([{name: 'vmId', value: ui.draggable.attr('data-vm-id')}, {name: 'action', value: 'start'}]);
  };

  ns.createDropped = function (event, ui) {
    window.createDroppedVm([{name: 'imageId', value: ui.draggable.attr('data-image-id')}]);
  };
})(VmPortal);
