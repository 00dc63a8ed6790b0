// The console's shell: a client-side router over the pages the gateway answers with index.html, the signed-in
// header, and the live feed that pages listen to.
import { currentUser, isSignedIn, logout, onSessionEnd, resume, sessionId, sessionRevoked } from './api.js';
import { el, replace } from './dom.js';
import { LiveFeed } from './live.js';
import { loginPage, registerPage } from './pages/login.js';
import { projectsPage } from './pages/projects.js';
import { projectPage } from './pages/project.js';
import { analysisPage } from './pages/analysis.js';
import { learningPage } from './pages/learning.js';
import { memoryPage } from './pages/memory.js';

const main = document.getElementById('main');
const eventListeners = new Set();
let leavePage = null;
let flash = null;
let rendered = false;

const routes = [
  { pattern: /^\/login$/, page: loginPage, public: true, title: 'Log in' },
  { pattern: /^\/register$/, page: registerPage, public: true, title: 'Register' },
  { pattern: /^\/(projects)?$/, page: projectsPage, title: 'Projects' },
  { pattern: /^\/projects\/([0-9a-fA-F-]{36})$/, page: projectPage, title: 'Project' },
  { pattern: /^\/analysis$/, page: analysisPage, title: 'Analysis' },
  { pattern: /^\/learning$/, page: learningPage, title: 'Learning' },
  { pattern: /^\/memory$/, page: memoryPage, title: 'Memory' },
];

export const feed = new LiveFeed({
  onEvent(envelope) {
    if (envelope.type === 'auth.session_revoked' && envelope.data?.sessionId === sessionId()) {
      sessionRevoked();
      return;
    }
    for (const listener of eventListeners) listener(envelope);
  },
  onState(state) {
    const status = document.getElementById('live-status');
    status.textContent = state;
    status.dataset.state = state.startsWith('live') ? 'live' : 'down';
  },
});

/** What a page gets: where to render, how to navigate, live events, and a cleanup hook. */
function pageContext(params) {
  const cleanups = [];
  return {
    main,
    params,
    navigate,
    user: currentUser(),
    feed,
    onEvent(listener) {
      eventListeners.add(listener);
      cleanups.push(() => eventListeners.delete(listener));
    },
    onLeave(cleanup) { cleanups.push(cleanup); },
    takeFlash() { const message = flash; flash = null; return message; },
    leave() { for (const cleanup of cleanups.splice(0)) { try { cleanup(); } catch (error) { console.error(error); } } },
  };
}

export function navigate(path, { replace: replaceState = false } = {}) {
  if (replaceState) history.replaceState({}, '', path); else history.pushState({}, '', path);
  render();
}

async function render() {
  rendered = true;
  const path = location.pathname;
  const route = routes.find((candidate) => candidate.pattern.test(path));
  if (leavePage) { leavePage(); leavePage = null; }
  if (!route) {
    replace(main, el('h1', { text: 'Not found' }), el('p', {}, 'There is no page at this address. ', el('a', { href: '/projects', 'data-link': true, text: 'Your projects' })));
    return;
  }
  if (!route.public && !isSignedIn()) {
    const next = path + location.search;
    history.replaceState({}, '', `/login?next=${encodeURIComponent(next)}`);
    return render();
  }
  showSignedIn();
  document.title = `${route.title} · DevMentor`;
  const context = pageContext(route.pattern.exec(path).slice(1));
  leavePage = () => context.leave();
  replace(main);
  try {
    await route.page(context);
  } catch (error) {
    replace(main, el('h1', { text: route.title }), el('p', { class: 'message error', role: 'alert', text: error.words ?? String(error) }));
  }
  for (const link of document.querySelectorAll('#nav a')) {
    if (path.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

function showSignedIn() {
  const user = currentUser();
  document.getElementById('nav').hidden = !user;
  document.getElementById('who').hidden = !user;
  document.getElementById('who-name').textContent = user ? user.displayName : '';
  if (user) feed.start();
}

onSessionEnd((reason, kind) => {
  feed.stop();
  flash = { text: reason, kind };
  showSignedIn();
  const next = location.pathname.startsWith('/login') ? '' : `?next=${encodeURIComponent(location.pathname)}`;
  navigate(`/login${next}`, { replace: true });
});

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', render);
document.getElementById('logout').addEventListener('click', () => logout());

(async () => {
  await resume();
  // A refused resume has already shown the login page with its reason.
  if (!rendered) render();
})();
