// The board page (/board): a scoreboard that pairs itself with the device flow (RFC 8628), then shows the
// section's scores from the Server-Sent Events stream, falling back to polling. Same origin only; no inline code.
// localStorage key "patrolscores.board" holds {"token": "<device token>", "pairedAt": "<ISO time>"}; nothing else.
'use strict';

(() => {
  const STORAGE_KEY = 'patrolscores.board';
  const CLIENT_ID = 'patrolscores-scoreboard';
  const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
  const STREAM_URL = '/api/v1/patrols/stream';
  const POLL_URL = '/api/v1/patrols';
  const COLOURS = ['red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange', 'white'];
  const BACKOFF_FIRST_MS = 1000;
  const BACKOFF_MAX_MS = 30000;
  const SILENCE_MS = 45000; // the stream sends a heartbeat every 20 s: this long without a byte means it is dead
  const LIVE_OFF_RETRY_MS = 5 * 60 * 1000;

  const $ = (id) => document.getElementById(id);

  // ---- storage -------------------------------------------------------------------------------------------
  function loadToken() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
      return saved && typeof saved.token === 'string' && saved.token ? saved.token : null;
    } catch {
      return null;
    }
  }

  function saveToken(token) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ token, pairedAt: new Date().toISOString() }));
  }

  function forgetToken() {
    localStorage.removeItem(STORAGE_KEY);
  }

  // ---- small helpers ---------------------------------------------------------------------------------------
  let generation = 0; // every start (pairing or scores) takes a new generation; older timers and fetches give up
  const timers = new Set();
  let inflight = null;

  function later(ms, fn) {
    const id = setTimeout(() => { timers.delete(id); fn(); }, Math.max(0, ms));
    timers.add(id);
    return id;
  }

  function stopEverything() {
    generation++;
    for (const id of timers) clearTimeout(id);
    timers.clear();
    if (inflight) inflight.abort();
    inflight = null;
    if (live.streamAbort) live.streamAbort.abort();
    live.streamAbort = null;
    live.streamOpen = false;
    live.polling = false;
  }

  function jitter(ms) {
    return Math.round(ms * (0.75 + Math.random() * 0.5));
  }

  function retryAfterMs(response, fallbackMs) {
    const value = response.headers.get('Retry-After');
    const seconds = value === null ? NaN : Number(value);
    return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : fallbackMs;
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }

  function clock(iso) {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function show(view) {
    $('pairing').hidden = view !== 'pairing';
    $('board').hidden = view !== 'board';
  }

  // ---- pairing (RFC 8628) -------------------------------------------------------------------------------------
  async function startPairing() {
    stopEverything();
    const gen = generation;
    show('pairing');
    $('user-code').textContent = '····-····';
    $('pairing-uri').textContent = '';
    $('pairing-note').textContent = '';
    $('qr').removeAttribute('src');
    await authorize(gen, BACKOFF_FIRST_MS);
  }

  async function authorize(gen, backoff) {
    let response;
    try {
      response = await fetch('/device/authorize', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_id: CLIENT_ID }),
        cache: 'no-store',
      });
    } catch {
      if (gen !== generation) return;
      pairingProblem('Cannot reach the scoreboard server; trying again…');
      later(jitter(backoff), () => authorize(gen, Math.min(backoff * 2, BACKOFF_MAX_MS)));
      return;
    }

    if (gen !== generation) return;
    const body = await readJson(response);
    if (!response.ok || !body || typeof body.device_code !== 'string') {
      pairingProblem(response.status === 429 ? 'Too many pairing attempts from here; waiting a moment…' : 'Pairing is not available right now; trying again…');
      const wait = retryAfterMs(response, backoff);
      later(jitter(wait), () => authorize(gen, Math.min(backoff * 2, BACKOFF_MAX_MS)));
      return;
    }

    pairingProblem('');
    $('user-code').textContent = body.user_code;
    $('pairing-uri').textContent = body.verification_uri;
    $('qr').src = '/board/qr.svg?code=' + encodeURIComponent(body.user_code);
    const expiresAt = Date.now() + body.expires_in * 1000;
    $('pairing-note').textContent = 'This code works until ' + clock(new Date(expiresAt).toISOString()) + '.';
    const interval = Math.max(1, Number(body.interval) || 5) * 1000;
    later(interval, () => pollToken(gen, body.device_code, interval, expiresAt));
  }

  async function pollToken(gen, deviceCode, interval, expiresAt) {
    if (Date.now() >= expiresAt) {
      startPairing();
      return;
    }

    let response;
    try {
      response = await fetch('/device/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: DEVICE_CODE_GRANT, device_code: deviceCode, client_id: CLIENT_ID }),
        cache: 'no-store',
      });
    } catch {
      if (gen !== generation) return;
      pairingProblem('Cannot reach the scoreboard server; still waiting…');
      later(interval, () => pollToken(gen, deviceCode, interval, expiresAt));
      return;
    }

    if (gen !== generation) return;
    const body = await readJson(response);
    if (response.ok && body && typeof body.access_token === 'string') {
      saveToken(body.access_token);
      startScores();
      return;
    }

    const error = body && body.error;
    if (error === 'authorization_pending') {
      pairingProblem('');
      later(interval, () => pollToken(gen, deviceCode, interval, expiresAt));
    } else if (error === 'slow_down') {
      // RFC 8628 §3.5: every later poll waits 5 s longer (a 429 says how long itself).
      const next = response.status === 429 ? interval : interval + 5000;
      later(retryAfterMs(response, next), () => pollToken(gen, deviceCode, next, expiresAt));
    } else if (error === 'access_denied') {
      pairingProblem('The leader refused this pairing. A new code follows in a moment.');
      later(10000, () => { if (gen === generation) startPairing(); });
    } else if (error === 'expired_token' || error === 'invalid_grant') {
      startPairing();
    } else {
      pairingProblem('The scoreboard server is busy; still waiting…');
      later(retryAfterMs(response, interval), () => pollToken(gen, deviceCode, interval, expiresAt));
    }
  }

  function pairingProblem(text) {
    $('pairing-problem').textContent = text;
  }

  // ---- scores: the stream, with polling while it is unavailable ------------------------------------------------------
  const live = {
    token: null,
    streamOpen: false,
    lastEventId: null,
    lastContact: 0, // browser time of the last byte from the gateway
    backoff: BACKOFF_FIRST_MS,
    retryTimer: null,
    pollTimer: null,
    streamAbort: null,
    polling: false,
    lastBody: null,
  };

  function startScores() {
    stopEverything();
    live.token = loadToken();
    if (!live.token) {
      startPairing();
      return;
    }

    show('board');
    live.backoff = BACKOFF_FIRST_MS;
    live.lastEventId = null;
    if (!live.lastBody) {
      renderEmpty('Waiting for the scores…');
    }
    setConnection('down', 'Connecting…');
    // The stream brings each change at once; polls at the copy's expiry (as the boards in the field poll) bring
    // what the stream does not send: a block or a limit that leaves the scores unchanged.
    schedulePoll(generation, 0);
    connectStream(generation);
  }

  function authHeaders(extra) {
    return Object.assign({ Authorization: 'Bearer ' + live.token }, extra || {});
  }

  async function connectStream(gen) {
    if (gen !== generation) return;
    clearTimeout(live.retryTimer);
    const controller = new AbortController();
    live.streamAbort = controller;
    let outcome = { retryMs: null };
    try {
      const headers = authHeaders({ Accept: 'text/event-stream' });
      if (live.lastEventId) headers['Last-Event-ID'] = live.lastEventId;
      const response = await fetch(STREAM_URL, { headers, cache: 'no-store', signal: controller.signal });
      if (gen !== generation) return;
      const type = response.headers.get('Content-Type') || '';
      if (response.status === 200 && type.startsWith('text/event-stream')) {
        live.streamOpen = true;
        touch();
        setConnection('live', 'Live');
        await readStream(response.body, gen, controller);
      } else if (response.status === 404) {
        outcome = { retryMs: LIVE_OFF_RETRY_MS, polling: true }; // Live is off here: poll, and look again later
      } else if (response.status === 429 && !(await isScoreError(response.clone()))) {
        outcome = { retryMs: retryAfterMs(response, 30000) }; // too_many_streams
      } else {
        const handled = await handleError(response, gen);
        if (handled.stop) return;
        outcome = { retryMs: handled.retryMs };
      }
    } catch {
      // Network lost, gateway gone, the stream fell silent (aborted below) or the page is going away.
    }

    if (gen !== generation) return;
    live.streamOpen = false;
    live.streamAbort = null;
    const wait = outcome.retryMs ?? jitter(live.backoff);
    live.backoff = Math.min(live.backoff * 2, BACKOFF_MAX_MS);
    if (!outcome.polling) setConnection('down', disconnectedText());
    else setConnection('down', 'Updating when the scores expire');
    schedulePoll(gen, 0); // at once: a 401 or a block is seen without waiting for the stream
    live.retryTimer = later(wait, () => connectStream(gen));
  }

  async function isScoreError(response) {
    const body = await readJson(response);
    return !!body && body.error === 'rate_limited';
  }

  // Server-Sent Events read from fetch() (EventSource cannot send Authorization): lines, fields, dispatch on a blank line.
  async function readStream(body, gen, controller) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let data = [];
    let id = null;
    let event = '';
    let watchdog = later(SILENCE_MS, () => controller.abort());
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || gen !== generation) return;
        touch();
        clearTimeout(watchdog);
        timers.delete(watchdog);
        watchdog = later(SILENCE_MS, () => controller.abort());
        buffer += decoder.decode(value, { stream: true });
        let newline;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (data.length > 0) {
              if (event === 'timer') {
                onTimer(data.join('\n'), gen);
              } else if (event === 'reconnect') {
                // The leader pointed this board elsewhere: the next stream starts afresh (the ids were the old scores').
                live.lastEventId = null;
                live.backoff = BACKOFF_FIRST_MS;
              } else {
                if (id !== null) live.lastEventId = id;
                onScores(data.join('\n'));
              }
            }
            data = [];
            id = null;
            event = '';
            continue;
          }

          if (line.startsWith(':')) continue; // a comment: the heartbeat
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? '' : line.slice(colon + 1);
          if (value.startsWith(' ')) value = value.slice(1);
          if (field === 'data') data.push(value);
          else if (field === 'id' && !value.includes('\0')) id = value;
          else if (field === 'event') event = value;
          // `retry` is the server's advice for EventSource; the back-off here has its own bounds.
        }
      }
    } finally {
      clearTimeout(watchdog);
      timers.delete(watchdog);
    }
  }

  function onScores(text) {
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }

    live.backoff = BACKOFF_FIRST_MS; // a stream that delivers is a good connection
    render(body);
  }

  function schedulePoll(gen, ms, backoff) {
    if (live.polling) return; // the poll in flight schedules the next one
    clearTimeout(live.pollTimer);
    live.pollTimer = later(ms, () => poll(gen, backoff || BACKOFF_FIRST_MS));
  }

  async function poll(gen, backoff) {
    if (gen !== generation || live.polling) return;
    live.polling = true;
    try {
      await pollOnce(gen, backoff);
    } finally {
      if (gen === generation) live.polling = false;
    }
  }

  async function pollOnce(gen, backoff) {
    const controller = new AbortController();
    inflight = controller;
    let response;
    try {
      response = await fetch(POLL_URL, { headers: authHeaders(), cache: 'no-store', signal: controller.signal });
    } catch {
      if (gen !== generation) return;
      if (!live.streamOpen) setConnection('down', disconnectedText());
      later(0, () => schedulePoll(gen, jitter(backoff), Math.min(backoff * 2, BACKOFF_MAX_MS)));
      return;
    } finally {
      if (inflight === controller) inflight = null;
    }

    if (gen !== generation) return;
    touch();
    if (response.status === 200) {
      const body = await readJson(response);
      if (body) render(body);
      // Next poll when the copy expires (Cache-Control max-age, the gateway's own clock), as the boards in the field do.
      const maxAge = /max-age=(\d+)/.exec(response.headers.get('Cache-Control') || '');
      if (!live.streamOpen) setConnection('down', 'Updating when the scores expire');
      later(0, () => schedulePoll(gen, Math.max(5000, (maxAge ? Number(maxAge[1]) : 60) * 1000 + 2000)));
      return;
    }

    const handled = await handleError(response, gen);
    if (handled.stop) return;
    later(0, () => schedulePoll(gen, handled.retryMs ?? jitter(backoff), Math.min(backoff * 2, BACKOFF_MAX_MS)));
  }

  // The JSON errors of the poll and the stream (docs/device-api.md). Returns {stop} or {retryMs}.
  async function handleError(response, gen) {
    const body = await readJson(response);
    const error = body && body.error;
    if (gen !== generation) return { stop: true };
    if (response.status === 401 || error === 'section_not_found' || error === 'section_not_configured') {
      forgetToken();
      live.lastBody = null;
      startPairing();
      return { stop: true };
    }

    if (error === 'rate_limited' && body.blocked_until) {
      banner('blocked', 'The OSM hourly limit is used up: scores return at ' + clock(body.blocked_until) + '.');
      return { retryMs: retryAfterMs(response, 60000) };
    }

    if (error === 'service_blocked') {
      banner('blocked', 'Service blocked by Online Scout Manager: contact your admin. Scores cannot be fetched until the block is lifted.');
      return { retryMs: retryAfterMs(response, 60000) };
    }

    if (error === 'not_in_term') {
      banner('note', 'Between terms: scores return when the next term starts in Online Scout Manager.');
      return { retryMs: 60 * 60 * 1000 };
    }

    if (error === 'reauthorization_required') {
      banner('blocked', 'The leader who paired this board must sign in to Online Scout Manager again.');
      return { retryMs: retryAfterMs(response, 5 * 60 * 1000) };
    }

    if (response.status >= 500 || error) {
      banner('note', 'Scores cannot be fetched right now; trying again.');
    }

    return { retryMs: response.headers.has('Retry-After') ? retryAfterMs(response, 30000) : null };
  }

  function touch() {
    live.lastContact = Date.now();
  }

  function disconnectedText() {
    const state = navigator.onLine === false ? 'Offline: reconnecting when the network is back' : 'Reconnecting…';
    return live.lastBody ? state + ' Showing the scores from ' + clock(live.lastBody.cached_at) + '.' : state;
  }

  function setConnection(kind, text) {
    const element = $('connection');
    element.className = 'connection ' + kind;
    element.textContent = text;
  }

  // ---- rendering ---------------------------------------------------------------------------------------------------
  function banner(kind, text) {
    const element = $('banner');
    if (!text) {
      element.hidden = true;
      element.textContent = '';
      $('board').classList.remove('stale');
      return;
    }

    element.className = 'banner ' + kind;
    element.textContent = text;
    element.hidden = false;
    $('board').classList.toggle('stale', kind === 'blocked');
  }

  function renderEmpty(text) {
    const list = $('patrols');
    list.replaceChildren();
    const item = document.createElement('li');
    item.className = 'patrols-empty';
    item.textContent = text;
    list.append(item);
    list.style.setProperty('--rows', '1');
  }

  function render(body) {
    if (!body || !Array.isArray(body.patrols)) return;
    live.lastBody = body;
    switch (body.rate_limit_state) {
      case 'SERVICE_BLOCKED':
        banner('blocked', 'Service blocked by Online Scout Manager: contact your admin. Scores from ' + clock(body.cached_at) + '; next check at ' + clock(body.cache_expires_at) + '.');
        break;
      case 'USER_TEMPORARY_BLOCK':
        banner('blocked', 'The OSM hourly limit is used up: showing the scores from ' + clock(body.cached_at) + '; updates return at ' + clock(body.cache_expires_at) + '.');
        break;
      case 'DEGRADED':
        banner('note', 'OSM requests are running low: scores update less often.');
        break;
      default:
        banner(null, '');
    }

    const patrols = body.patrols;
    const list = $('patrols');
    if (patrols.length === 0) {
      renderEmpty('No patrols in this section yet.');
      return;
    }

    const colours = body.settings && body.settings.patrolColors && typeof body.settings.patrolColors === 'object' ? body.settings.patrolColors : {};
    const scores = patrols.map((p) => (typeof p.score === 'number' && Number.isFinite(p.score) ? p.score : 0));
    const low = Math.min(0, ...scores);
    const high = Math.max(0, ...scores);
    const range = high - low || 1;
    const zero = ((0 - low) / range) * 100;

    const items = patrols.map((patrol, index) => {
      const score = scores[index];
      const item = document.createElement('li');
      item.className = 'patrol';
      item.dataset.patrolId = String(patrol.id);

      const name = document.createElement('span');
      name.className = 'patrol-name';
      name.textContent = String(patrol.name ?? '');

      const track = document.createElement('span');
      track.className = 'patrol-track';
      track.setAttribute('aria-hidden', 'true');
      const bar = document.createElement('span');
      bar.className = 'patrol-bar' + (score < 0 ? ' negative' : '');
      const colour = colours[patrol.id];
      if (typeof colour === 'string' && colour !== '') {
        bar.classList.add('c-' + (COLOURS.includes(colour) ? colour : 'green')); // unknown names show green, as on the field's boards
      }

      // Bars from the zero line: right for points, left for negative scores (CSSOM, allowed by the policy).
      const start = score < 0 ? ((score - low) / range) * 100 : zero;
      bar.style.left = start + '%';
      bar.style.width = (Math.abs(score) / range) * 100 + '%';
      track.append(bar);
      if (low < 0) {
        const axis = document.createElement('span');
        axis.className = 'patrol-zero';
        axis.style.left = zero + '%';
        track.append(axis);
      }

      const value = document.createElement('span');
      value.className = 'patrol-score';
      value.textContent = String(score);

      item.append(name, track, value);
      return item;
    });

    list.replaceChildren(...items);
    list.style.setProperty('--rows', String(Math.max(patrols.length, 3)));
  }

  // ---- the countdown timer ---------------------------------------------------------------------------------------------
  // The stream's `event: timer` carries {"state":"running|paused|ended|none","remaining_seconds":N,"duration_seconds":N}
  // whenever the board's countdown changes (and on connecting). The page counts down itself between events.
  const countdown = { state: 'none', endsAt: 0, remaining: 0 };

  function onTimer(text, gen) {
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }

    countdown.state = body.state;
    countdown.remaining = Math.max(0, Number(body.remaining_seconds) || 0);
    countdown.endsAt = Date.now() + countdown.remaining * 1000;
    tickTimer(gen);
  }

  function tickTimer(gen) {
    if (gen !== generation) return;
    const section = $('timer');
    if (countdown.state === 'none') {
      section.hidden = true;
      return;
    }

    const left = countdown.state === 'running'
      ? Math.max(0, Math.ceil((countdown.endsAt - Date.now()) / 1000))
      : countdown.state === 'paused' ? countdown.remaining : 0;
    const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    section.hidden = false;
    section.classList.toggle('paused', countdown.state === 'paused');
    section.classList.toggle('ended', left === 0);
    section.textContent = countdown.state === 'paused' ? `${clock} (paused)` : left === 0 ? "0:00 Time's up" : clock;
    if (countdown.state === 'running' && left > 0) later(250, () => tickTimer(gen));
  }

  // ---- forget this board --------------------------------------------------------------------------------------------------
  function setUpForget() {
    $('forget').addEventListener('click', () => {
      $('forget').hidden = true;
      $('forget-confirm').hidden = false;
      $('forget-no').focus();
    });
    $('forget-no').addEventListener('click', resetForget);
    $('forget-yes').addEventListener('click', async () => {
      const token = loadToken();
      let done = !token;
      if (token) {
        try {
          const response = await fetch('/api/v1/device', { method: 'DELETE', headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' });
          done = response.status === 204 || response.status === 401; // 401: already forgotten by the gateway
        } catch {
          done = false;
        }
      }

      if (!done) {
        setConnection('down', 'Could not reach the scoreboard server to forget this board; try again.');
        resetForget();
        return;
      }

      forgetToken();
      live.lastBody = null;
      resetForget();
      startPairing();
    });
  }

  function resetForget() {
    $('forget').hidden = false;
    $('forget-confirm').hidden = true;
  }

  // ---- waking up: sleep, network back, tab shown ----------------------------------------------------------------------------
  function wake() {
    if (document.visibilityState !== 'visible' || $('board').hidden) return;
    const gen = generation;
    if (live.streamOpen) {
      if (Date.now() - live.lastContact > SILENCE_MS && live.streamAbort) live.streamAbort.abort(); // asleep too long: reconnect
      return;
    }

    live.backoff = BACKOFF_FIRST_MS;
    clearTimeout(live.retryTimer);
    live.retryTimer = later(jitter(250), () => connectStream(gen));
  }

  // Offline: drop the stream at once (it may otherwise hang until the silence watchdog) and say so; `online` reconnects.
  function offline() {
    if ($('board').hidden) return;
    if (live.streamAbort) live.streamAbort.abort();
    setConnection('down', disconnectedText());
  }

  window.addEventListener('offline', offline);
  window.addEventListener('online', wake);
  document.addEventListener('visibilitychange', wake);
  window.addEventListener('pageshow', wake);

  setUpForget();
  if (loadToken()) startScores();
  else startPairing();
})();
