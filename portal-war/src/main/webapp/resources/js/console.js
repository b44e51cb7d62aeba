/*
 * The console tab: one VM's desktop (VNC) or serial terminal (telnet) through guacd, drawn by
 * guacamole-common-js. Every connect asks the portal for a fresh single-use ticket; the VM's VNC
 * address and password never reach this page. window.vmConsole exposes the state for tests.
 */
(function () {
  'use strict';

  const root = document.getElementById('console');
  const displayBox = document.getElementById('console-display');
  const overlay = document.getElementById('console-overlay');
  const overlayMessage = document.getElementById('console-message');
  const spinner = document.getElementById('console-spinner');
  const stateText = document.getElementById('console-state');
  const ticketPath = root.dataset.ticketPath;
  const kind = root.dataset.kind;
  // Faces drops an empty data-context (the portal at /), hence the fallback.
  const context = root.dataset.context || '';

  // Keysyms for Ctrl-Alt-Del.
  const CONTROL_L = 0xffe3;
  const ALT_L = 0xffe9;
  const DELETE = 0xffff;
  // Guacamole.Client states.
  const CONNECTED = 3;
  const DISCONNECTED = 5;

  let client = null;
  let fitToWindow = true;
  let clipboardOpen = false;
  let lastError = null;
  let connectedAt = null;

  const api = {
    state: 'idle',
    message: null,
    sizes: [],
    client: () => client,
    connectedAt: () => connectedAt,
    connect: connect,
    ctrlAltDel: ctrlAltDel,
    toggleScale: toggleScale,
    fullScreen: fullScreen,
    openClipboard: () => PF('clipboardDialog').show(),
    clipboardShown: () => { clipboardOpen = true; },
    clipboardHidden: () => { clipboardOpen = false; displayBox.focus(); },
    sendClipboard: sendClipboard
  };
  window.vmConsole = api;

  function show(message, problem) {
    api.message = message;
    overlayMessage.textContent = message;
    spinner.style.display = problem ? 'none' : '';
    overlay.classList.toggle('console-problem', Boolean(problem));
    overlay.style.display = 'flex';
    stateText.textContent = problem ? 'Disconnected' : message;
  }

  function hide() {
    overlay.style.display = 'none';
    stateText.textContent = 'Connected';
  }

  async function ticket() {
    const response = await fetch(context + '/api/' + ticketPath, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Requested-By': 'vm-portal-console' },
      body: JSON.stringify({ kind: kind })
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.error || 'The console could not be opened (HTTP ' + response.status + ').');
    }
    return body.ticket;
  }

  /**
   * The portal's own refusals (CLIENT_FORBIDDEN) are worded for people; guacd's upstream errors
   * ("Aborted. See logs.") are not, so they get a sentence of ours.
   */
  function describe(status) {
    if (Number.isNaN(status.code) || (status.code === Guacamole.Status.Code.CLIENT_FORBIDDEN && !status.message)) {
      // The container closing the socket (1008, its own reason text): the portal session ended.
      return 'Your portal session ended: sign in again to reconnect.';
    }
    if (status.code === Guacamole.Status.Code.CLIENT_FORBIDDEN) {
      return status.message;
    }
    if (status.code >= 0x0200 && status.code < 0x0300) {
      return 'The connection to the VM\'s screen ended. The VM may have stopped or restarted.';
    }
    return 'The console closed unexpectedly. Try Reconnect.';
  }

  function disconnect() {
    if (client) {
      const old = client;
      client = null;
      old.onstatechange = null;
      old.onerror = null;
      old.disconnect();
    }
  }

  async function connect() {
    disconnect();
    lastError = null;
    connectedAt = null;
    api.sizes = [];
    api.state = 'connecting';
    show('Connecting…', false);
    let token;
    try {
      token = await ticket();
    } catch (e) {
      api.state = 'refused';
      show(e.message, true);
      return;
    }
    const scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    const tunnel = new Guacamole.WebSocketTunnel(scheme + window.location.host + context + '/console/tunnel');
    const current = new Guacamole.Client(tunnel);
    client = current;
    const display = current.getDisplay();
    displayBox.replaceChildren(display.getElement());

    current.onstatechange = (state) => {
      if (client !== current) {
        return;
      }
      if (state === CONNECTED) {
        api.state = 'connected';
        connectedAt = Date.now();
        hide();
      } else if (state === DISCONNECTED) {
        api.state = 'closed';
        show(lastError || 'The console closed.', true);
      }
    };
    current.onerror = (status) => {
      lastError = describe(status);
      api.state = 'closed';
      show(lastError, true);
    };
    current.onclipboard = receiveClipboard;
    display.onresize = (width, height) => {
      api.sizes.push(width + 'x' + height);
      fit();
    };

    const mouse = new Guacamole.Mouse(display.getElement());
    mouse.onEach(['mousedown', 'mouseup', 'mousemove'], (event) => current.sendMouseState(event.state, true));

    const width = Math.max(640, Math.floor(window.innerWidth));
    const height = Math.max(480, Math.floor(window.innerHeight - 48));
    current.connect('ticket=' + encodeURIComponent(token) + '&width=' + width + '&height=' + height);
  }

  // One keyboard for the tab; keys go to the VM unless the clipboard dialog has them.
  const keyboard = new Guacamole.Keyboard(document);
  keyboard.onkeydown = (keysym) => {
    if (clipboardOpen || !client) {
      return true;
    }
    client.sendKeyEvent(1, keysym);
    return false;
  };
  keyboard.onkeyup = (keysym) => {
    if (!clipboardOpen && client) {
      client.sendKeyEvent(0, keysym);
    }
  };

  function ctrlAltDel() {
    if (!client) {
      return;
    }
    [CONTROL_L, ALT_L, DELETE].forEach((key) => client.sendKeyEvent(1, key));
    [DELETE, ALT_L, CONTROL_L].forEach((key) => client.sendKeyEvent(0, key));
  }

  function fit() {
    if (!client) {
      return;
    }
    const display = client.getDisplay();
    if (!display.getWidth() || !display.getHeight()) {
      return;
    }
    const scale = fitToWindow
      ? Math.min(displayBox.clientWidth / display.getWidth(), displayBox.clientHeight / display.getHeight())
      : 1;
    display.scale(scale > 0 ? scale : 1);
  }

  function toggleScale() {
    fitToWindow = !fitToWindow;
    fit();
  }

  function fullScreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else {
      document.documentElement.requestFullscreen().catch(() => {});
    }
  }

  function clipboardField() {
    return document.getElementById('clipboard-text');
  }

  function receiveClipboard(stream, mimetype) {
    if (!/^text\//.test(mimetype)) {
      stream.sendAck('Only text is copied', Guacamole.Status.Code.UNSUPPORTED);
      return;
    }
    const reader = new Guacamole.StringReader(stream);
    let text = '';
    reader.ontext = (chunk) => { text += chunk; };
    reader.onend = () => {
      clipboardField().value = text;
      api.remoteClipboard = text;
      if (navigator.clipboard && document.hasFocus()) {
        navigator.clipboard.writeText(text).catch(() => {});
      }
    };
  }

  function sendClipboard() {
    if (!client) {
      return;
    }
    const stream = client.createClipboardStream('text/plain');
    const writer = new Guacamole.StringWriter(stream);
    writer.sendText(clipboardField().value);
    writer.sendEnd();
    PF('clipboardDialog').hide();
  }

  window.addEventListener('resize', fit);
  document.addEventListener('fullscreenchange', fit);
  window.addEventListener('beforeunload', disconnect);
  connect();
})();
