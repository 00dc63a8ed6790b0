// The live event feed of the signed-in user. WebSocket first (GET /api/v1/ws), Server-Sent Events as the fallback
// (GET /api/v1/events); both authenticate with a one-time ticket from POST /api/v1/events/ticket, because browsers
// cannot put an Authorization header on either. Reconnects with a new ticket and resumes after the last event id.
import { api } from './api.js';

const EVENT_TYPES = [
  'project.created', 'project.updated', 'project.claimed', 'project.released', 'project.deleted',
  'project.collaborator_added', 'project.collaborator_removed', 'auth.user_registered', 'auth.session_revoked',
  'auth.token_revoked', 'ai.analysis_completed', 'learning.quiz_completed',
];

export class LiveFeed {
  constructor({ onEvent, onState }) {
    this.onEvent = onEvent;
    this.onState = onState;
    this.lastId = null;
    this.socket = null;
    this.source = null;
    this.stopped = true;
    this.failures = 0;
    this.projects = new Set();
    this.transport = 'websocket';
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    // ?transport=sse on the page the feed starts from forces Server-Sent Events (tests, proxies without upgrades).
    this.transport = new URLSearchParams(location.search).get('transport') === 'sse' ? 'sse' : 'websocket';
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retry);
    this.socket?.close(1000, 'logged out');
    this.source?.close();
    this.socket = null;
    this.source = null;
    this.onState('offline');
  }

  /** Narrows the feed to a project (the project page); with none, every visible event arrives. */
  subscribe(projectId) {
    this.projects.add(projectId);
    this.sendSubscription('subscribe', projectId);
  }

  unsubscribe(projectId) {
    this.projects.delete(projectId);
    this.sendSubscription('unsubscribe', projectId);
  }

  sendSubscription(type, projectId) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type, projectId }));
  }

  async connect() {
    if (this.stopped) return;
    this.onState('connecting');
    let ticket;
    try {
      ticket = (await api.post('/api/v1/events/ticket')).ticket;
    } catch (error) {
      this.later(error.status === 401);
      return;
    }
    if (this.stopped) return;
    const query = new URLSearchParams({ ticket });
    if (this.lastId) query.set('lastEventId', this.lastId);
    if (this.transport === 'websocket') this.openSocket(query); else this.openSource(query);
  }

  openSocket(query) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/v1/ws?${query}`);
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      for (const id of this.projects) socket.send(JSON.stringify({ type: 'subscribe', projectId: id }));
    });
    socket.addEventListener('message', (message) => {
      let frame;
      try { frame = JSON.parse(message.data); } catch { return; }
      if (frame.type === 'connected') { this.failures = 0; this.onState('live (WebSocket)'); }
      if (frame.type === 'event' && frame.event) this.deliver(frame.id, frame.event);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      // Two WebSocket failures in a row before any frame: this network may not pass upgrades; use SSE.
      if (!opened && ++this.failures >= 2) this.transport = 'sse';
      this.later();
    });
  }

  openSource(query) {
    const source = new EventSource(`/api/v1/events?${query}`);
    this.source = source;
    source.addEventListener('open', () => { this.failures = 0; this.onState('live (SSE)'); });
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        let envelope;
        try { envelope = JSON.parse(message.data); } catch { return; }
        if (this.projects.size && !this.projects.has(envelope.data?.projectId ?? envelope.subject)) {
          this.lastId = message.lastEventId || this.lastId;
          return;
        }
        this.deliver(message.lastEventId, envelope);
      });
    }
    source.addEventListener('error', () => {
      // EventSource would retry with the same URL, whose ticket is spent: reconnect with a new one instead.
      source.close();
      if (this.source !== source) return;
      this.source = null;
      this.later();
    });
  }

  deliver(id, envelope) {
    if (id) this.lastId = id;
    try { this.onEvent(envelope); } catch (error) { console.error('event handler failed', error); }
  }

  later(unauthorized = false) {
    if (this.stopped) return;
    this.onState(unauthorized ? 'offline (signed out)' : 'reconnecting');
    if (unauthorized) return;
    const delay = Math.min(10000, 250 * 2 ** Math.min(this.failures, 6));
    this.failures += 1;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.connect(), delay);
  }
}
