// One project: its fields, who is editing it, Edit → claim → Save, collaborators; live while the page is open.
import { api, currentUser, request } from '../api.js';
import { el, field, formatLeft, formatTime, messageBox, replace, showMessage } from '../dom.js';
import { displayName, findByEmail } from '../users.js';

const CLAIM_SECONDS = 60;
const RENEW_EVERY_MS = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function projectPage(context) {
  const id = context.params[0].toLowerCase();
  const me = currentUser();
  const state = { project: null, lock: { locked: false }, claim: null, baseVersion: null, holderName: null, deleted: false, saving: false };

  const message = messageBox('project-message');
  const conflict = el('div', { class: 'message conflict', role: 'alert', 'data-testid': 'conflict-message', hidden: true });
  const notice = el('p', { class: 'message notice', role: 'status', 'data-testid': 'project-notice', hidden: true });
  const title = el('h1', { 'data-testid': 'project-title' });
  const facts = el('p', { class: 'muted', 'data-testid': 'project-facts' });
  const descriptionView = el('p', { class: 'description', 'data-testid': 'project-description-view' });
  const lockPanel = el('section', { class: 'card', 'aria-label': 'Editing' });
  const people = el('section', { class: 'card', 'aria-labelledby': 'people-title' });

  let tick = null;
  let renewal = null;

  function claimHeaders() {
    return { 'X-Claim-Token': state.claim.id };
  }

  async function load() {
    try {
      const [project, lock] = await Promise.all([api.get(`/api/v1/projects/${id}`), api.get(`/api/v1/projects/${id}/lock`)]);
      state.project = project;
      state.lock = lock;
      state.holderName = lock.locked ? await displayName(lock.holderId) : null;
    } catch (error) {
      if (error.status === 404) state.deleted = true;
      showMessage(message, error.words);
    }
    render();
  }

  function render() {
    const project = state.project;
    if (!project) return;
    title.textContent = project.name;
    facts.textContent = `${project.status} · version ${project.version} · updated ${new Date(project.updatedAt).toLocaleString()}`;
    descriptionView.textContent = project.description || 'No description.';
    renderLock();
    renderPeople();
  }

  function renderLock() {
    if (state.claim) return renderEditor();
    const lock = state.lock;
    if (lock.locked && lock.holderId !== me.id) {
      const left = el('span', { 'data-testid': 'locked-left' });
      const update = () => { left.textContent = formatLeft((new Date(lock.expiresAt) - Date.now()) / 1000); };
      update();
      setTicker(update);
      replace(lockPanel,
        el('p', { class: 'locked', 'data-testid': 'locked-message' },
          'Locked: ', el('strong', { 'data-testid': 'locked-by', text: state.holderName ?? 'another user' }),
          ` is editing this project until ${formatTime(lock.expiresAt)} (`, left, ' left).'),
        el('p', { class: 'muted', text: 'You can edit once they save or their claim runs out; this page updates by itself.' }));
      return;
    }
    setTicker(null);
    const edit = el('button', { type: 'button', 'data-testid': 'edit-button', text: 'Edit', disabled: state.deleted });
    edit.addEventListener('click', startEditing);
    const mine = lock.locked && lock.holderId === me.id
      ? el('p', { class: 'muted', text: 'You hold this project\'s claim in another window; Edit continues it here.' }) : null;
    replace(lockPanel, el('h2', { text: 'Edit' }), mine, el('p', { class: 'muted', text: 'Editing claims the project: others see that you are editing it until you save.' }), edit);
  }

  function renderEditor() {
    const project = state.project;
    const name = field('Name', { type: 'text', required: true, maxlength: 200, value: project.name, 'data-testid': 'edit-name' });
    const description = field('Description', { rows: 5, maxlength: 10000, 'data-testid': 'edit-description' }, 'textarea');
    description.input.value = project.description;
    const status = field('Status', { 'data-testid': 'edit-status' }, 'select');
    for (const value of ['active', 'archived']) status.input.append(el('option', { value, text: value, selected: value === project.status }));
    const indicator = el('p', { class: 'editing', role: 'status', 'data-testid': 'editing-indicator' });
    const update = () => {
      indicator.textContent = `You are editing · claim renews automatically · ${formatLeft((new Date(state.claim.expiresAt) - Date.now()) / 1000)} left`;
    };
    update();
    setTicker(update);
    const save = el('button', { type: 'submit', 'data-testid': 'save-button', text: 'Save' });
    const cancel = el('button', { type: 'button', class: 'secondary', 'data-testid': 'cancel-button', text: 'Cancel' });
    const form = el('form', { 'aria-label': 'Edit project' }, indicator, name.row, description.row, status.row, el('div', { class: 'actions' }, save, cancel));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      save.disabled = true;
      await saveChanges({ name: name.input.value, description: description.input.value, status: status.input.value });
      save.disabled = false;
    });
    cancel.addEventListener('click', async () => { await release(); await load(); });
    replace(lockPanel, el('h2', { text: 'Edit' }), form);
    name.input.focus();
  }

  async function startEditing() {
    showMessage(message, '');
    conflict.hidden = true;
    try {
      state.claim = await api.post(`/api/v1/projects/${id}/claim`, { ttlSeconds: CLAIM_SECONDS });
      // The version this edit is based on: a save after someone else's save is a 412, not a silent overwrite.
      state.project = await api.get(`/api/v1/projects/${id}`);
      state.baseVersion = state.project.version;
      clearInterval(renewal);
      renewal = setInterval(renew, RENEW_EVERY_MS);
    } catch (error) {
      state.claim = null;
      showMessage(message, error.words);
      await load();
      return;
    }
    render();
  }

  async function renew() {
    if (!state.claim) return;
    try {
      state.claim = await api.post(`/api/v1/projects/${id}/claim/renew`, undefined, { headers: claimHeaders() });
    } catch (error) {
      stopEditing();
      showMessage(message, `Your claim ended, so your changes can no longer be saved: ${error.words}`);
      await load();
    }
  }

  async function saveChanges(changes) {
    showMessage(message, '');
    state.saving = true;
    try {
      await api.patch(`/api/v1/projects/${id}`, changes, { headers: { ...claimHeaders(), 'If-Match': `"${state.baseVersion}"` } });
      conflict.hidden = true;
      notice.hidden = true;
      await release();
      await load();
      showMessage(message, 'Saved.', 'notice');
    } catch (error) {
      if (error.status === 412) {
        const current = error.details?.currentVersion;
        replace(conflict,
          el('strong', { text: 'Version conflict: ' }),
          `someone saved this project${current ? ` (now version ${current})` : ''} after you started editing version ${state.baseVersion}. Your changes were not saved. `,
          el('button', { type: 'button', class: 'secondary', 'data-testid': 'conflict-reload', text: 'Load the latest version', onclick: reloadLatest }),
          ` (${error.code})`);
        conflict.hidden = false;
      } else {
        showMessage(message, error.words);
      }
    } finally {
      state.saving = false;
    }
  }

  async function reloadLatest() {
    state.project = await api.get(`/api/v1/projects/${id}`);
    state.baseVersion = state.project.version;
    conflict.hidden = true;
    notice.hidden = true;
    render();
  }

  function stopEditing() {
    clearInterval(renewal);
    renewal = null;
    state.claim = null;
    state.baseVersion = null;
  }

  async function release() {
    const claim = state.claim;
    stopEditing();
    if (!claim) return;
    try { await api.delete(`/api/v1/projects/${id}/claim`, { headers: { 'X-Claim-Token': claim.id } }); } catch { /* expired anyway */ }
  }

  function setTicker(update) {
    clearInterval(tick);
    tick = update ? setInterval(update, 1000) : null;
  }

  function renderPeople() {
    const project = state.project;
    const owner = project.ownerId === me.id;
    const list = el('ul', { class: 'people', 'data-testid': 'collaborator-list' });
    const ownerItem = el('li', {}, el('span', { text: '…' }), el('span', { class: 'badge', text: 'owner' }));
    displayName(project.ownerId).then((name) => { ownerItem.firstChild.textContent = name ?? project.ownerId; });
    list.append(ownerItem);
    for (const userId of project.collaborators) {
      const label = el('span', { 'data-testid': 'collaborator-name', text: '…' });
      displayName(userId).then((name) => { label.textContent = name ?? userId; });
      const remove = owner ? el('button', { type: 'button', class: 'secondary small', 'data-testid': 'collaborator-remove', 'aria-label': 'Remove collaborator', text: 'Remove' }) : null;
      remove?.addEventListener('click', async () => {
        try { await api.delete(`/api/v1/projects/${id}/collaborators/${userId}`); await load(); } catch (error) { showMessage(message, error.words); }
      });
      list.append(el('li', {}, label, remove));
    }
    const children = [el('h2', { id: 'people-title', text: 'People' }), list];
    if (owner) {
      const who = field('Add a collaborator (email or user id)', { type: 'text', required: true, 'data-testid': 'collaborator-input' });
      const add = el('button', { type: 'submit', 'data-testid': 'collaborator-add', text: 'Add' });
      const form = el('form', { class: 'inline' }, who.row, add);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showMessage(message, '');
        const value = who.input.value.trim();
        try {
          const userId = UUID.test(value) ? value.toLowerCase() : (await findByEmail(value)).id;
          await api.post(`/api/v1/projects/${id}/collaborators`, { userId });
          await load();
        } catch (error) {
          showMessage(message, error.words);
        }
      });
      children.push(form);
    }
    replace(people, ...children);
  }

  // Live: another user's claim, release, save or membership change shows here without a reload.
  context.feed.subscribe(id);
  context.onLeave(() => context.feed.unsubscribe(id));
  context.onEvent(async (envelope) => {
    if ((envelope.data?.projectId ?? envelope.subject) !== id) return;
    if (envelope.type === 'project.deleted') {
      stopEditing();
      state.deleted = true;
      showMessage(message, 'This project was deleted.');
      render();
      return;
    }
    // This page's own save (its event can beat the PATCH's answer): the save reloads anyway.
    if (state.saving) return;
    if (envelope.type === 'project.updated' && state.claim && envelope.actorId !== me.id) {
      notice.textContent = `Someone saved version ${envelope.data?.version} while you were editing; saving now will report a conflict.`;
      notice.hidden = false;
      return;
    }
    if (state.claim && envelope.type === 'project.updated') {
      notice.textContent = `This project was saved elsewhere (version ${envelope.data?.version}) while you were editing.`;
      notice.hidden = false;
      return;
    }
    if (!state.claim) await load();
  });

  // Leaving the page or closing the tab gives the claim back (keepalive: the request outlives the page).
  const onPageHide = () => {
    if (!state.claim) return;
    request('DELETE', `/api/v1/projects/${id}/claim`, { headers: claimHeaders(), keepalive: true }).catch(() => {});
  };
  window.addEventListener('pagehide', onPageHide);
  context.onLeave(() => {
    window.removeEventListener('pagehide', onPageHide);
    clearInterval(tick);
    if (state.claim) release();
  });

  replace(context.main,
    el('p', {}, el('a', { href: '/projects', 'data-link': true, text: '← Projects' })),
    title, facts, message, conflict, notice, descriptionView, lockPanel, people);
  await load();
}
